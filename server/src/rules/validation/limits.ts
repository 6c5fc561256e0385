/** Clamps and limits the frontend applies silently. */
import { finding, Finding, RULES } from '../../tables/rules';
import { RuleContext, valueSpan } from '../context';
import { LIMITS } from '../../tables/sndif';
import type { XsNode } from '../../tree/xenstoreTree';
import type { IgnoredNode } from '../../resolver/resolve';
import { fromBytes } from '../../tree/xenstoreTree';

export function limitRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const { resolved, label } of ctx.levels) {
    const r = resolved.reads;
    if (r.channelsClamped) {
      const minNode = r.channelsMin && r.channelsMin.result.value !== 0 ? r.channelsMin.node : undefined;
      const maxNode = r.channelsMax && r.channelsMax.result.value !== 0 ? r.channelsMax.node : undefined;
      const at = minNode ?? maxNode;
      if (at) {
        const swap = minNode && maxNode && minNode.value && maxNode.value && !minNode.value.truncated
          ? { kind: 'replace' as const, title: 'Swap channels-min and channels-max', preferred: true, safe: true, edits: [
            { span: valueSpan(minNode), text: textAt(ctx, maxNode) },
            { span: valueSpan(maxNode), text: textAt(ctx, minNode) },
          ] }
          : undefined;
        out.push(finding(RULES.channelsMinAboveMax, valueSpan(at),
          `channels-min ${r.channelsClamped.from} is above channels-max ${r.channelsClamped.to}: the frontend lowers channels-min, so ${label} gets exactly ${r.channelsClamped.to} channel${r.channelsClamped.to === 1 ? '' : 's'}`,
          swap));
      }
    }
    const buffer = r.bufferSize;
    if (buffer && buffer.result.value !== 0 && buffer.result.value < 2 * resolved.hw.periodBytesMin) {
      out.push(finding(RULES.bufferTooSmall, valueSpan(buffer.node),
        `buffer-size ${buffer.result.value} holds fewer than two periods of ${resolved.hw.periodBytesMin} bytes: periods_max becomes ${resolved.hw.periodsMax} while periods_min stays ${resolved.hw.periodsMin}, so ${label} cannot be opened; use at least ${2 * resolved.hw.periodBytesMin}`));
    }
  }
  for (const card of ctx.cards) {
    ignoredNodes(card.ignored, 'device', LIMITS.maxDevices, out);
    for (const device of card.devices) {
      ignoredNodes(device.ignored, 'stream', LIMITS.maxStreams, out);
      const nameNode = device.nameNode;
      const raw = nameNode?.value?.text;
      if (nameNode?.value && raw && raw.length > LIMITS.pcmNameBytes) {
        out.push(finding(RULES.pcmNameTooLong, nameNode.value.span,
          `The PCM name is ${raw.length} bytes; the frontend keeps the first ${LIMITS.pcmNameBytes}: "${fromBytes(device.name)}"`));
      }
    }
  }
  return out;
}

function ignoredNodes(nodes: IgnoredNode[], what: 'device' | 'stream', limit: number, out: Finding[]): void {
  for (const { node, reason } of nodes) {
    if (reason === 'limit') {
      out.push(finding(what === 'device' ? RULES.tooManyDevices : RULES.tooManyStreams, node.keySpan,
        `${what === 'device' ? 'PCM device' : 'Stream'} ${node.name} is past the frontend's limit of ${limit} ${what}s and is ignored`));
    } else {
      out.push(finding(RULES.indexGap, node.keySpan,
        `${what === 'device' ? 'PCM device' : 'Stream'} ${node.name} comes after a gap in the indices: the frontend stops counting at the first missing one and ignores it`));
    }
  }
}

/** The document text of a node's value, for edits that move values around. */
function textAt(ctx: RuleContext, node: XsNode): string {
  return ctx.sourceText.slice(valueSpan(node).start, valueSpan(node).end);
}

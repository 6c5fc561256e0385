/** Clamps and limits the frontend applies silently. */
import { explained, Explained, finding, Finding, RULES } from '../../tables/rules';
import { RuleContext, valueSpan } from '../context';
import { deviceLimitCondition, LIMITS, MaxPcmDevices } from '../../tables/sndif';
import type { XsNode } from '../../tree/xenstoreTree';
import type { IgnoredNode } from '../../resolver/resolve';
import { fromBytes } from '../../tree/xenstoreTree';

export function limitRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const visit of ctx.levels) {
    const resolved = visit.resolved;
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
          explained(`Minimum channels ${r.channelsClamped.from} above maximum ${r.channelsClamped.to}: swap channels-min and channels-max`,
            `The frontend lowers channels-min to channels-max, so ${visit.label} gets exactly ${r.channelsClamped.to} channel${r.channelsClamped.to === 1 ? '' : 's'}.`),
          swap));
      }
    }
    const buffer = r.bufferSize;
    if (buffer && buffer.result.value !== 0 && buffer.result.value < 2 * resolved.hw.periodBytesMin) {
      out.push(finding(RULES.bufferTooSmall, valueSpan(buffer.node),
        explained(`Buffer too small to open the stream: use at least ${2 * resolved.hw.periodBytesMin} bytes`,
          `buffer-size ${buffer.result.value} holds fewer than two periods of ${resolved.hw.periodBytesMin} bytes: periods_max becomes ${resolved.hw.periodsMax} while periods_min stays ${resolved.hw.periodsMin}, so ${visit.label} cannot be opened.`)));
    }
  }
  for (const card of ctx.cards) {
    ignoredNodes(ctx, card.ignored, 'device', card.deviceLimit, out);
    for (const device of card.devices) {
      ignoredNodes(ctx, device.ignored, 'stream', LIMITS.maxStreams, out);
      const nameNode = device.nameNode;
      const raw = nameNode?.valueText;
      if (nameNode?.value && raw && device.name.length > LIMITS.alsaPcmIdBytes) {
        const shown = fromBytes(device.name.slice(0, LIMITS.alsaPcmIdBytes));
        out.push(finding(RULES.pcmNameTooLong, nameNode.value.span,
          explained(`PCM name too long: the guest shows only its first ${LIMITS.alsaPcmIdBytes} bytes`,
            `The name is ${raw.length} bytes; the frontend keeps ${Math.min(raw.length, LIMITS.pcmNameBytes)} and makes them the ALSA PCM id, which keeps ${LIMITS.alsaPcmIdBytes}: the guest lists "${shown}".`)));
      }
    }
  }
  return out;
}

function ignoredNodes(ctx: RuleContext, nodes: IgnoredNode[], what: 'device' | 'stream', limit: MaxPcmDevices | number, out: Finding[]): void {
  for (const { node, reason } of nodes) {
    // In an xl.cfg a gap is an item that wrote nothing; item-writes-nothing explains it there.
    if (reason === 'gap' && ctx.language === 'xl') continue;
    if (reason === 'limit' && what === 'device') {
      out.push(finding(RULES.tooManyDevices, node.keySpan, tooManyDevicesMessage(node.name, limit as MaxPcmDevices)));
    } else if (reason === 'limit') {
      out.push(finding(RULES.tooManyStreams, node.keySpan,
        `Stream ${node.name} is past the frontend's limit of ${limit} streams and is ignored`));
    } else {
      out.push(finding(RULES.indexGap, node.keySpan,
        explained(`${what === 'device' ? 'PCM device' : 'Stream'} ${node.name} follows a gap in the indices and is ignored: renumber it`,
          'The frontend counts devices and streams from 0 and stops at the first missing index.')));
    }
  }
}

/** Names the kernel option behind the limit either way, and the setting that models it. */
function tooManyDevicesMessage(name: string, limit: MaxPcmDevices): Explained {
  const hint = limit === 8 ? ' If the guest kernel has it, set sndif.maxPcmDevices (--max-pcm-devices) to 254.' : '';
  return explained(`PCM ${name} is ignored: a guest ${deviceLimitCondition(limit)} reads ${limit}`,
    `The guest's sound frontend reads at most ${limit} PCM devices per card (SNDRV_PCM_DEVICES) and ignores the rest.${hint}`);
}

/** The document text of a node's value, for edits that move values around. */
function textAt(ctx: RuleContext, node: XsNode): string {
  return ctx.sourceText.slice(valueSpan(node).start, valueSpan(node).end);
}

/**
 * An item that sets nothing: libxl writes no key for it, so XenStore has no node at its index
 * and the frontend, which counts devices and streams up to the first missing index, never sees
 * it nor anything after it.
 */
import { explained, finding, Finding, RULES, TextReplacement } from '../../tables/rules';
import type { UnwrittenItem } from '../../model/libxl';
import type { CardModel } from '../../model/vsndItems';
import type { ResolvedCard } from '../../resolver/resolve';
import { errnoText } from '../../resolver/resolve';
import type { Span } from '../../text/lineIndex';

/** `rejected`: spans of xl's errors; an item with one inside (or in its streams) is xl's business. */
export function unwrittenItemRules(items: readonly UnwrittenItem[], models: readonly CardModel[], cards: readonly ResolvedCard[], rejected: readonly Span[]): Finding[] {
  const out: Finding[] = [];
  const xlRejects = (from: number, to: number) => rejected.some((r) => r.start >= from && r.end <= to);
  for (const item of items) {
    const model = models[item.card];
    const card = cards[item.card];
    if (!model || !card) continue;
    if (item.kind === 'pcm') {
      const pcm = item.pcm;
      const counted = card.devices.length;
      const later = model.pcms.slice(item.device + 1).filter((_, k) => card.node.child(String(item.device + 1 + k))).length;
      const last = pcm.streams.length ? pcm.streams[pcm.streams.length - 1].listIndex : pcm.listIndex;
      if (xlRejects(pcm.span.start, model.itemSpans[last].end)) continue;
      out.push(finding(RULES.itemWritesNothing, pcm.span,
        explained(`PCM ${item.device} sets no key, so libxl writes no node for it: add a name or remove it`,
          guestSees('device', item.device, counted, later, `PCM ${item.device}`)),
        { kind: 'choices', choices: [
          { title: `Add name=pcm${item.device}`, edits: [insert(pcm.insertAt, `, name=pcm${item.device}`)] },
          { title: pcm.streams.length ? 'Remove the item and its streams' : 'Remove the item', edits: [removal(model, pcm.listIndex, last)] },
        ] }));
    } else {
      const device = card.devices[item.device];
      if (!device) continue; // its PCM device is not counted: that finding says so
      const counted = device.streams.length;
      const deviceNode = card.node.child(String(item.device));
      const siblings = model.pcms[item.device]?.streams ?? [];
      const later = siblings.slice(item.stream + 1).filter((_, k) => deviceNode?.child(String(item.stream + 1 + k))).length;
      const stream = item.model;
      if (xlRejects(stream.span.start, stream.span.end)) continue;
      out.push(finding(RULES.itemWritesNothing, stream.span,
        explained(`Stream ${item.device}/${item.stream} sets no key, so libxl writes no node for it: add a type`,
          guestSees('stream', item.stream, counted, later, `stream ${item.device}/${item.stream}`)),
        { kind: 'choices', choices: [
          { title: 'Add type=p (playback)', edits: [insert(stream.insertAt, ', type=p')] },
          { title: 'Add type=c (capture)', edits: [insert(stream.insertAt, ', type=c')] },
          { title: 'Remove the item', edits: [removal(model, stream.listIndex, stream.listIndex)] },
        ] }));
    }
  }
  return out;
}

/** What the frontend makes of a missing index, given how many it counted before it. */
function guestSees(what: 'device' | 'stream', index: number, counted: number, later: number, name: string): string {
  const noun = what === 'device' ? 'PCM' : 'stream';
  const plural = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  if (counted < index) return `The guest never sees it: it stopped counting at ${noun} ${counted}.`;
  if (what === 'device' && index === 0) return `The guest finds no PCM 0, so the card fails to probe with ${errnoText('ENODEV')}.`;
  if (later === 0) return `The guest counts ${plural(counted)} and never sees this one.`;
  return `The guest stops counting at ${name} and ignores the ${plural(later)} after it.`;
}

function insert(offset: number, text: string): TextReplacement {
  return { span: { start: offset, end: offset }, text };
}

/** Items first..last of a card's list, with the comma and blanks that separate them from a neighbour. */
function removal(model: CardModel, first: number, last: number): TextReplacement {
  const spans = model.itemSpans;
  let span: Span;
  if (first > 0) span = { start: spans[first - 1].end, end: spans[last].end };
  else if (last + 1 < spans.length) span = { start: spans[first].start, end: spans[last + 1].start };
  else span = { start: spans[first].start, end: spans[last].end };
  return { span, text: '' };
}

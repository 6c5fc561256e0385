/**
 * What sits at a document offset, in terms both languages share: a card, device or stream
 * node, a key (and which list element of its value), or an xl item word.
 */
import type { Analysis } from './analyze';
import type { ResolvedCard, ResolvedDevice, ResolvedStream } from '../resolver/resolve';
import type { XsNode } from '../tree/xenstoreTree';
import { pieceSpans, subtreeExtent } from '../tree/xenstoreTree';
import { Span, spanContains } from '../text/lineIndex';
import { splitItem } from '../model/vsndItems';
import type { XlList, XlString, XlValue } from '../syntax/xl/ast';
import type { ItemType } from '../tables/sndif';

export interface LevelRef {
  readonly card: ResolvedCard;
  readonly device?: ResolvedDevice;
  readonly stream?: ResolvedStream;
}

export type Target =
  | ({ readonly kind: 'level'; readonly span: Span } & LevelRef)
  | ({
    readonly kind: 'key';
    readonly key: string;
    readonly span: Span;
    readonly node?: XsNode;
    /** The list element under the offset, for sample-rates and sample-formats. */
    readonly element?: { text: string; span: Span };
  } & Partial<LevelRef>);


/** Each card's whole extent in the document, sorted, computed once per analysis. */
interface CardExtent { start: number; end: number; card: ResolvedCard }
const extents = new WeakMap<Analysis, CardExtent[]>();


/**
 * An edit moved the previous analysis into `to` (service/incremental): its card extents, if
 * computed, move along instead of being computed again; `replaced` maps re-resolved cards.
 * The previous analysis was consumed by the edit, so its entries are moved in place (a
 * keystroke in a dump of 4,000 cards allocates none); with `remeasure` (lines added or
 * removed) re-read cards are measured again and the list sorted anew.
 */
export function carryCardExtents(
  from: Analysis, to: Analysis, move: (offset: number) => number, replaced: ReadonlyMap<ResolvedCard, ResolvedCard>, remeasure = false,
): void {
  const list = extents.get(from);
  if (!list) return;
  for (const e of list) {
    const card = replaced.get(e.card);
    if (card && remeasure) {
      const { start, end } = subtreeExtent(card.node);
      e.start = start;
      e.end = end;
    } else {
      e.start = move(e.start);
      e.end = move(e.end);
    }
    if (card) e.card = card;
  }
  if (remeasure) list.sort((a, b) => a.start - b.start);
  extents.delete(from);
  extents.set(to, list);
}

/** A card's extent, made by one literal: entries are moved in place, which needs one fixed shape. */
function cardExtent(card: ResolvedCard): CardExtent {
  const { start, end } = subtreeExtent(card.node);
  return { start, end, card };
}

/** The cards whose extent contains the offset (a binary search, then its neighbours). */
export function cardsAt(analysis: Analysis, offset: number): ResolvedCard[] {
  let list = extents.get(analysis);
  if (!list) {
    list = analysis.cards.map((card) => cardExtent(card)).sort((a, b) => a.start - b.start);
    extents.set(analysis, list);
  }
  if (list.length === 0) return [];
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (list[mid].start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const out: ResolvedCard[] = [];
  for (let i = lo; i >= 0 && i > lo - 2; i--) if (spanContains(list[i], offset)) out.push(list[i].card);
  return out;
}

export function locate(analysis: Analysis, offset: number): Target | undefined {
  return analysis.language === 'xl' ? locateXl(analysis, offset) : locateDump(analysis, offset);
}

/** The resolved level a node belongs to, among the cards at the node's offset. */
function levelOf(analysis: Analysis, node: XsNode): LevelRef | undefined {
  for (const card of cardsAt(analysis, node.span.start)) {
    if (card.node === node) return { card };
    for (const device of card.devices) {
      if (device.node === node) return { card, device };
      for (const stream of device.streams) if (stream.node === node) return { card, device, stream };
    }
  }
  return undefined;
}

function keyTarget(analysis: Analysis, key: XsNode, parent: XsNode, offset: number): Target {
  const ref = levelOf(analysis, parent) ?? {};
  let element: { text: string; span: Span } | undefined;
  if (key.value && (key.name === 'sample-rates' || key.name === 'sample-formats') && spanContains(key.value.span, offset)) {
    const spans = pieceSpans(key.value);
    const texts = key.value.text.split(',');
    const i = spans.findIndex((s) => spanContains(s, offset));
    if (i >= 0) element = { text: texts[i] ?? '', span: spans[i] };
  }
  return { kind: 'key', key: key.name, span: key.keySpan, node: key, element, ...ref };
}

function locateDump(analysis: Analysis, offset: number): Target | undefined {
  for (const card of cardsAt(analysis, offset)) {
    const hit = deepest(card.node, offset);
    if (!hit) continue;
    const { node, parent } = hit;
    const segment = pathSegmentAt(analysis, node, offset);
    if (segment) {
      const ref = levelOf(analysis, segment.node);
      if (ref) return { kind: 'level', span: segment.span, ...ref };
    }
    const ref = levelOf(analysis, node);
    if (ref) return { kind: 'level', span: node.keySpan, ...ref };
    if (parent) return keyTarget(analysis, node, parent, offset);
  }
  return undefined;
}

/**
 * The node of a dump whose line contains the offset: the deepest such node, since a `-f` line
 * also makes the directories above its key that have no line of their own (their span is that
 * first line).
 */
function deepest(root: XsNode, offset: number): { node: XsNode; parent?: XsNode } | undefined {
  let found: XsNode | undefined;
  const stack: XsNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    const span = node.span;
    if (span.end > span.start && spanContains(span, offset)) {
      found = node;
      stack.length = 0;
    }
    for (const child of node.children) stack.push(child);
  }
  return found && { node: found, parent: found.parent };
}

/**
 * In a `-f` line, the directory whose name is under the offset (`…/vsnd/0/1/type`: the `1` is
 * PCM device 1), with that name's span; undefined on the key's own name and beyond.
 */
function pathSegmentAt(analysis: Analysis, node: XsNode, offset: number): { node: XsNode; span: Span } | undefined {
  const keyStart = node.keySpan.start;
  if (offset >= keyStart || analysis.text.charCodeAt(keyStart - 1) !== 47 /* / */) return undefined;
  const prefix = analysis.text.slice(node.span.start, keyStart);
  const at = offset - node.span.start;
  if (at < 0 || prefix[0] !== '/') return undefined;
  // Directories up from the key: one per slash between the offset and the key (the path's
  // leading slash is no directory's).
  const from = Math.max(at, 1);
  let up = 0;
  for (let i = from; i < prefix.length; i++) if (prefix.charCodeAt(i) === 47) up++;
  let dir: XsNode | undefined = node;
  for (let i = 0; i < up && dir; i++) dir = dir.parent;
  if (!dir || up === 0) return undefined;
  const end = prefix.indexOf('/', from);
  const start = prefix.lastIndexOf('/', from - 1) + 1;
  return { node: dir, span: { start: node.span.start + start, end: node.span.start + end } };
}

export interface XlItemAt {
  readonly cardIndex: number;
  readonly card: XlList;
  readonly item: XlString;
  readonly type: ItemType | undefined;
  /** Index of the comma-separated piece under the offset (0: the item type). */
  readonly pieceIndex: number;
  /** Piece text and its decoded start/end in the item. */
  readonly piece: { text: string; start: number; end: number };
  /** Offset within the piece (decoded characters). */
  readonly inPiece: number;
}

/** The card lists of the vsnd settings in document order, with their index, per analysis. */
const cardLists = new WeakMap<Analysis, { list: XlValue; index: number }[]>();

/** The xl card list containing an offset (a binary search over the cards), with its index. */
export function xlCardAt(analysis: Analysis, offset: number): { card: XlList; cardIndex: number } | undefined {
  const vsnd = analysis.xl?.vsnd;
  if (!vsnd) return undefined;
  let lists = cardLists.get(analysis);
  if (!lists) {
    lists = [];
    let index = 0;
    for (const s of vsnd.settings) if (s.value?.kind === 'list') for (const list of s.value.items) lists.push({ list, index: index++ });
    cardLists.set(analysis, lists);
  }
  let lo = 0;
  let hi = lists.length - 1;
  if (hi < 0) return undefined;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lists[mid].list.span.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  const { list, index } = lists[lo];
  return list.kind === 'list' && spanContains(list.span, offset) ? { card: list, cardIndex: index } : undefined;
}

/** The vsnd item string under an offset, split the way xl splits it. */
export function xlItemAt(analysis: Analysis, offset: number): XlItemAt | undefined {
  const found = xlCardAt(analysis, offset);
  if (!found) return undefined;
  const { card, cardIndex } = found;
  for (const item of card.items) {
    if (item.kind !== 'string' || offset <= item.span.start || offset >= item.span.end) continue;
    const index = item.value.indexOf(offset);
    const text = item.value.text;
    // Pieces as strtok sees them, plus the (possibly empty) piece being typed at the cursor.
    let start = text.lastIndexOf(',', index - 1) + 1;
    while (start < index && text[start] === ' ') start++;
    let end = text.indexOf(',', index);
    if (end < 0) end = text.length;
    const before = splitItem(item.value.slice(0, start)).length;
    const head = splitItem(item.value)[0]?.text.text.toLowerCase();
    const type = head === 'card' || head === 'pcm' || head === 'stream' ? head : undefined;
    return { cardIndex, card, item, type, pieceIndex: before, piece: { text: text.slice(start, end), start, end }, inPiece: index - start };
  }
  return undefined;
}

function locateXl(analysis: Analysis, offset: number): Target | undefined {
  // Keys that reached XenStore, deepest first.
  for (const card of cardsAt(analysis, offset)) {
    const levels: [XsNode, LevelRef][] = [];
    for (const device of card.devices) {
      for (const stream of device.streams) levels.push([stream.node, { card, device, stream }]);
      levels.push([device.node, { card, device }]);
    }
    levels.push([card.node, { card }]);
    for (const [node, ref] of levels) {
      for (const child of node.children) {
        if (child.value && !child.generated && !/^\d+$/.test(child.name) && spanContains(child.span, offset)) {
          return keyTarget(analysis, child, node, offset);
        }
      }
      if (spanContains(node.span, offset)) {
        const at = xlItemAt(analysis, offset);
        const key = at && at.pieceIndex > 0 ? at.piece.text.split('=')[0] : undefined;
        if (at && key && at.piece.text.includes('=') && at.inPiece <= key.length) {
          return { kind: 'key', key, span: at.item.value.span(at.piece.start, at.piece.start + key.length), ...ref };
        }
        return { kind: 'level', span: at ? at.item.value.span(at.piece.start, at.piece.end) : node.span, ...ref };
      }
    }
  }
  // Keys that wrote nothing (a 0, an invalid value): documentation only.
  const at = xlItemAt(analysis, offset);
  if (at && at.pieceIndex > 0 && at.piece.text.includes('=')) {
    const key = at.piece.text.split('=')[0];
    if (at.inPiece <= key.length) return { kind: 'key', key, span: at.item.value.span(at.piece.start, at.piece.start + key.length) };
  }
  return undefined;
}

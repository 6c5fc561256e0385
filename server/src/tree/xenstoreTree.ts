/**
 * The XenStore-shaped tree both languages meet in. Values are byte strings (one char per
 * byte, as the kernel sees them); every node and value remembers where it came from in the
 * document, so a finding about a value points at the exact token that produced it.
 */
import type { Span } from '../text/lineIndex';
import { MappedText } from '../text/mappedText';
import { runSteps } from '../text/steps';

export interface XsValue {
  /** The stored bytes, one char per byte. */
  readonly text: string;
  /** Where the value is written in the document (xl: after `=`; dump: inside the quotes). */
  readonly span: Span;
  /** Dumps with escapes: the decoded value mapped to the document, to find each list piece. */
  readonly source?: MappedText;
  /** Dumps without escapes: `text` is the document text at `span`, character for character. */
  readonly direct?: boolean;
  /** xl: the document span of each `,`-separated piece of `text`, aligned with it. */
  readonly pieces?: readonly Span[];
  /** xenstore-ls cut the value (`\...`): `text` is only its beginning. */
  readonly truncated?: boolean;
  /** The line reads both as a whole value ending in a backslash and dots, and as a cut one: kept whole. */
  readonly possiblyTruncated?: boolean;
}

/** How a quick-fix writes a new key below a node: in an xl item, or as a dump line. */
export type InsertionStyle =
  | { readonly kind: 'xl'; readonly offset: number }
  | { readonly kind: 'plain'; readonly offset: number; readonly depth: number }
  | { readonly kind: 'full'; readonly offset: number };

const NO_CHILDREN: readonly XsNode[] = [];

/** Values this short are kept once per tree ("48000", "p", "s16_le" repeat thousands of times). */
const INTERNED_VALUE_LENGTH = 16;

/**
 * What the nodes of one tree share: one copy of each name and short value (a host dump
 * repeats a few dozen key names 100,000 times, each sliced out of its own line), the name
 * indexes of big directories, xl insertion points, and the log of nodes in creation order
 * when the root keeps one (see XsNode.root); `nodes` is undefined once the log was taken.
 */
class TreeShared {
  private readonly strings = new Map<string, string>();
  /** Children by name of the nodes that have more than INDEX_CHILDREN_ABOVE. */
  private readonly indexes = new Map<XsNode, Map<string, XsNode>>();
  /** Where quick-fixes add keys in an xl item (few nodes; dump nodes use their line end). */
  readonly xlInsertions = new Map<XsNode, number>();
  /**
   * Every edit that moved the tree's offsets, three numbers each (after, from, delta; see
   * XsNode.moveOffsets), in order. A node applies the ones it has not seen when it is next
   * read or written: a keystroke in a 10 MB dump records one move instead of touching the
   * 60,000 nodes after it, most of which are never read before the next keystroke.
   */
  readonly moves: number[] = [];
  /** moves.length when every node reachable from the root last caught up. */
  settledAt = 0;
  constructor(public nodes?: XsNode[]) {}

  /** The name index of a node with many children, made on first use. */
  index(node: XsNode): Map<string, XsNode> {
    let index = this.indexes.get(node);
    if (!index) {
      index = new Map();
      for (const kid of node.children) index.set(kid.name, kid);
      this.indexes.set(node, index);
    }
    return index;
  }

  dropIndex(node: XsNode): void {
    this.indexes.delete(node);
  }

  intern(s: string): string {
    const known = this.strings.get(s);
    if (known !== undefined) return known;
    this.strings.set(s, s);
    return s;
  }
}

/**
 * Moves recorded since the whole tree last caught up beyond which the next move makes it
 * catch up at once (one walk): a node read after n moves applies n of them, and a walk over
 * all nodes (symbols, folding) should not apply hundreds each. The language server catches
 * up in idle time long before (settleSteps); this bounds a burst of edits without a pause.
 */
const SETTLE_AT_ONCE_AFTER_MOVES = 64;

/** Nodes brought up to date per step of settleSteps (well under a millisecond). */
const SETTLE_STEP_NODES = 1024;

/** Above this many children a node indexes them by name; below, a scan is faster and smaller. */
const INDEX_CHILDREN_ABOVE = 8;

// Bits of XsNode.flags.
const GENERATED = 1;
const DIRECT = 2;
const TRUNCATED = 4;
const POSSIBLY_TRUNCATED = 8;
const HAS_VALUE = 16;
const INSERT_KIND_SHIFT = 5; // 2 bits: 0 none, 1 xl, 2 plain, 3 full
const INSERT_DEPTH_SHIFT = 7;
const LOW_BITS = (1 << INSERT_KIND_SHIFT) - 1;

/**
 * One XenStore node. Kept small because a host dump has hundreds of thousands of them (issue
 * 12 measured peak memory per input byte): the value lives in the node's own fields (an XsValue
 * object is made when asked for), spans are numbers, flags share one integer, children are an
 * array in creation order with a name index only for big directories, the path is derived from
 * the parent.
 */
export class XsNode {
  private kids: XsNode[] | undefined;
  private flags = 0;
  private s0: number;
  private s1: number;
  private k0: number;
  private k1: number;
  private vText = '';
  private v0 = 0;
  private v1 = 0;
  /** The value's source (dumps with escapes) or pieces (xl lists), when it has one. */
  private vMap: MappedText | readonly Span[] | undefined;

  /** What all nodes of the tree share (see TreeShared). */
  private tree: TreeShared;
  /** How much of tree.moves the offsets above include. */
  private moved: number;

  /**
   * `start`/`end`: the whole definition (a dump line, an xl item or key=value piece);
   * `keyStart`/`keyEnd`: the node's own name in the document, or the definition itself.
   */
  readonly name: string;

  constructor(name: string, readonly parent: XsNode | undefined, start: number, end: number, keyStart = start, keyEnd = end) {
    this.s0 = start;
    this.s1 = end;
    this.k0 = keyStart;
    this.k1 = keyEnd;
    if (parent) {
      this.tree = parent.tree;
      this.name = parent.tree.intern(name);
      this.tree.nodes?.push(this);
    } else {
      this.name = name;
      this.tree = new TreeShared();
    }
    this.moved = this.tree.moves.length;
  }

  /**
   * Applies the moves recorded since this node's offsets were last current. Every reader and
   * writer of an offset calls it first (a write next to stale offsets would mix two texts).
   */
  private settle(): void {
    const moves = this.tree.moves;
    if (this.moved === moves.length) return;
    for (let i = this.moved; i < moves.length; i += 3) this.moveOffsets(moves[i], moves[i + 1], moves[i + 2]);
    this.moved = moves.length;
  }

  /**
   * An edit moved the text after it: every node of this node's tree moves as moveOffsets
   * says, lazily (see TreeShared.moves). For nodes that exist now; nodes made later are
   * made with offsets of the new text.
   */
  moveAllOffsets(after: number, from: number, delta: number): void {
    if (delta === 0) return;
    this.tree.moves.push(after, from, delta);
    if (this.unsettledMoves >= SETTLE_AT_ONCE_AFTER_MOVES) runSteps(this.settleSteps());
  }

  /** The root of this node's tree. */
  get treeRoot(): XsNode {
    let node: XsNode | undefined = this.parent;
    if (!node) return this;
    while (node.parent) node = node.parent;
    return node;
  }

  /** Moves recorded since every node of the tree last caught up. */
  get unsettledMoves(): number {
    return (this.tree.moves.length - this.tree.settledAt) / 3;
  }

  /**
   * Brings every node reachable from the tree's root up to date with the recorded moves,
   * yielding now and then (for idle time). Safe while the tree is edited between steps: every
   * node ends at least as current as the moves at the start, and nodes made later are current.
   */
  *settleSteps(): Generator<number, void> {
    const tree = this.tree;
    const target = tree.moves.length;
    const stack: XsNode[] = [this.treeRoot];
    let done = 0;
    while (stack.length) {
      const node = stack.pop()!;
      node.settle();
      const kids = node.kids;
      if (kids) for (let i = 0; i < kids.length; i++) stack.push(kids[i]);
      if (++done % SETTLE_STEP_NODES === 0) yield done;
    }
    if (target > tree.settledAt) tree.settledAt = target;
  }

  /**
   * A new tree. With `keepCreationOrder`, the tree lists its nodes in the order they were made
   * (a dump parser makes them line by line, so that is document order): incremental analysis
   * needs that order, and walking 100,000 nodes to find it again costs more than a keystroke.
   */
  static root(keepCreationOrder = false): XsNode {
    const root = new XsNode('', undefined, 0, 0);
    if (keepCreationOrder) root.tree = new TreeShared([root]);
    return root;
  }

  /**
   * The nodes in the order they were created, if the tree was made to keep it; the tree stops
   * keeping it then (the caller keeps the order from there on, see service/incremental).
   */
  takeCreationOrder(): XsNode[] | undefined {
    if (this.parent !== undefined) return undefined;
    const nodes = this.tree.nodes;
    this.tree.nodes = undefined;
    return nodes;
  }

  /** Every node below this one, in no particular order. */
  descendants(): XsNode[] {
    const below: XsNode[] = [];
    const stack = [...this.children];
    while (stack.length) {
      const node = stack.pop()!;
      below.push(node);
      for (const child of node.children) stack.push(child);
    }
    return below;
  }

  /**
   * Drops this node's children (incremental analysis reads them again from their lines).
   * Returns every node that was below it, in no particular order.
   */
  removeDescendants(): XsNode[] {
    const removed = this.descendants();
    this.tree.dropIndex(this);
    for (const node of removed) this.tree.dropIndex(node);
    this.kids = undefined;
    return removed;
  }

  /** Written by libxl on its own (backend links, state), not from any text in the document. */
  get generated(): boolean {
    return (this.flags & GENERATED) !== 0;
  }

  set generated(yes: boolean) {
    this.flags = yes ? this.flags | GENERATED : this.flags & ~GENERATED;
  }

  /** The node's value, if it has one (a new object each time: read `valueText` in hot loops). */
  get value(): XsValue | undefined {
    const f = this.flags;
    if ((f & HAS_VALUE) === 0) return undefined;
    this.settle();
    const value: { -readonly [K in keyof XsValue]: XsValue[K] } = { text: this.vText, span: { start: this.v0, end: this.v1 } };
    const map = this.vMap;
    if (map instanceof MappedText) value.source = map;
    else if (map) value.pieces = map as readonly Span[];
    if (f & DIRECT) value.direct = true;
    if (f & TRUNCATED) value.truncated = true;
    if (f & POSSIBLY_TRUNCATED) value.possiblyTruncated = true;
    return value;
  }

  set value(value: XsValue | undefined) {
    this.settle();
    let f = this.flags & ~(DIRECT | TRUNCATED | POSSIBLY_TRUNCATED | HAS_VALUE);
    if (value) {
      f |= HAS_VALUE;
      if (value.direct) f |= DIRECT;
      if (value.truncated) f |= TRUNCATED;
      if (value.possiblyTruncated) f |= POSSIBLY_TRUNCATED;
    }
    this.flags = f;
    this.vText = value?.text ?? '';
    this.v0 = value?.span.start ?? 0;
    this.v1 = value?.span.end ?? 0;
    this.vMap = value?.source ?? value?.pieces;
  }

  /** Sets the value without an XsValue object (the dump parser's hot loop). */
  setValueFields(text: string, start: number, end: number, source: MappedText | undefined, truncated: boolean): void {
    this.settle();
    this.flags = (this.flags & ~(DIRECT | TRUNCATED | POSSIBLY_TRUNCATED)) | HAS_VALUE | (source ? 0 : DIRECT) | (truncated ? TRUNCATED : 0);
    this.vText = text.length <= INTERNED_VALUE_LENGTH ? this.tree.intern(text) : text;
    this.v0 = start;
    this.v1 = end;
    this.vMap = source;
  }

  /** The value's bytes, or undefined when the node has none; allocates nothing. */
  get valueText(): string | undefined {
    return (this.flags & HAS_VALUE) !== 0 ? this.vText : undefined;
  }

  get hasValue(): boolean {
    return (this.flags & HAS_VALUE) !== 0;
  }

  /** Where a quick-fix adds a key below this node, when the document allows it. */
  get insertAt(): InsertionStyle | undefined {
    this.settle();
    switch ((this.flags >> INSERT_KIND_SHIFT) & 3) {
      case 1: return { kind: 'xl', offset: this.tree.xlInsertions.get(this) ?? this.s1 };
      case 2: return { kind: 'plain', offset: this.s1, depth: this.flags >>> INSERT_DEPTH_SHIFT };
      case 3: return { kind: 'full', offset: this.s1 };
      default: return undefined;
    }
  }

  /** Quick-fixes add keys to this node's xl item at `offset`. */
  setXlInsertion(offset: number): void {
    this.settle();
    this.flags = (this.flags & LOW_BITS) | (1 << INSERT_KIND_SHIFT);
    this.tree.xlInsertions.set(this, offset);
  }

  /**
   * A dump line's node takes keys below it after its line (span end), a plain listing's one
   * blank deeper than `depth`; without an object (dumps set it on every node).
   */
  setInsertion(kind: 'plain' | 'full', depth = 0): void {
    this.flags = (this.flags & LOW_BITS) | ((kind === 'plain' ? 2 : 3) << INSERT_KIND_SHIFT) | (depth << INSERT_DEPTH_SHIFT);
  }

  setSpans(start: number, end: number, keyStart: number, keyEnd: number): void {
    this.settle();
    this.s0 = start;
    this.s1 = end;
    this.k0 = keyStart;
    this.k1 = keyEnd;
  }

  /**
   * An edit before this node's text moved it: every offset at or after `from` (strictly after
   * `after`) moves by `delta`. In place, the value's span included (findings hold copies).
   * Only settle() calls it: edits go through moveAllOffsets.
   */
  private moveOffsets(after: number, from: number, delta: number): void {
    if (this.s0 >= from && this.s0 > after) this.s0 += delta;
    if (this.s1 >= from && this.s1 > after) this.s1 += delta;
    if (this.k0 >= from && this.k0 > after) this.k0 += delta;
    if (this.k1 >= from && this.k1 > after) this.k1 += delta;
    const xlInsertion = ((this.flags >> INSERT_KIND_SHIFT) & 3) === 1 ? this.tree.xlInsertions.get(this) : undefined;
    if (xlInsertion !== undefined && xlInsertion >= from && xlInsertion > after) this.tree.xlInsertions.set(this, xlInsertion + delta);
    if ((this.flags & HAS_VALUE) === 0 || this.v1 < from || this.v1 <= after) return;
    const d = this.v0 >= from && this.v0 > after ? delta : 0;
    this.v0 += d;
    this.v1 += delta;
    const map = this.vMap;
    if (d !== 0 && map) {
      this.vMap = map instanceof MappedText ? map.moved(d) : (map as readonly Span[]).map((p) => ({ start: p.start + d, end: p.end + d }));
    }
  }

  private cachedPath: string | undefined;

  get path(): string {
    if (!this.parent) return '/';
    if (this.cachedPath === undefined) {
      // Up to the nearest ancestor that knows its path, then down, caching every step.
      // Iterative: a pathological dump can nest tens of thousands of levels.
      const pending: XsNode[] = [];
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the walk starts at this node
      let n: XsNode = this;
      while (n.parent && n.cachedPath === undefined) {
        pending.push(n);
        n = n.parent;
      }
      let base = n.parent ? n.cachedPath! : '/';
      for (let i = pending.length - 1; i >= 0; i--) {
        base = base === '/' ? `/${pending[i].name}` : `${base}/${pending[i].name}`;
        pending[i].cachedPath = base;
      }
    }
    return this.cachedPath!;
  }

  get span(): Span {
    this.settle();
    return { start: this.s0, end: this.s1 };
  }

  /** span.start and span.end without allocating (for walks over whole trees). */
  get spanStart(): number {
    this.settle();
    return this.s0;
  }

  get spanEnd(): number {
    this.settle();
    return this.s1;
  }

  set span(span: Span) {
    this.settle();
    this.s0 = span.start;
    this.s1 = span.end;
  }

  get keySpan(): Span {
    this.settle();
    return { start: this.k0, end: this.k1 };
  }

  set keySpan(span: Span) {
    this.settle();
    this.k0 = span.start;
    this.k1 = span.end;
  }

  /** The children in the order they were created (document order for a parsed dump). */
  get children(): readonly XsNode[] {
    return this.kids ?? NO_CHILDREN;
  }

  child(name: string): XsNode | undefined {
    const kids = this.kids;
    if (!kids) return undefined;
    if (kids.length > INDEX_CHILDREN_ABOVE) return this.tree.index(this).get(name);
    for (let i = 0; i < kids.length; i++) if (kids[i].name === name) return kids[i];
    return undefined;
  }

  /** Get or create a child; an implicit node (a parent nobody wrote) has no value. */
  ensure(name: string, span: Span, keySpan: Span = span): XsNode {
    return this.ensureAt(name, span.start, span.end, keySpan.start, keySpan.end);
  }

  /** ensure() with numbers, for the parsers' hot loops. */
  ensureAt(name: string, start: number, end: number, keyStart = start, keyEnd = end): XsNode {
    const found = this.child(name);
    if (found) return found;
    const node = new XsNode(name, this, start, end, keyStart, keyEnd);
    // Small directories (most of a dump) get arrays of their exact length: a pushed-to array
    // reserves 17 slots.
    let kids = this.kids;
    if (!kids) kids = this.kids = [node];
    else if (kids.length < INDEX_CHILDREN_ABOVE) kids = this.kids = kids.concat(node);
    else kids.push(node);
    if (kids.length > INDEX_CHILDREN_ABOVE) this.tree.index(this).set(node.name, node);
    return node;
  }

  /** The edit that adds `key = value` below this node, or undefined where none fits. */
  insertion(key: string, value: string): { offset: number; text: string } | undefined {
    const at = this.insertAt;
    if (!at) return undefined;
    if (at.kind === 'xl') return { offset: at.offset, text: `, ${key}=${value}` };
    if (at.kind === 'plain') return { offset: at.offset, text: `\n${' '.repeat(at.depth + 1)}${key} = "${value}"` };
    return { offset: at.offset, text: `\n${this.path}/${key} = "${value}"` };
  }
}

/** Document spans of a list value's `,`-separated pieces, in order. */
export function pieceSpans(value: XsValue): Span[] {
  if (value.pieces) return [...value.pieces];
  if (value.source) return value.source.split(',').map((p) => p.span());
  if (value.direct) {
    const spans: Span[] = [];
    let from = 0;
    for (const piece of value.text.split(',')) {
      spans.push({ start: value.span.start + from, end: value.span.start + from + piece.length });
      from += piece.length + 1;
    }
    return spans;
  }
  return value.text.split(',').map(() => value.span);
}

/** A frontend card directory and where it lives: /local/domain/<domid>/device/vsnd/<index>. */
export interface CardRoot {
  readonly node: XsNode;
  readonly domid: string;
  readonly index: string;
  /** How messages name the card: "card 0" in an xl.cfg, "card 0 of domain 3" in a dump. */
  readonly label: string;
  /** The matching backend directory, when the dump has it. */
  readonly backend?: XsNode;
}

// TextEncoder/TextDecoder rather than Buffer: the analysis also runs in a browser's Web Worker.
const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

/** One char per byte (Latin-1), the way stored values are kept. */
function bytesToString(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += String.fromCharCode(byte);
  return out;
}

/** Bytes (one char each) of a JS string, as libxl would write its UTF-8 encoding. */
export function toBytes(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s : bytesToString(utf8Encoder.encode(s));
}

/**
 * Stored bytes as messages show them: UTF-8 as text; control bytes, and bytes that are not
 * UTF-8, as `\t`, `\n`, `\r` or `\xNN`, so a message stays one line of readable text. (Not
 * xenstore-ls's own escaping, service/report escapeXenStore: that one writes bytes below 8 in
 * octal, doubles backslashes and escapes every non-ASCII byte.)
 */
export function displayBytes(s: string): string {
  const text = fromBytes(s);
  const undecoded = text === s && /[\x80-\xff]/.test(s);
  // eslint-disable-next-line no-control-regex
  return text.replace(undecoded ? /[\x00-\x1f\x7f-\xff]/g : /[\x00-\x1f\x7f]/g, (c) => (c === '\t' ? '\\t' : c === '\n' ? '\\n' : c === '\r' ? '\\r'
    : `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`));
}

/** Readable text of stored bytes: UTF-8 when it decodes cleanly, else the bytes as Latin-1. */
export function fromBytes(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  const bytes = Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
  try {
    const decoded = utf8Decoder.decode(bytes);
    // Bytes that spell U+FFFD itself are kept as bytes too: the character says nothing.
    return decoded.includes('\ufffd') ? s : decoded;
  } catch {
    return s;
  }
}

/** The span covering a node and all its descendants that come from the document. */
export function subtreeExtent(node: XsNode): Span {
  let start = node.spanStart;
  let end = node.spanEnd;
  const stack: XsNode[] = [...node.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.generated) continue;
    if (n.spanEnd > n.spanStart) {
      if (n.spanStart < start) start = n.spanStart;
      if (n.spanEnd > end) end = n.spanEnd;
    }
    for (const c of n.children) stack.push(c);
  }
  return { start, end };
}

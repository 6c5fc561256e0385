/**
 * The XenStore-shaped tree both languages meet in. Values are byte strings (one char per
 * byte, as the kernel sees them); every node and value remembers where it came from in the
 * document, so a finding about a value points at the exact token that produced it.
 */
import type { Span } from '../text/lineIndex';
import type { MappedText } from '../text/mappedText';

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

const NO_CHILDREN: ReadonlyMap<string, XsNode> = new Map();

/**
 * One XenStore node. Kept small because a host dump has hundreds of thousands of them: the
 * children map is created on first use, the path is derived from the parent, spans are numbers.
 */
export class XsNode {
  private kids: Map<string, XsNode> | undefined;
  value: XsValue | undefined;
  private insertKind = 0; // 0 none, 1 xl, 2 plain, 3 full
  private insertOffset = 0;
  private insertDepth = 0;
  /** Written by libxl on its own (backend links, state), not from any text in the document. */
  generated = false;
  private s0: number;
  private s1: number;
  private k0: number;
  private k1: number;

  /**
   * The tree's log of its nodes in the order they were created, shared by all its nodes, when
   * the root keeps one (see root()); `nodes` is undefined once the log was taken.
   */
  private creationLog: { nodes: XsNode[] | undefined } | undefined;

  /**
   * `start`/`end`: the whole definition (a dump line, an xl item or key=value piece);
   * `keyStart`/`keyEnd`: the node's own name in the document, or the definition itself.
   */
  constructor(readonly name: string, readonly parent: XsNode | undefined, start: number, end: number, keyStart = start, keyEnd = end) {
    this.s0 = start;
    this.s1 = end;
    this.k0 = keyStart;
    this.k1 = keyEnd;
    this.creationLog = parent?.creationLog;
    this.creationLog?.nodes?.push(this);
  }

  /**
   * A new tree. With `keepCreationOrder`, the tree lists its nodes in the order they were made
   * (a dump parser makes them line by line, so that is document order): incremental analysis
   * needs that order, and walking 100,000 nodes to find it again costs more than a keystroke.
   */
  static root(keepCreationOrder = false): XsNode {
    const root = new XsNode('', undefined, 0, 0);
    root.creationLog = keepCreationOrder ? { nodes: [root] } : undefined;
    return root;
  }

  /**
   * The nodes in the order they were created, if the tree was made to keep it; the tree stops
   * keeping it then (the caller keeps the order from there on, see service/incremental).
   */
  takeCreationOrder(): XsNode[] | undefined {
    const log = this.parent === undefined ? this.creationLog : undefined;
    const nodes = log?.nodes;
    if (log) log.nodes = undefined;
    return nodes;
  }

  /** Every node below this one, in no particular order. */
  descendants(): XsNode[] {
    const below: XsNode[] = [];
    const stack = [...this.children.values()];
    while (stack.length) {
      const node = stack.pop()!;
      below.push(node);
      for (const child of node.children.values()) stack.push(child);
    }
    return below;
  }

  /**
   * Drops this node's children (incremental analysis reads them again from their lines).
   * Returns every node that was below it, in no particular order.
   */
  removeDescendants(): XsNode[] {
    const removed = this.descendants();
    this.kids = undefined;
    return removed;
  }

  /** Where a quick-fix adds a key below this node, when the document allows it. */
  get insertAt(): InsertionStyle | undefined {
    switch (this.insertKind) {
      case 1: return { kind: 'xl', offset: this.insertOffset };
      case 2: return { kind: 'plain', offset: this.insertOffset, depth: this.insertDepth };
      case 3: return { kind: 'full', offset: this.insertOffset };
      default: return undefined;
    }
  }

  set insertAt(style: InsertionStyle | undefined) {
    this.insertKind = !style ? 0 : style.kind === 'xl' ? 1 : style.kind === 'plain' ? 2 : 3;
    this.insertOffset = style?.offset ?? 0;
    this.insertDepth = style?.kind === 'plain' ? style.depth : 0;
  }

  /** Same as setting insertAt, without an object (dumps set it on every node). */
  setInsertion(kind: 'plain' | 'full', offset: number, depth = 0): void {
    this.insertKind = kind === 'plain' ? 2 : 3;
    this.insertOffset = offset;
    this.insertDepth = depth;
  }

  setSpans(start: number, end: number, keyStart: number, keyEnd: number): void {
    this.s0 = start;
    this.s1 = end;
    this.k0 = keyStart;
    this.k1 = keyEnd;
  }

  /**
   * An edit before this node's text moved it: every offset at or after `from` (strictly after
   * `after`) moves by `delta`. In place, spans included: incremental analysis moves findings
   * (which may share a value's span) into new objects first, and the tree belongs to it.
   */
  moveOffsets(after: number, from: number, delta: number): void {
    if (this.s0 >= from && this.s0 > after) this.s0 += delta;
    if (this.s1 >= from && this.s1 > after) this.s1 += delta;
    if (this.k0 >= from && this.k0 > after) this.k0 += delta;
    if (this.k1 >= from && this.k1 > after) this.k1 += delta;
    if (this.insertOffset >= from && this.insertOffset > after) this.insertOffset += delta;
    const v = this.value;
    if (!v || v.span.end < from || v.span.end <= after) return;
    const span = v.span as { start: number; end: number };
    const d = span.start >= from && span.start > after ? delta : 0;
    span.start += d;
    span.end += delta;
    if (d !== 0 && (v.source || v.pieces)) {
      this.value = {
        ...v,
        ...(v.source ? { source: v.source.moved(d) } : {}),
        ...(v.pieces ? { pieces: v.pieces.map((p) => ({ start: p.start + d, end: p.end + d })) } : {}),
      };
    }
  }

  private cachedPath: string | undefined;

  get path(): string {
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
    return { start: this.s0, end: this.s1 };
  }

  /** span.start and span.end without allocating (for walks over whole trees). */
  get spanStart(): number {
    return this.s0;
  }

  get spanEnd(): number {
    return this.s1;
  }

  set span(span: Span) {
    this.s0 = span.start;
    this.s1 = span.end;
  }

  get keySpan(): Span {
    return { start: this.k0, end: this.k1 };
  }

  set keySpan(span: Span) {
    this.k0 = span.start;
    this.k1 = span.end;
  }

  get children(): ReadonlyMap<string, XsNode> {
    return this.kids ?? NO_CHILDREN;
  }

  child(name: string): XsNode | undefined {
    return this.kids?.get(name);
  }

  /** Get or create a child; an implicit node (a parent nobody wrote) has no value. */
  ensure(name: string, span: Span, keySpan: Span = span): XsNode {
    return this.ensureAt(name, span.start, span.end, keySpan.start, keySpan.end);
  }

  /** ensure() with numbers, for the parsers' hot loops. */
  ensureAt(name: string, start: number, end: number, keyStart = start, keyEnd = end): XsNode {
    this.kids ??= new Map();
    let node = this.kids.get(name);
    if (!node) {
      node = new XsNode(name, this, start, end, keyStart, keyEnd);
      this.kids.set(name, node);
    }
    return node;
  }

  valueText(name: string): string | undefined {
    return this.kids?.get(name)?.value?.text;
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
  const stack: XsNode[] = [...node.children.values()];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.generated) continue;
    if (n.spanEnd > n.spanStart) {
      if (n.spanStart < start) start = n.spanStart;
      if (n.spanEnd > end) end = n.spanEnd;
    }
    for (const c of n.children.values()) stack.push(c);
  }
  return { start, end };
}

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
  /** Dumps: the decoded value mapped to the document, to find each list piece. */
  readonly source?: MappedText;
  /** xl: the document span of each `,`-separated piece of `text`, aligned with it. */
  readonly pieces?: readonly Span[];
  /** xenstore-ls cut the value (`\...`): `text` is only its beginning. */
  readonly truncated?: boolean;
}

export class XsNode {
  readonly children = new Map<string, XsNode>();
  value: XsValue | undefined;
  /** Where and how a quick-fix adds a key below this node, when the document allows it. */
  insertion: { offset: number; text: (key: string, value: string) => string } | undefined;
  /** Written by libxl on its own (backend links, state), not from any text in the document. */
  generated = false;

  constructor(
    readonly name: string,
    readonly path: string,
    /** The whole definition: a dump line, an xl item or key=value piece. */
    public span: Span,
    /** The node's own name in the document (dump key; xl key), or the definition itself. */
    public keySpan: Span,
  ) {}

  child(name: string): XsNode | undefined {
    return this.children.get(name);
  }

  /** Get or create a child; an implicit node (a parent nobody wrote) has no value. */
  ensure(name: string, span: Span, keySpan: Span = span): XsNode {
    let node = this.children.get(name);
    if (!node) {
      node = new XsNode(name, this.path === '/' ? `/${name}` : `${this.path}/${name}`, span, keySpan);
      this.children.set(name, node);
    }
    return node;
  }

  valueText(name: string): string | undefined {
    return this.children.get(name)?.value?.text;
  }
}

/** Document spans of a list value's `,`-separated pieces, in order. */
export function pieceSpans(value: XsValue): Span[] {
  if (value.pieces) return [...value.pieces];
  if (value.source) return value.source.split(',').map((p) => p.span());
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

/** Bytes (one char each) of a JS string, as libxl would write its UTF-8 encoding. */
export function toBytes(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s : Buffer.from(s, 'utf8').toString('latin1');
}

/** Readable text of stored bytes: UTF-8 when it decodes cleanly, else the bytes as Latin-1. */
export function fromBytes(s: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(s)) return s;
  const decoded = Buffer.from(s, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? s : decoded;
}

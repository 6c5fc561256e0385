/**
 * What libxl writes to XenStore for the cards xl parsed (libxl_vsnd.c, libxl_device.c):
 * frontend `backend`, `backend-id`, `state`; `long-name`, `short-name` when given; the card's
 * common keys; then per device i `i/name` when given and its keys; per stream j
 * `i/j/unique-id` when given, `i/j/type` when given, its keys. Rates are decimal joined by
 * `,`, formats libxl's lowercase names joined by `,`; numbers of 0 are not written.
 * The tree holds exactly those keys: XenStore has a device or stream directory only when a key
 * was written below it, so an item that sets nothing leaves no node (the frontend then stops
 * counting at that index). Such items are listed in `unwritten`.
 */
import type { Span } from '../text/lineIndex';
import { XsNode, toBytes, CardRoot } from '../tree/xenstoreTree';
import type { CardModel, Located, ListField, ParamsModel, PcmModel, StreamModel } from './vsndItems';
import { strtoul } from './numbers';

export interface XenStoreWriteOptions {
  readonly domid: number;
  readonly backendDomid: number;
}

export interface WrittenKey {
  readonly path: string;
  readonly value: string;
}

/** A PCM or STREAM item that made libxl write no key, so XenStore has no node for it. */
export type UnwrittenItem =
  | { readonly kind: 'pcm'; readonly card: number; readonly device: number; readonly pcm: PcmModel }
  | { readonly kind: 'stream'; readonly card: number; readonly device: number; readonly stream: number; readonly model: StreamModel };

export class WrittenCards {
  private keyList: WrittenKey[] | undefined;

  constructor(
    readonly root: XsNode,
    readonly cards: CardRoot[],
    readonly unwritten: UnwrittenItem[],
    /** The nodes given a value, in the order libxl writes them (each once, so its value is still the one written). */
    private readonly written: readonly XsNode[],
  ) {}

  /** Every key in the order libxl writes it, listed on first use: `sndif xenstore` and tests read it, a keystroke does not. */
  get keys(): WrittenKey[] {
    return (this.keyList ??= this.written.map((node) => ({ path: node.path, value: node.valueText! })));
  }
}

export function writeCards(cards: CardModel[], options: XenStoreWriteOptions): WrittenCards {
  const root = XsNode.root();
  const written: XsNode[] = [];
  const unwritten: UnwrittenItem[] = [];
  const roots: CardRoot[] = [];
  const d = String(options.domid);

  cards.forEach((card, index) => {
    const n = String(index);
    const b = String(backendDomid(card, options.backendDomid));
    const at = card.span;
    const front = path(root, ['local', 'domain', d, 'device', 'vsnd', n], at);
    const back = path(root, ['local', 'domain', b, 'backend', 'vsnd', d, n], at);
    const write = (dir: XsNode, key: string, value: string, span: Span = at, keySpan: Span = span, valueSpan: Span = span, pieces?: Span[]) => {
      const node = dir.ensure(key, span, keySpan);
      node.value = { text: toBytes(value), span: valueSpan, pieces };
      written.push(node);
      return node;
    };
    // libxl__device_generic_add: the frontend's backend link first, then the generic keys.
    const generated: [XsNode, string, string][] = [
      [front, 'backend', back.path], [front, 'backend-id', b], [front, 'state', '1'],
      [back, 'frontend', front.path], [back, 'frontend-id', d], [back, 'online', '1'], [back, 'state', '1'],
    ];
    for (const [dir, key, value] of generated) write(dir, key, value).generated = true;

    const writeString = (dir: Dir, key: string, field: Located<string> | undefined) => {
      if (field) write(dir(), key, field.value, field.span, field.keySpan, field.valueSpan);
    };
    const frontDir = () => front;
    writeString(frontDir, 'long-name', card.longName);
    writeString(frontDir, 'short-name', card.shortName);
    writeParams(frontDir, card.params, write);

    card.pcms.forEach((pcm, i) => {
      // Directories come into being with their first key, as in XenStore.
      let deviceNode: XsNode | undefined;
      const device = () => (deviceNode ??= front.ensure(String(i), pcm.span));
      writeString(device, 'name', pcm.name);
      writeParams(device, pcm.params, write);
      const emptyStreams: UnwrittenItem[] = [];
      pcm.streams.forEach((stream, j) => {
        let streamNode: XsNode | undefined;
        const dir = () => (streamNode ??= device().ensure(String(j), stream.span));
        writeString(dir, 'unique-id', stream.uniqueId);
        if (stream.type) write(dir(), 'type', stream.type.value, stream.type.span, stream.type.keySpan, stream.type.valueSpan);
        writeParams(dir, stream.params, write);
        if (streamNode) streamNode.setXlInsertion(stream.insertAt);
        else emptyStreams.push({ kind: 'stream', card: index, device: i, stream: j, model: stream });
      });
      if (deviceNode) {
        deviceNode.setXlInsertion(pcm.insertAt);
        unwritten.push(...emptyStreams);
      } else {
        unwritten.push({ kind: 'pcm', card: index, device: i, pcm });
      }
    });
    roots.push({ node: front, domid: d, index: n, label: `card ${n}`, backend: back });
  });
  return new WrittenCards(root, roots, unwritten, written);
}

/**
 * The backend domain of a card (libxl__device_vsnd_setdefault → libxl__resolve_domid →
 * libxl_domain_qualifier_to_domid): a `backend=` of decimal digits only (or empty) is that
 * domid, read by strtoul in base 10 into a uint32; a name is looked up among the running
 * domains, which only the host knows: then `fallback` (the `--backend-domid` option).
 */
export function backendDomid(card: CardModel, fallback: number): number {
  const name = card.backend?.value;
  if (name === undefined || !/^[0-9]*$/.test(name)) return fallback;
  return strtoul(name, 10).value;
}

/** A directory that is created when the first key is written into it. */
type Dir = () => XsNode;

type Writer = (dir: XsNode, key: string, value: string, span?: Span, keySpan?: Span, valueSpan?: Span, pieces?: Span[]) => XsNode;

function writeParams(dir: Dir, params: ParamsModel, write: Writer): void {
  const list = (key: string, field: ListField<number | string> | undefined) => {
    if (!field || field.value.length === 0) return;
    write(dir(), key, field.value.map(String).join(','), field.span, field.keySpan, field.valueSpan, field.elementSpans);
  };
  const number = (key: string, field: Located<number> | undefined) => {
    if (field && field.value !== 0) write(dir(), key, String(field.value), field.span, field.keySpan, field.valueSpan);
  };
  list('sample-rates', params.rates);
  list('sample-formats', params.formats);
  number('channels-min', params.channelsMin);
  number('channels-max', params.channelsMax);
  number('buffer-size', params.bufferSize);
}

function path(root: XsNode, names: string[], span: Span): XsNode {
  let node = root;
  for (const name of names) node = node.ensure(name, span);
  return node;
}

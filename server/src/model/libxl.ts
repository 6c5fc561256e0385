/**
 * What libxl writes to XenStore for the cards xl parsed (libxl_vsnd.c, libxl_device.c):
 * frontend `backend`, `backend-id`, `state`; `long-name`, `short-name` when given; the card's
 * common keys; then per device i `i/name` when given and its keys; per stream j
 * `i/j/unique-id` when given, `i/j/type` when given, its keys. Rates are decimal joined by
 * `,`, formats libxl's lowercase names joined by `,`; numbers of 0 are not written.
 */
import type { Span } from '../text/lineIndex';
import { XsNode, toBytes, CardRoot } from '../tree/xenstoreTree';
import type { CardModel, Located, ListField, ParamsModel } from './vsndItems';

export interface XenStoreWriteOptions {
  readonly domid: number;
  readonly backendDomid: number;
}

export interface WrittenKey {
  readonly path: string;
  readonly value: string;
}

export function writeCards(cards: CardModel[], options: XenStoreWriteOptions): { root: XsNode; cards: CardRoot[]; keys: WrittenKey[] } {
  const root = XsNode.root();
  const keys: WrittenKey[] = [];
  const roots: CardRoot[] = [];
  const d = String(options.domid);
  const b = String(options.backendDomid);

  cards.forEach((card, index) => {
    const n = String(index);
    const at = card.span;
    const front = path(root, ['local', 'domain', d, 'device', 'vsnd', n], at);
    const back = path(root, ['local', 'domain', b, 'backend', 'vsnd', d, n], at);
    const write = (dir: XsNode, key: string, value: string, span: Span = at, keySpan: Span = span, valueSpan: Span = span, pieces?: Span[]) => {
      const node = dir.ensure(key, span, keySpan);
      node.value = { text: toBytes(value), span: valueSpan, pieces };
      keys.push({ path: node.path, value: node.value.text });
      return node;
    };
    // libxl__device_generic_add: the frontend's backend link first, then the generic keys.
    const generated: [XsNode, string, string][] = [
      [front, 'backend', back.path], [front, 'backend-id', b], [front, 'state', '1'],
      [back, 'frontend', front.path], [back, 'frontend-id', d], [back, 'online', '1'], [back, 'state', '1'],
    ];
    for (const [dir, key, value] of generated) write(dir, key, value).generated = true;

    const writeString = (dir: XsNode, key: string, field: Located<string> | undefined) => {
      if (field) write(dir, key, field.value, field.span, field.keySpan, field.valueSpan);
    };
    writeString(front, 'long-name', card.longName);
    writeString(front, 'short-name', card.shortName);
    writeParams(front, card.params, write);

    card.pcms.forEach((pcm, i) => {
      const device = front.ensure(String(i), pcm.span);
      writeString(device, 'name', pcm.name);
      writeParams(device, pcm.params, write);
      pcm.streams.forEach((stream, j) => {
        const s = device.ensure(String(j), stream.span);
        writeString(s, 'unique-id', stream.uniqueId);
        if (stream.type) write(s, 'type', stream.type.value, stream.type.span, stream.type.keySpan, stream.type.valueSpan);
        writeParams(s, stream.params, write);
        s.insertAt = { kind: 'xl', offset: stream.insertAt };
      });
      device.insertAt = { kind: 'xl', offset: pcm.insertAt };
    });
    roots.push({ node: front, domid: d, index: n, label: `card ${n}`, backend: back });
  });
  return { root, cards: roots, keys };
}

type Writer = (dir: XsNode, key: string, value: string, span?: Span, keySpan?: Span, valueSpan?: Span, pieces?: Span[]) => XsNode;

function writeParams(dir: XsNode, params: ParamsModel, write: Writer): void {
  const list = (key: string, field: ListField<number | string> | undefined) => {
    if (!field || field.value.length === 0) return;
    write(dir, key, field.value.map(String).join(','), field.span, field.keySpan, field.valueSpan, field.elementSpans);
  };
  const number = (key: string, field: Located<number> | undefined) => {
    if (field && field.value !== 0) write(dir, key, String(field.value), field.span, field.keySpan, field.valueSpan);
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

/**
 * What xl makes of `vsnd = [...]` (tools/xl/xl_parse.c, parse_vsnd_*; Xen 4.17): each item
 * string is cut with strtok(",") (empty pieces vanish), leading blanks (' ' only) of a piece
 * are skipped and trailing ones kept, the first piece names the item, and every further piece
 * must be `key=value` with the key spelled exactly. Each modelled value keeps its spans.
 */
import type { Span } from '../text/lineIndex';
import { MappedText } from '../text/mappedText';
import type { XlFile, XlList, XlSetting, XlValue } from '../syntax/xl/ast';
import { explained, finding, Finding, FixData, replaceFix, RULES } from '../tables/rules';
import { capitalize, clip, quote } from '../text/words';
import { FORMATS, FORMAT_BY_LIBXL_NAME, FORMAT_BY_NAME, ItemType, ITEM_TYPES, KEY_BY_NAME, keysForItem } from '../tables/sndif';
import { closest } from './suggest';
import { strtoulBase0, StrtoulResult } from './numbers';

export interface Located<T> {
  readonly value: T;
  /** The whole `key=value` piece. */
  readonly span: Span;
  readonly keySpan: Span;
  readonly valueSpan: Span;
}

export interface ListField<T> extends Located<T[]> {
  readonly elementSpans: Span[];
}

export interface ParamsModel {
  rates?: ListField<number>;
  formats?: ListField<string>;
  channelsMin?: Located<number>;
  channelsMax?: Located<number>;
  bufferSize?: Located<number>;
}

export interface StreamModel {
  /** The item string. */
  readonly span: Span;
  /** Its position in the card's list (CardModel.itemSpans). */
  readonly listIndex: number;
  /** Where a new `, key=value` goes: the end of the item's text, before the quote. */
  readonly insertAt: number;
  uniqueId?: Located<string>;
  type?: Located<'p' | 'c'>;
  readonly params: ParamsModel;
}

export interface PcmModel {
  readonly span: Span;
  readonly listIndex: number;
  readonly insertAt: number;
  /** Created by xl for a STREAM that came before any PCM. */
  readonly implicit: boolean;
  name?: Located<string>;
  readonly params: ParamsModel;
  readonly streams: StreamModel[];
}

export interface CardModel {
  /** The card's list. */
  readonly span: Span;
  /** The span of every value in the card's list, in order (for edits that remove items). */
  readonly itemSpans: readonly Span[];
  readonly params: ParamsModel;
  shortName?: Located<string>;
  longName?: Located<string>;
  backend?: Located<string>;
  readonly pcms: PcmModel[];
}

export interface VsndModel {
  /** The settings that make up vsnd (the last `=` and the `+=` after it). */
  readonly settings: XlSetting[];
  readonly cards: CardModel[];
  readonly findings: Finding[];
}

const KEY_ALIASES: Record<string, string> = {
  id: 'unique-id', uniqueid: 'unique-id', 'stream-id': 'unique-id',
  rate: 'sample-rates', rates: 'sample-rates', 'sample-rate': 'sample-rates',
  format: 'sample-formats', formats: 'sample-formats', 'sample-format': 'sample-formats',
  buffer: 'buffer-size', buffersize: 'buffer-size', 'buffer-bytes': 'buffer-size',
  shortname: 'short-name', longname: 'long-name', 'pcm-name': 'name',
  direction: 'type', 'stream-type': 'type',
  'min-channels': 'channels-min', 'max-channels': 'channels-max',
};

/** libxl's format parser is strcasecmp against its lowercase names. */
function libxlFormat(name: string): string | undefined {
  const lower = name.toLowerCase();
  return FORMAT_BY_LIBXL_NAME.has(lower) ? lower : undefined;
}

export function modelVsnd(file: XlFile): VsndModel {
  const findings: Finding[] = [];
  const settings = effectiveSettings(file.settings.filter((s) => s.name === 'vsnd'), findings);
  const cards: CardModel[] = [];
  if (settings.length === 0) return { settings, cards, findings };

  // A setting cut short by a syntax error stays in `settings` (completion and hover read its
  // items) but gives no cards: xl rejects the file before reading it, so nothing the guest
  // would make of its pieces is worth a finding.
  if (settings.some((s) => s.value!.kind === 'list' && !(s.value as XlList).closed)) return { settings, cards, findings };
  const values = concatenated(settings);
  if (values === 'single') {
    const s = settings[settings.length - 1];
    findings.push(finding(RULES.vsndNotList, s.value?.span ?? s.span,
      explained("Setting vsnd is not a list, so the guest gets no sound card: use [ [ … ] ]",
        'vsnd must be a list of cards, `vsnd = [ [ \'CARD, …\', \'PCM, …\', \'STREAM, …\' ] ]`: xl warns "parameter `vsnd\' is a single value but should be a list".')));
    return { settings, cards, findings };
  }
  for (const cardValue of values) {
    if (cardValue.kind !== 'list') {
      findings.push(finding(RULES.vsndCardNotList, cardValue.span,
        explained("Failed to get vsnd card list: Invalid argument: put the card in [ ]",
          "xl rejects the config: each card must itself be a list of item strings, [ 'CARD, …', 'PCM, …' ]."),
        cardValue.kind === 'string'
          ? { kind: 'replace', title: 'Wrap the card in [ ]', edits: [{ span: { start: cardValue.span.start, end: cardValue.span.start }, text: '[ ' }, { span: { start: cardValue.span.end, end: cardValue.span.end }, text: ' ]' }], preferred: true, safe: true }
          : undefined));
      continue;
    }
    cards.push(modelCard(cardValue, findings));
  }
  return { settings, cards, findings };
}

/** xlu's find() returns the latest setting; `+=` concatenates with the one before. */
function effectiveSettings(all: XlSetting[], findings: Finding[]): XlSetting[] {
  let from = 0;
  for (let i = all.length - 1; i >= 0; i--) {
    if (all[i].op === '=') {
      from = i;
      break;
    }
  }
  for (let i = 0; i < from; i++) {
    if (all[i].op === '=') {
      findings.push(finding(RULES.xlDuplicateSetting, all[i].nameSpan,
        explained('Setting vsnd is assigned again below, so these cards are ignored',
          'xl uses only the last `vsnd =` (and any `vsnd +=` after it).')));
    }
  }
  return all.slice(from).filter((s) => s.value !== undefined);
}

function concatenated(settings: XlSetting[]): XlValue[] | 'single' {
  const last = settings[settings.length - 1].value!;
  if (last.kind !== 'list') return 'single';
  const items: XlValue[] = [];
  for (const s of settings) if (s.value!.kind === 'list') items.push(...(s.value as XlList).items);
  return items;
}

function emptyParams(): ParamsModel {
  return {};
}

function modelCard(list: XlList, findings: Finding[]): CardModel {
  const card: CardModel = { span: list.span, itemSpans: list.items.map((item) => item.span), params: emptyParams(), pcms: [] };
  for (let i = 0; i < list.items.length; i++) {
    const item = list.items[i];
    if (item.kind === 'list') {
      const ignored = list.items.length - i - 1;
      findings.push(finding(RULES.vsndItemNotString, item.span,
        explained('A card holds item strings, not lists: xl stops reading the card here',
          `${ignored ? `The ${ignored} item${ignored === 1 ? '' : 's'} after it ${ignored === 1 ? 'is' : 'are'} ignored.` : 'Nothing follows it in the card.'}`)));
      break;
    }
    modelItem(card, item.value, item.span, i, findings);
  }
  return card;
}

export interface Piece {
  /** The piece after its leading blanks were skipped, as xl sees it. */
  readonly text: MappedText;
  /** Offset in the item text where the piece (before skipping blanks) starts. */
  readonly rawStart: number;
}

/** strtok(buf, ","): maximal runs of non-comma characters; then skip leading ' '. */
export function splitItem(value: MappedText): Piece[] {
  const pieces: Piece[] = [];
  const s = value.text;
  let i = 0;
  while (i < s.length) {
    if (s[i] === ',') {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && s[i] !== ',') i++;
    let skip = start;
    while (skip < i && s[skip] === ' ') skip++;
    pieces.push({ text: value.slice(skip, i), rawStart: start });
  }
  return pieces;
}

function modelItem(card: CardModel, value: MappedText, span: Span, listIndex: number, findings: Finding[]): void {
  const pieces = splitItem(value);
  if (pieces.length === 0) return; // strtok finds nothing: xl ignores an empty item
  const head = pieces[0];
  const type = head.text.text.toLowerCase() as ItemType;
  const insertAt = span.end - 1;
  let params: ParamsModel;
  let stream: StreamModel | undefined;
  let pcm: PcmModel | undefined;
  if (type === 'card') {
    params = card.params;
  } else if (type === 'pcm') {
    pcm = { span, listIndex, insertAt, implicit: false, params: emptyParams(), streams: [] };
    card.pcms.push(pcm);
    params = pcm.params;
  } else if (type === 'stream') {
    if (card.pcms.length === 0) {
      card.pcms.push({ span, listIndex, insertAt, implicit: true, params: emptyParams(), streams: [] });
      findings.push(finding(RULES.vsndImplicitPcm, head.text.span(),
        explained("STREAM before any PCM: add a 'PCM' item first to name the device",
          'xl creates PCM device 0 for the stream itself, without a name or settings of its own.')));
    }
    pcm = card.pcms[card.pcms.length - 1];
    stream = { span, listIndex, insertAt, params: emptyParams() };
    pcm.streams.push(stream);
    params = stream.params;
  } else {
    const suggestion = closest(head.text.text, ITEM_TYPES);
    findings.push(finding(RULES.vsndInvalidItem, nonEmptySpan(head.text, value, head.rawStart),
      explained(`Invalid key: ${clip(head.text.text)}: an item starts with CARD, PCM or STREAM`, `xl rejects the config: "Invalid key: ${head.text.text}".`),
      suggestion ? replaceFix(`Change to '${suggestion.toUpperCase()}'`, head.text.span(), suggestion.toUpperCase(), true) : undefined));
    return;
  }

  let lastKey: string | undefined;
  for (let p = 1; p < pieces.length; p++) {
    const piece = pieces[p];
    const matched = matchParam(type, piece, params, stream, pcm, card, findings);
    if (matched) {
      lastKey = matched;
      continue;
    }
    reportInvalidParam(type, piece, value, lastKey, findings);
  }
}

/** MATCH_OPTION: the piece starts with exactly "key=". Returns the key when it applied. */
function matchParam(
  type: ItemType, piece: Piece, params: ParamsModel, stream: StreamModel | undefined, pcm: PcmModel | undefined,
  card: CardModel, findings: Finding[],
): string | undefined {
  const text = piece.text.text;
  const eq = text.indexOf('=');
  if (eq < 0) return undefined;
  const key = text.slice(0, eq);
  const info = KEY_BY_NAME.get(key);
  if (!info || !info.items.includes(type)) return undefined;
  const at: Spans = {
    span: piece.text.span(),
    keySpan: piece.text.span(0, eq),
    valueSpan: piece.text.span(eq + 1),
  };
  const value = piece.text.slice(eq + 1);
  switch (key) {
    case 'sample-rates': {
      const elements = splitList(value, key, at.span, findings);
      if (!elements) return key;
      params.rates = listField(at, elements.map((e) => readNumber(e, 'rate', findings)), elements.map((e) => e.span()));
      return key;
    }
    case 'sample-formats': {
      const elements = splitList(value, key, at.span, findings);
      if (!elements) return key;
      const names: string[] = [];
      const spans: Span[] = [];
      for (const e of elements) {
        const name = libxlFormat(e.text);
        if (name) {
          names.push(name);
          spans.push(e.span());
        } else {
          reportInvalidFormat(e, findings);
        }
      }
      params.formats = listField(at, names, spans);
      return key;
    }
    case 'channels-min':
      params.channelsMin = located(at, readNumber(value, 'count', findings));
      return key;
    case 'channels-max':
      params.channelsMax = located(at, readNumber(value, 'count', findings));
      return key;
    case 'buffer-size':
      params.bufferSize = located(at, readNumber(value, 'count', findings));
      return key;
    case 'type': {
      const t = value.text.toLowerCase();
      if (t === 'p' || t === 'c') {
        stream!.type = located(at, t);
      } else {
        findings.push(finding(RULES.vsndInvalidStreamType, nonEmptySpan(value, piece.text, eq + 1),
          explained(`Invalid stream type: ${clip(value.text)}: use p (playback) or c (capture)`, `xl rejects the config: "Invalid stream type: ${value.text}".`),
          { kind: 'choices', choices: [
            { title: 'Change to type=p (playback)', edits: [{ span: value.span(), text: 'p' }], preferred: true },
            { title: 'Change to type=c (capture)', edits: [{ span: value.span(), text: 'c' }] },
          ] }));
      }
      return key;
    }
    default: {
      const field = located(at, value.text);
      checkBlanks(key, value, findings);
      if (key === 'unique-id') stream!.uniqueId = field;
      else if (key === 'name') pcm!.name = field;
      else if (key === 'short-name') card.shortName = field;
      else if (key === 'long-name') card.longName = field;
      else if (key === 'backend') card.backend = field;
      return key;
    }
  }
}

/** The spans of a `key=value` piece, which every located value of it shares. */
type Spans = Omit<Located<unknown>, 'value'>;

// Written out rather than `{ ...at, value }`: V8 takes a slow path (about 1 µs each) for a spread
// followed by more properties, and a document has one per key.
function located<T>(at: Spans, value: T): Located<T> {
  return { span: at.span, keySpan: at.keySpan, valueSpan: at.valueSpan, value };
}

function listField<T>(at: Spans, value: T[], elementSpans: Span[]): ListField<T> {
  return { span: at.span, keySpan: at.keySpan, valueSpan: at.valueSpan, value, elementSpans };
}

/** split_string_into_string_list(value, ";"): strtok_r pieces; none at all crashes xl 4.17. */
function splitList(value: MappedText, key: string, pieceSpan: Span, findings: Finding[]): MappedText[] | undefined {
  const elements: MappedText[] = [];
  const s = value.text;
  let i = 0;
  while (i < s.length) {
    if (s[i] === ';') {
      i++;
      continue;
    }
    const start = i;
    while (i < s.length && s[i] !== ';') i++;
    elements.push(value.slice(start, i));
  }
  if (elements.length === 0) {
    findings.push(finding(RULES.vsndEmptyList, pieceSpan,
      explained(`Empty ${key} crashes xl: give a value or remove the key`, 'xl 4.17 crashes (SIGSEGV) on an empty list.')));
    return undefined;
  }
  return elements;
}

function readNumber(text: MappedText, what: 'rate' | 'count', findings: Finding[]): number {
  const r = strtoulBase0(text.text);
  // A plain decimal number (most of them) has nothing to report: no sentence is built for it.
  if (r.digits && !r.negative && !r.overflow && r.base !== 8 && !r.junk && (r.value !== 0 || what === 'rate')) return r.value;
  const span = nonEmptySpan(text, text, 0);
  const shown = quote(text.text, 16);
  const zeroMeans = what === 'rate'
    ? 'libxl writes the rate 0, which the guest ignores'
    : 'libxl writes nothing and the inherited value stays';
  if (!r.digits) {
    findings.push(finding(RULES.numberJunk, span, explained(`Value ${shown} is not a number, so xl reads 0: write a decimal number`, `${capitalize(zeroMeans)}.`)));
  } else if (r.negative) {
    findings.push(finding(RULES.numberNegative, span,
      explained(`Negative ${shown} wraps around to ${r.value}: drop the sign`, `xl's strtoul wraps it to ${r.value}${r.value === 0 ? `, so ${zeroMeans}` : ', and that is what the guest gets'}.`)));
  } else if (r.overflow) {
    findings.push(finding(RULES.numberOverflow, span,
      explained(`Number ${shown} does not fit in 32 bits: the guest gets ${r.value}`, `libxl keeps the low 32 bits${r.value === 0 ? `, so ${zeroMeans}` : ''}.`)));
  } else if (r.base === 8 && r.consumed - leadingBlanks(text.text) > 1 && octalSurprise(text.text, r)) {
    findings.push(finding(RULES.numberBase, span,
      explained(`Number ${shown} reads as octal ${r.value}: drop the leading zeros`, `xl's strtoul reads a number that starts with 0 as octal${r.value === 0 ? `, so ${zeroMeans}` : ''}.`),
      replaceFix('Remove the leading zeros', span, String(Number.parseInt(text.text.trim().replace(/[^0-9].*$/, ''), 10)), true)));
  } else if (r.junk) {
    findings.push(finding(RULES.numberJunk, span,
      explained(`Number ${shown} has junk after it: xl reads ${r.value}`, `xl reads ${r.value} and ignores "${text.text.slice(r.consumed)}".`),
      replaceFix(`Change to ${r.value}`, span, String(r.value), true)));
  } else if (r.value === 0 && what === 'count') {
    findings.push(finding(RULES.numberZero, span, explained('A 0 means "not set": the inherited value stays', `${capitalize(zeroMeans)}.`)));
  }
  return r.value;
}

function leadingBlanks(s: string): number {
  return s.length - s.trimStart().length;
}

/** An octal reading differs from what a person reads ("044100", "010"), not "0". */
function octalSurprise(text: string, r: StrtoulResult): boolean {
  const digits = text.trim().match(/^0[0-9]+/);
  return digits !== null && Number.parseInt(digits[0], 10) !== r.value;
}

function reportInvalidFormat(element: MappedText, findings: Finding[]): void {
  const name = element.text;
  const kernel = FORMAT_BY_NAME.get(name.toLowerCase());
  let message = `Invalid pcm format: ${clip(name)}`;
  let detail = `xl rejects the config: "Invalid pcm format: ${name}".`;
  let fix: FixData | undefined;
  if (kernel && kernel.libxlName !== kernel.name) {
    message += ': float formats cannot be set through xl';
    detail = `libxl calls it ${kernel.libxlName}, but the guest's frontend only knows ${kernel.name} and ignores ${kernel.libxlName}.`;
  } else if (name.trim() !== name && libxlFormat(name.trim())) {
    message += ': remove the blanks, they are part of the name';
    fix = replaceFix(`Change to ${name.trim()}`, element.span(), name.trim(), true);
  } else {
    const suggestion = closest(name, FORMATS.map((f) => f.libxlName));
    if (suggestion) {
      message += `: did you mean ${suggestion}?`;
      fix = replaceFix(`Change to ${suggestion}`, element.span(), suggestion, true);
    }
  }
  findings.push(finding(RULES.vsndInvalidFormat, nonEmptySpan(element, element, 0), explained(message, detail), fix));
}

function checkBlanks(key: string, value: MappedText, findings: Finding[]): void {
  const t = value.text;
  if (t.length > 0 && t.trim() !== t) {
    const lead = t.length - t.trimStart().length;
    const trail = t.length - t.trimEnd().length;
    findings.push(finding(RULES.valueBlank, value.span(),
      explained(`Blanks around the ${key} are kept: remove them`, `The guest gets "${t}", with its ${lead && trail ? 'leading and trailing' : lead ? 'leading' : 'trailing'} blank${lead + trail > 1 ? 's' : ''}.`),
      replaceFix('Remove the blanks', value.span(), t.trim(), true)));
  }
}

function reportInvalidParam(type: ItemType, piece: Piece, item: MappedText, lastKey: string | undefined, findings: Finding[]): void {
  const text = piece.text.text;
  const eq = text.indexOf('=');
  const shown = `Invalid parameter: ${clip(text)}`;
  const xlSays = `xl rejects the config: "Invalid parameter: ${text}".`;
  const span = nonEmptySpan(piece.text, item, piece.rawStart);
  const itemName = type.toUpperCase();

  if (eq < 0) {
    const listKey = lastKey === 'sample-rates' || lastKey === 'sample-formats' ? lastKey : undefined;
    const looksLikeElement = listKey === 'sample-rates' ? /^\s*[0-9]/.test(text) : listKey ? closest(text, FORMATS.map((f) => f.libxlName)) !== undefined : false;
    if (listKey && looksLikeElement) {
      const comma = item.text.lastIndexOf(',', piece.rawStart);
      const commaSpan = { start: item.at(comma), end: piece.text.at(0) };
      findings.push(finding(RULES.vsndListComma, { start: commaSpan.start, end: piece.text.at(piece.text.length) },
        explained(`${shown}: separate ${listKey} values with ';'`, `${xlSays} xl splits an item on ',', so each value after a ',' reads as a key.`),
        replaceFix("Change ',' to ';'", commaSpan, ';', true)));
      return;
    }
    const suggestion = closest(text, keysForItem(type).map((k) => k.name), KEY_ALIASES);
    findings.push(finding(RULES.vsndInvalidParam, span,
      explained(`${shown}: ${itemName} takes key=value pairs`, `${xlSays} ${itemName} takes ${keysForItem(type).map((k) => k.name).join(', ')}.`),
      suggestion ? replaceFix(`Change to ${suggestion}=`, piece.text.span(), `${suggestion}=`, false) : undefined));
    return;
  }

  const key = text.slice(0, eq);
  const keySpan = piece.text.span(0, eq);
  const trimmed = key.trimEnd();
  const valueText = text.slice(eq + 1);
  const trimmedInfo = KEY_BY_NAME.get(trimmed);
  if (trimmed !== key && trimmedInfo?.items.includes(type)) {
    const lead = valueText.length - valueText.trimStart().length;
    findings.push(finding(RULES.vsndKeyBlank, span,
      explained(`${shown}: remove the blank before '='`, `${xlSays} xl matches "${trimmed}=" exactly.`),
      replaceFix(`Remove the blanks around '='`, piece.text.span(trimmed.length, eq + 1 + lead), '=', true)));
    return;
  }
  const known = KEY_BY_NAME.get(trimmed);
  if (known) {
    const owners = known.items.map((i) => i.toUpperCase()).join(' and ');
    findings.push(finding(RULES.vsndInvalidParam, span, explained(`${shown}: ${trimmed} belongs to ${owners} items`, `${xlSays} ${itemName} items do not take ${trimmed}.`)));
    return;
  }
  const candidates = keysForItem(type).map((k) => k.name);
  const suggestion = closest(key, candidates, KEY_ALIASES);
  const hint = suggestion ? `did you mean ${suggestion}?` : `not a ${itemName} key`;
  findings.push(finding(RULES.vsndInvalidParam, span, explained(`${shown}: ${hint}`, `${xlSays} ${itemName} takes ${candidates.join(', ')}.`),
    suggestion ? replaceFix(`Change to ${suggestion}`, keySpan, suggestion, true) : undefined));
}

/** A piece's span, or the position where it would be when it is empty. */
function nonEmptySpan(text: MappedText, container: MappedText, rawStart: number): Span {
  if (text.length > 0) return text.span();
  const at = container.at(rawStart);
  return { start: at, end: at };
}


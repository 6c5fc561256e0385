/**
 * Completion in xl vsnd strings (item types, the keys of the item type, values of type,
 * sample-rates and sample-formats), card and vsnd snippets, and key names under vsnd nodes
 * of a XenStore dump. Everything comes from the tables.
 */
import { CompletionItem, CompletionItemKind, InsertTextFormat, MarkupKind, Range, TextEdit } from 'vscode-languageserver-types';
import { analyze, Analysis } from './analyze';
import { cardsAt, locate, xlCardAt, xlItemAt } from './locate';
import { CONFIG_KEYS_AT, FORMATS, ITEM_DOCS, ITEM_TYPES, KEY_BY_NAME, keysForItem, RATES, STREAM_TYPES } from '../tables/sndif';
import { formatMarkdown, rateMarkdown } from '../resolver/describe';
import { splitItem } from '../model/vsndItems';
import type { Hw } from '../resolver/hw';

const CARD_SNIPPET = "[ 'CARD, short-name=${1:Main}, sample-rates=${2:44100;48000}, sample-formats=${3:s16_le}',\n  'PCM, name=${4:Main}',\n    'STREAM, unique-id=${5:out}, type=${6|p,c|}' ]";

export function completion(analysis: Analysis, offset: number): CompletionItem[] {
  return analysis.language === 'xl' ? xlCompletion(analysis, offset) : dumpCompletion(analysis, offset);
}

function docs(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

function xlCompletion(analysis: Analysis, offset: number, closedString = false): CompletionItem[] {
  const at = xlItemAt(analysis, offset);
  if (!at) {
    // Typing an item before its closing quote (`'CARD, |` at the end of the line): complete
    // as if the quote were there. The text up to the cursor is the same, so are the ranges.
    const closed = closedString ? undefined : withStringClosed(analysis, offset);
    return closed ? xlCompletion(closed, offset, true) : xlOutsideStrings(analysis, offset);
  }
  const value = at.item.value;
  const cursor = value.indexOf(offset);
  const pieceStart = at.piece.start;
  const range = (from: number, to: number): Range => analysis.lines.rangeOf(value.span(from, to));
  if (at.pieceIndex === 0) {
    const r = range(pieceStart, at.piece.end);
    return ITEM_TYPES.map((t, i) => ({
      label: t.toUpperCase(),
      kind: CompletionItemKind.Keyword,
      documentation: docs(ITEM_DOCS[t]),
      sortText: String(i),
      textEdit: TextEdit.replace(r, t.toUpperCase()),
    }));
  }
  const eq = at.piece.text.indexOf('=');
  if (eq < 0 || at.inPiece <= eq) {
    if (!at.type) return [];
    const keyEnd = eq < 0 ? at.piece.end : pieceStart + eq + 1;
    const r = range(pieceStart, keyEnd);
    // Keys the item already has elsewhere are not offered again.
    const present = new Set(splitItem(value).slice(1)
      .filter((p) => p.rawStart + (value.text.slice(p.rawStart).match(/^ */)![0].length) !== pieceStart)
      .map((p) => p.text.text.split('=')[0].trim()));
    return keysForItem(at.type).filter((k) => !present.has(k.name)).map((k) => ({
      label: k.name,
      kind: CompletionItemKind.Property,
      detail: `default: ${k.defaultText}`,
      documentation: docs(k.doc),
      textEdit: TextEdit.replace(r, `${k.name}=`),
      command: { title: 'Suggest values', command: 'editor.action.triggerSuggest' },
    }));
  }
  const key = at.piece.text.slice(0, eq);
  const valueStart = pieceStart + eq + 1;
  if (key === 'type') {
    const r = range(valueStart, at.piece.end);
    return STREAM_TYPES.map((t) => ({ label: t.name, kind: CompletionItemKind.EnumMember, detail: t.doc, textEdit: TextEdit.replace(r, t.name) }));
  }
  if (key === 'sample-rates' || key === 'sample-formats') {
    const text = value.text;
    let from = text.lastIndexOf(';', cursor - 1) + 1;
    if (from < valueStart) from = valueStart;
    let to = text.indexOf(';', cursor);
    if (to < 0 || to > at.piece.end) to = at.piece.end;
    const r = range(from, to);
    // The parent's allowed values first: picking one of them keeps the level inside its parent.
    const parent = parentHw(analysis, offset);
    const order = (allowed: boolean, i: number) => `${parent && !allowed ? 1 : 0}${String(i).padStart(2, '0')}`;
    if (key === 'sample-rates') {
      return RATES.map((rate, i) => ({
        label: rate.name, kind: CompletionItemKind.Value,
        sortText: order(parent !== undefined && (parent.continuous ? rate.value >= parent.rateMin && rate.value <= parent.rateMax : parent.rates.includes(rate.value)), i),
        documentation: docs(rateMarkdown(rate.name)), textEdit: TextEdit.replace(r, rate.name),
      }));
    }
    return FORMATS.map((f, i) => ({
      label: f.libxlName,
      kind: CompletionItemKind.EnumMember,
      sortText: order(parent !== undefined && parent.formats.includes(f.name), i),
      detail: f.libxlName !== f.name ? 'accepted by xl, ignored by the guest' : f.doc,
      tags: f.libxlName !== f.name ? [1] : undefined,
      documentation: docs(formatMarkdown(f.libxlName)),
      textEdit: TextEdit.replace(r, f.libxlName),
    }));
  }
  return [];
}

/** Above this many characters an xl.cfg analysis takes tens of milliseconds (bench: 1 MB in ~370 ms). */
const CLOSE_STRING_BELOW = 100_000;

/**
 * The analysis of the text with the quote the cursor's line leaves open closed at the cursor,
 * when nothing on the line after the cursor closes it; undefined otherwise.
 */
function withStringClosed(analysis: Analysis, offset: number): Analysis | undefined {
  // A second analysis per completion request: only for configs of ordinary size.
  if (analysis.text.length > CLOSE_STRING_BELOW) return undefined;
  const { line } = analysis.lines.positionAt(offset);
  const lineStart = analysis.lines.lineStart(line);
  const before = analysis.text.slice(lineStart, offset);
  let open: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (open === '"' && c === '\\') i++;
    else if (open === undefined && c === '#') return undefined;
    else if (open === undefined && (c === "'" || c === '"')) open = c;
    else if (c === open) open = undefined;
  }
  if (!open || analysis.text.slice(offset, analysis.lines.lineEnd(line)).includes(open)) return undefined;
  const text = analysis.text.toString();
  return analyze(`${text.slice(0, offset)}${open}${text.slice(offset)}`, 'xl');
}

/** What the item at the offset inherits: the PCM device of a stream, the card of a PCM. */
function parentHw(analysis: Analysis, offset: number): Hw | undefined {
  const target = locate(analysis, offset);
  if (!target?.card) return undefined;
  if (target.stream) return target.device?.hw;
  if (target.device) return target.card.hw;
  return undefined;
}

/** Between strings: a whole-card snippet inside vsnd, a vsnd setting at the start of a line. */
function xlOutsideStrings(analysis: Analysis, offset: number): CompletionItem[] {
  const insideVsnd = analysis.xl!.vsnd.settings.some((s) => s.value?.kind === 'list' && offset > s.value.span.start && (offset < s.value.span.end || !s.value.closed));
  const card = xlCardAt(analysis, offset)?.card;
  const insideCard = card !== undefined && offset > card.span.start && offset < card.span.end;
  if (insideVsnd && !insideCard) {
    return [{ label: 'vsnd card', kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, insertText: CARD_SNIPPET, documentation: docs('A virtual sound card with one PCM device and one stream.') }];
  }
  if (insideCard) {
    return ITEM_TYPES.map((t) => ({ label: `'${t.toUpperCase()}, …'`, kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, insertText: `'${t.toUpperCase()}, $0'`, documentation: docs(ITEM_DOCS[t]) }));
  }
  const line = analysis.lines.positionAt(offset).line;
  const before = analysis.text.slice(analysis.lines.lineStart(line), offset);
  if (/^[a-z]*$/.test(before) && !analysis.xl!.vsnd.settings.length) {
    return [{ label: 'vsnd', kind: CompletionItemKind.Snippet, insertTextFormat: InsertTextFormat.Snippet, insertText: `vsnd = [\n  ${CARD_SNIPPET.replace(/\n/g, '\n  ')},\n]`, documentation: docs('Virtual sound cards for the guest (xl.cfg(5) `vsnd`).') }];
  }
  return [];
}

/** Key names on a line below a vsnd card, device or stream of a dump. */
function dumpCompletion(analysis: Analysis, offset: number): CompletionItem[] {
  const pos = analysis.lines.positionAt(offset);
  const lineStart = analysis.lines.lineStart(pos.line);
  const before = analysis.text.slice(lineStart, offset);
  const full = before.startsWith('/');
  const m = full ? before.match(/^(\/\S*\/)([A-Za-z0-9_-]*)$/) : before.match(/^( *)([A-Za-z0-9_-]*)$/);
  if (!m) return [];
  let level: 'card' | 'device' | 'stream' | undefined;
  if (full) {
    const path = m[1].replace(/\/$/, '');
    const rel = path.match(/\/device\/vsnd\/\d+((?:\/\d+){0,2})$/);
    if (rel) level = (['card', 'device', 'stream'] as const)[rel[1].split('/').length - 1];
  } else {
    // Keys are only offered inside a vsnd card: find it through the index, then its line
    // nearest above with one blank less of indent, without leaving the card.
    const depth = m[1].length;
    if (analysis.text.charCodeAt(offset) === 32 /* blank */) return []; // still in the indentation
    const card = cardsAt(analysis, offset)[0] ?? cardsAt(analysis, Math.max(0, lineStart - 1))[0];
    if (!card) return [];
    const cardStart = card.node.span.start;
    for (let l = pos.line - 1; l >= 0 && depth > 0 && analysis.lines.lineStart(l) >= cardStart; l--) {
      const text = analysis.text.slice(analysis.lines.lineStart(l), analysis.lines.lineEnd(l));
      const indent = text.match(/^ */)![0].length;
      if (indent === depth - 1) {
        const target = locate(analysis, analysis.lines.lineStart(l) + indent);
        if (target?.kind === 'level') level = target.stream ? 'stream' : target.device ? 'device' : 'card';
        break;
      }
    }
  }
  if (!level) return [];
  const r = analysis.lines.rangeOf({ start: offset - m[2].length, end: offset });
  return CONFIG_KEYS_AT[level].map((name) => {
    const info = KEY_BY_NAME.get(name)!;
    return { label: name, kind: CompletionItemKind.Property, documentation: docs(info.doc), textEdit: TextEdit.replace(r, `${name} = "`) };
  });
}

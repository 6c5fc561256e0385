/**
 * Incremental re-analysis equals a fresh analysis: after every edit of a random sequence
 * (mostly typing and deleting inside values, the fast path; sometimes line breaks, quotes,
 * names, comments and backend links, which start over), the diagnostics, hovers, inlay
 * hints, symbols and folding ranges of the incrementally kept analysis are those of
 * analysing the same text from scratch.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analyze, analyzeForEditing, Analysis, EditableAnalysis } from '../../server/src/service/analyze';
import { reanalyze, reanalyzeLines, TextChange } from '../../server/src/service/incremental';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { hover } from '../../server/src/service/hover';
import { inlayHints } from '../../server/src/service/inlayHints';
import { documentSymbols } from '../../server/src/service/symbols';
import { foldingRanges } from '../../server/src/service/folding';
import { dump } from '../../bench/generate';
import { testSeed } from '../seed';

const ROOT = join(__dirname, '..', '..', '..');
const example = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8');
/** A generated host dump with a mistake in every other card, so findings lie before and after any edit. */
const mistaken = (text: string) => {
  let n = 0;
  return text.replace(/sample-rates = "8000,16000,44100,48000"/g, (m) => (n++ % 2 ? m : 'sample-rates = "8000,16000,44100,4800"'));
};
const DOCUMENTS = [
  example('xenstore-host.txt'), example('xenstore-broken-f.txt'), example('xenstore-card-subtree.txt'),
  mistaken(dump(12_000, 'full', 3)), mistaken(dump(12_000, 'plain', 4)),
];
const TYPED = ['0', '1', '4', '8', ',', ';', ' ', 'x', 'p', 'c', 's', '_', '-', 'é', '\\', '\\x4', '"', '...', '\n', '#', '/', '😀'];
const RUNS = Number(process.env.SNDIF_PROPERTY_RUNS ?? 400) / 4;
const SEED = testSeed();

/** An edit as a recipe (where and what), made concrete on the text it applies to. */
interface EditRecipe { inValue: boolean; at: number; removed: number; text: string }

const recipe = fc.record({
  inValue: fc.constantFrom(true, true, true, false),
  at: fc.nat(),
  removed: fc.constantFrom(0, 0, 0, 1, 1, 2, 5),
  text: fc.oneof(fc.constantFrom(...TYPED), fc.constant('')),
});

/** Inside a value (between ` = "` and the line's last quote) or anywhere. */
function concrete(text: string, r: EditRecipe): TextChange {
  if (r.inValue) {
    const values: [number, number][] = [];
    for (let at = text.indexOf(' = "'); at >= 0; at = text.indexOf(' = "', at + 1)) {
      const eol = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
      const close = text.lastIndexOf('"', eol - 1);
      if (close >= at + 4) values.push([at + 4, close]);
    }
    if (values.length) {
      const [start, end] = values[r.at % values.length];
      const offset = start + (r.at % (end - start + 1));
      return { start: offset, end: Math.min(end, offset + r.removed), text: r.text };
    }
  }
  const start = r.at % (text.length + 1);
  return { start, end: Math.min(text.length, start + r.removed), text: r.text };
}

/**
 * What the features make of an analysis. Hovers are asked first, while a dump analysis has not
 * put its findings together (service/analyze findingsAt), and again after the diagnostics have;
 * `findingAt` are offsets where findings are, so hovers meet them.
 */
function observe(a: Analysis, findingAt: readonly number[] = []) {
  const uri = 'file:///dump.txt';
  const probes = [...Array.from({ length: 24 }, (_, i) => Math.floor((i * a.text.length) / 24)), ...findingAt];
  const whole = { start: { line: 0, character: 0 }, end: a.lines.positionAt(a.text.length) };
  const hovers = probes.map((o) => hover(a, o, uri));
  return {
    hovers,
    diagnostics: toDiagnostics(a, uri),
    hoversAfterDiagnostics: probes.map((o) => hover(a, o, uri)),
    inlayHints: inlayHints(a, whole, uri),
    symbols: documentSymbols(a),
    folding: foldingRanges(a),
  };
}

/** Where 24 of an analysis's findings start and end, spread over them. */
function findingOffsets(a: Analysis): number[] {
  const fs = a.findings;
  return Array.from({ length: Math.min(24, fs.length) }, (_, i) => fs[Math.floor((i * fs.length) / Math.min(24, fs.length))])
    .flatMap((f) => [f.span.start, f.span.end]);
}

test('incremental re-analysis of a dump equals a fresh analysis after random edit sequences', (t) => {
  t.diagnostic(`seed ${SEED} (replay: SNDIF_SEED=${SEED})`);
  fc.assert(fc.property(fc.nat(DOCUMENTS.length - 1), fc.array(recipe, { minLength: 1, maxLength: 12 }), (which, recipes) => {
    let text = DOCUMENTS[which];
    let editable: EditableAnalysis = analyzeForEditing(text, 'xenstore');
    for (const r of recipes) {
      const change = concrete(text, r);
      text = text.slice(0, change.start) + change.text + text.slice(change.end);
      editable = reanalyze(editable, change, text);
      assert.equal(editable.analysis.text, text);
      const fresh = analyze(text, 'xenstore');
      const at = findingOffsets(fresh);
      assert.deepEqual(observe(editable.analysis, at), observe(fresh, at), `after ${JSON.stringify(change)}`);
    }
  }), { numRuns: RUNS, seed: SEED });
});

test('typing inside a value re-validates only its card and moves the rest', () => {
  const text = DOCUMENTS[3];
  const at = text.indexOf('"', text.lastIndexOf('sample-rates = "') + 16);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const cardPrefix = `${text.slice(lineStart, text.indexOf(' = ', lineStart)).split('/').slice(0, 7).join('/')}/`;
  const cardStart = text.indexOf(cardPrefix);
  const first = analyzeForEditing(text, 'xenstore');
  const otherCards = first.analysis.findings.filter((f) => f.span.end < cardStart);
  assert.ok(otherCards.length > 0);
  const edited = `${text.slice(0, at)},9${text.slice(at)}`;
  const next = reanalyze(first, { start: at, end: at, text: ',9' }, edited);
  const fresh = analyze(edited, 'xenstore');
  assert.deepEqual(observe(next.analysis, findingOffsets(fresh)), observe(fresh, findingOffsets(fresh)));
  // The other cards' findings are the very same objects: they were not computed again.
  for (const f of otherCards) assert.ok(next.analysis.findings.includes(f));
});

/** Whole-line edits of a `-f` dump: what reanalyzeLines takes on without a whole analysis. */
const lineEdit = fc.record({
  kind: fc.constantFrom('duplicate', 'delete', 'new key', 'blank', 'move', 'new key in the next card'),
  line: fc.nat(),
  key: fc.constantFrom('sample-rates = "8000"', 'channels-max = "1"', 'buffer-size = "x"', 'unknown-key = "1"', '0/name = "Extra"', '5/0/type = "p"', 'sample-formats = "s16_le,u8"'),
});

function concreteLine(text: string, r: { kind: string; line: number; key: string }): TextChange {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const n = r.line % starts.length;
  const start = starts[n];
  const end = n + 1 < starts.length ? starts[n + 1] : text.length;
  const lineText = text.slice(start, end);
  const card = /^(\/local\/domain\/\d+\/device\/vsnd\/\d+)\//.exec(lineText)?.[1];
  switch (r.kind) {
    case 'duplicate': return { start: end, end, text: lineText.endsWith('\n') ? lineText : `\n${lineText}` };
    case 'delete': return { start, end, text: '' };
    case 'blank': return { start, end: start, text: '\n' };
    case 'move': {
      const to = starts[(n + 7) % starts.length];
      return to > end ? { start, end, text: '' } : { start: to, end: to, text: lineText.endsWith('\n') ? lineText : `${lineText}\n` };
    }
    case 'new key in the next card': {
      const next = card && /\/(\d+)$/.exec(card);
      const other = next ? card!.replace(/\/\d+$/, `/${Number(next[1]) + 1}`) : undefined;
      return { start, end: start, text: `${other ?? '/local/domain/1/device/vsnd/0'}/${r.key}\n` };
    }
    default: return { start, end: start, text: `${card ?? '/local/domain/1/device/vsnd/0'}/${r.key}\n` };
  }
}

test('line edits of a -f dump re-read only the cards they touch and equal a fresh analysis', (t) => {
  t.diagnostic(`seed ${SEED} (replay: SNDIF_SEED=${SEED})`);
  // The xen-devel listing is third-party material (test/fixtures/realworld/SOURCES).
  const realWorld = readFileSync(join(ROOT, 'test', 'fixtures', 'realworld', 'xen-devel.2022-04-29-sndfront-xenstore.txt'), 'utf8');
  const documents = [mistaken(dump(12_000, 'full', 3)), example('xenstore-broken-f.txt'), mistaken(dump(20_000, 'full', 9)), realWorld];
  let byLines = 0;
  let edits = 0;
  fc.assert(fc.property(fc.nat(documents.length - 1), fc.array(lineEdit, { minLength: 1, maxLength: 10 }), (which, recipes) => {
    let text = documents[which];
    let editable: EditableAnalysis = analyzeForEditing(text, 'xenstore');
    for (const r of recipes) {
      const change = concreteLine(text, r);
      text = text.slice(0, change.start) + change.text + text.slice(change.end);
      const quick = reanalyzeLines(editable, change, text);
      edits++;
      if (quick) byLines++;
      editable = quick ?? reanalyze(editable, change, text);
      assert.equal(editable.analysis.text, text);
      const fresh = analyze(text, 'xenstore');
      const at = findingOffsets(fresh);
      assert.deepEqual(observe(editable.analysis, at), observe(fresh, at), `after ${JSON.stringify(change)} (${quick ? 'by lines' : 'whole'})`);
    }
  }), { numRuns: RUNS, seed: SEED });
  t.diagnostic(`${byLines} of ${edits} edits re-read by lines`);
  // The rest met a card that appears or vanishes, a backend link, or a line that does not read.
  assert.ok(byLines > edits / 3, `${byLines} of ${edits} edits re-read by lines`);
});

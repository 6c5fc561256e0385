/**
 * Property tests (fast-check): whatever the text, the parsers, the analysis and every feature
 * never throw, every range lies inside the document, and positions are valid UTF-16 offsets
 * that never split a surrogate pair.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { analysisSteps, analyze, Analysis } from '../../server/src/service/analyze';
import type { SndifLanguage } from '../../server/src/service/language';
import { toDiagnostics, DiagnosticData } from '../../server/src/service/diagnostics';
import { hover } from '../../server/src/service/hover';
import { completion } from '../../server/src/service/completion';
import { codeActions, fixAll } from '../../server/src/service/codeActions';
import { documentSymbols } from '../../server/src/service/symbols';
import { foldingRanges } from '../../server/src/service/folding';
import { inlayHints } from '../../server/src/service/inlayHints';
import { resolveText, xenstoreKeysText } from '../../server/src/service/report';
import { testSeed } from '../seed';

const ROOT = join(__dirname, '..', '..', '..');
const example = (name: string) => readFileSync(join(ROOT, 'examples', name), 'utf8');
const XL_SEEDS = [example('guest-clean.cfg'), example('guest-mistakes.cfg')];
const XS_SEEDS = [example('xenstore-host.txt'), example('xenstore-broken-f.txt'), example('xenstore-card-subtree.txt')];
const NASTY = ['"', "'", '[', ']', ',', ';', '=', '+=', '\\', '\\x', '\\1', '\r', '\n', '\r\n', '\ufeff', '😀', '\ud800', '\u0000', '\t', '#', ' = "', '\\...', '/local/domain/1/device/vsnd/0/', ' ', 'é', '\u00a0'];
const RUNS = Number(process.env.SNDIF_PROPERTY_RUNS ?? 400);

type Mutation = { kind: 'insert' | 'delete' | 'truncate'; at: number; text: string; length: number };

const mutation = fc.record({
  kind: fc.constantFrom<'insert' | 'delete' | 'truncate'>('insert', 'insert', 'delete', 'truncate'),
  at: fc.nat(),
  text: fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary', maxLength: 4 })),
  length: fc.nat({ max: 40 }),
});

function mutate(text: string, mutations: Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = out.length === 0 ? 0 : m.at % (out.length + 1);
    if (m.kind === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.kind === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else out = out.slice(0, at);
  }
  return out;
}

const document = (seeds: string[]) => fc.oneof(
  fc.tuple(fc.constantFrom(...seeds), fc.array(mutation, { maxLength: 12 })).map(([seed, ms]) => mutate(seed, ms)),
  fc.tuple(fc.constantFrom(...seeds), fc.boolean(), fc.boolean()).map(([seed, crlf, bom]) => `${bom ? '\ufeff' : ''}${crlf ? seed.replace(/\n/g, '\r\n') : seed}`),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 80 }).map((parts) => parts.join('')),
  fc.nat({ max: 3000 }).map((n) => `vsnd = ${'['.repeat(n)}'PCM'${']'.repeat(n % 3 === 0 ? n : 0)}\n`),
  fc.nat({ max: 3000 }).map((n) => Array.from({ length: n % 300 }, (_, i) => `${' '.repeat(i)}n${i} = ""`).join('\n')),
  fc.nat({ max: 200000 }).map((n) => `a = '${'x'.repeat(n)}`),
);

function surrogateSplit(text: string, offset: number): boolean {
  const before = text.charCodeAt(offset - 1);
  const after = text.charCodeAt(offset);
  return before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff;
}

function checkRange(a: Analysis, range: { start: { line: number; character: number }; end: { line: number; character: number } }, what: string): void {
  for (const p of [range.start, range.end]) {
    assert.ok(p.line >= 0 && p.line < a.lines.lineCount, `${what}: line ${p.line} outside 0..${a.lines.lineCount - 1}`);
    const lineLength = a.lines.lineEnd(p.line) - a.lines.lineStart(p.line);
    assert.ok(p.character >= 0 && p.character <= lineLength, `${what}: character ${p.character} outside the line (${lineLength})`);
    assert.ok(!surrogateSplit(a.text.toString(), a.lines.offsetAt(p)), `${what}: position splits a surrogate pair`);
  }
  assert.ok(a.lines.offsetAt(range.start) <= a.lines.offsetAt(range.end), `${what}: range ends before it starts`);
}

/** The slowest analysis seen, reported (not asserted: speed belongs to the benchmark). */
const slowest = { ms: 0, length: 0 };
// Warm the code first, so the slowest analysis is not just the first, unoptimised one.
for (const seed of [...XL_SEEDS, ...XS_SEEDS]) analyze(seed, XL_SEEDS.includes(seed) ? 'xl' : 'xenstore');

function exercise(text: string, language: SndifLanguage, probe: number): void {
  const t0 = performance.now();
  const a = analyze(text, language);
  const ms = performance.now() - t0;
  if (ms > slowest.ms) Object.assign(slowest, { ms, length: text.length });
  for (const f of a.findings) {
    assert.ok(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length, `${f.rule.code}: span ${f.span.start}-${f.span.end} outside 0..${text.length}`);
  }
  const uri = 'file:///prop';
  const diagnostics = toDiagnostics(a, uri);
  for (const d of diagnostics) {
    checkRange(a, d.range, String(d.code));
    for (const fix of (d.data as DiagnosticData).fixes) for (const e of fix.edits) checkRange(a, e.range, `${d.code} fix`);
  }
  const offset = text.length === 0 ? 0 : probe % (text.length + 1);
  const h = hover(a, offset, uri);
  if (h) assert.ok(h.span.start >= 0 && h.span.end <= text.length);
  for (const item of completion(a, offset)) if (item.textEdit && 'range' in item.textEdit) checkRange(a, item.textEdit.range, 'completion');
  const range = { start: a.lines.positionAt(0), end: a.lines.positionAt(text.length) };
  codeActions(a, { uri, range, diagnostics, only: ['quickfix', 'source.fixAll'] });
  fixAll(a, uri);
  for (const s of documentSymbols(a)) checkRange(a, s.range, 'symbol');
  for (const f of foldingRanges(a)) assert.ok(f.startLine <= f.endLine && f.endLine < a.lines.lineCount);
  for (const hint of inlayHints(a, range, 'file:///t')) checkRange(a, { start: hint.position, end: hint.position }, 'inlay hint');
  resolveText(a);
  xenstoreKeysText(a);
}

const SEED = testSeed();

test('xl.cfg: any text is analysed without throwing, with valid ranges', (t) => {
  t.diagnostic(`seed ${SEED} (replay: SNDIF_SEED=${SEED})`);
  fc.assert(fc.property(document(XL_SEEDS), fc.nat(), (text, probe) => exercise(text, 'xl', probe)), { numRuns: RUNS, seed: SEED });
  t.diagnostic(`${RUNS} random documents; slowest analysis so far ${slowest.ms.toFixed(1)} ms (${slowest.length} characters)`);
});

test('XenStore dumps: any text is analysed without throwing, with valid ranges', (t) => {
  fc.assert(fc.property(document(XS_SEEDS), fc.nat(), (text, probe) => exercise(text, 'xenstore', probe)), { numRuns: RUNS, seed: SEED });
  t.diagnostic(`${RUNS} random documents; slowest analysis so far ${slowest.ms.toFixed(1)} ms (${slowest.length} characters)`);
});

test('deeply nested lists and deeply indented dumps do not overflow the stack', () => {
  const deep = `vsnd = ${'['.repeat(100000)}\n`;
  const a = analyze(deep, 'xl');
  assert.ok(a.findings.some((f) => f.message.includes('nested deeper than 2000')));
  const path = `/local/domain/1/device/vsnd/0/0/0/${'d/'.repeat(50000)}x = "1"\n`;
  const b = analyze(`/local/domain/1/device/vsnd/0/0/0/type = "p"\n${path}`, 'xenstore');
  assert.equal(b.findings.filter((f) => f.rule.code === 'xs-syntax').length, 0);
  assert.equal(b.cards[0].devices[0].streams.length, 1);
  hover(b, b.text.length - 3, 'file:///deep');
  documentSymbols(b);
});

test('a document above the size limit gets one information and its syntax only', () => {
  const text = `${'a = 1\n'.repeat(100)}b = [\n`;
  const a = analyze(text, 'xl', { maxDocumentSize: 100 });
  assert.deepEqual(a.findings.map((f) => f.rule.code), ['document-too-large', 'xl-syntax']);
  assert.equal(a.findings[0].rule.severity, 'information');
  assert.equal(a.cards.length, 0);
});

test('a dump above the size limit: one information, its syntax only, read in steps like any other', () => {
  const text = `${'/local/domain/1/device/vsnd/0/sample-rates = "8000"\n'.repeat(5000)}/local/domain/1/device/vsnd/0/x = "unclosed\n`;
  let steps = 0;
  const run = analysisSteps(text, 'xenstore', { maxDocumentSize: 1000 });
  let next = run.next();
  for (; !next.done; next = run.next()) steps++;
  const a = next.value.analysis;
  assert.deepEqual(a.findings.map((f) => f.rule.code), ['document-too-large', 'xs-syntax']);
  assert.equal(a.cards.length, 0);
  // 5,001 lines in steps of 1,024: the language server can answer between them.
  assert.equal(steps, 4);
});

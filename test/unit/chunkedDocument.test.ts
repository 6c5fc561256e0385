/**
 * The chunked text and document the language server keeps open documents in: after random
 * edit sequences (typing, deleting, pasting lines, CRLF pairs split and joined, whole-text
 * replacements) the text reads as the plain string would, and every position answer equals
 * vscode-languageserver-textdocument's FullTextDocument, which TextDocuments used before.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { ChunkedText } from '../../server/src/text/chunkedText';
import { ChunkedDocument } from '../../server/src/lsp/chunkedDocument';
import { LineIndex } from '../../server/src/text/lineIndex';
import { testSeed } from '../seed';

const SEED = testSeed();
const RUNS = Number(process.env.SNDIF_PROPERTY_RUNS ?? 400) / 4;
const PIECES = ['a', 'é', '😀', '\n', '\r', '\r\n', ' = "48000"\n', 'x'.repeat(70_000), '', '/local/domain/1/device/vsnd/0/'];

/** A text of a few chunks (chunks are 65,536 characters), so edits cross their borders. */
const BASE = Array.from({ length: 9000 }, (_, i) => `/local/domain/1/device/vsnd/${i % 7}/sample-rates = "${i}"${i % 5 === 0 ? '\r\n' : '\n'}`).join('');

const edit = fc.record({ at: fc.nat(), removed: fc.oneof(fc.nat(3), fc.nat(200_000)), text: fc.constantFrom(...PIECES) });

test('ChunkedText reads as the string it stands for after random edits', (t) => {
  t.diagnostic(`seed ${SEED} (replay: SNDIF_SEED=${SEED})`);
  fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 20 }), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }), (edits, probes) => {
    let plain = BASE;
    let chunked = ChunkedText.of(BASE);
    for (const e of edits) {
      const start = e.at % (plain.length + 1);
      const end = Math.min(plain.length, start + e.removed);
      plain = plain.slice(0, start) + e.text + plain.slice(end);
      chunked = chunked.edit(start, end, e.text);
      assert.equal(chunked.length, plain.length);
      for (const p of probes) {
        const a = p % (plain.length + 1);
        const b = Math.min(plain.length, a + (p % 100_003));
        assert.equal(chunked.charCodeAt(a), plain.charCodeAt(a));
        assert.equal(chunked.slice(a, b), plain.slice(a, b));
        assert.equal(chunked.slice(a), plain.slice(a));
        assert.equal(chunked.slice(-a - 1, b), plain.slice(-a - 1, b));
        // Searches for text found at a chunk border and elsewhere, from anywhere.
        const border = Math.min(plain.length, (Math.floor(a / 65_536) + 1) * 65_536);
        for (const needle of [plain.slice(border - 3, border + 4), plain.slice(a, a + 1 + (p % 40)), '/vsnd/3/', '\n/local', 'not there']) {
          assert.equal(chunked.indexOf(needle, b), plain.indexOf(needle, b), `indexOf ${JSON.stringify(needle)} from ${b}`);
          assert.equal(chunked.indexOf(needle, a), plain.indexOf(needle, a), `indexOf ${JSON.stringify(needle)} from ${a}`);
        }
      }
    }
    assert.equal(chunked.toString(), plain);
  }), { numRuns: RUNS, seed: SEED });
});

test('an edited ChunkedText shares its untouched chunks and never makes the whole string', () => {
  const text = ChunkedText.of(BASE);
  const edited = text.edit(300_000, 300_000, ',96000');
  // Reading a line far from the edit reads one chunk; toString is what makes the whole string.
  assert.equal(edited.slice(10, 40), BASE.slice(10, 40));
  assert.equal(edited.slice(299_990, 300_010), `${BASE.slice(299_990, 300_000)},96000${BASE.slice(300_000, 300_004)}`);
  assert.equal(edited.toString(), `${BASE.slice(0, 300_000)},96000${BASE.slice(300_000)}`);
  assert.equal(text.toString(), BASE);
  assert.equal(ChunkedText.of('').edit(0, 0, 'x').toString(), 'x');
  assert.equal(ChunkedText.of('abc').edit(0, 3, '').toString(), '');
  assert.equal(ChunkedText.of('abc').edit(0, 3, '').edit(0, 0, 'z').toString(), 'z');
});

/** A position on a line of the document (made concrete on it): clients send no others. */
const position = fc.record({ line: fc.nat(), character: fc.integer({ min: 0, max: 80 }) });
const onLine = (p: { line: number; character: number }, document: TextDocument) => ({ line: p.line % document.lineCount, character: p.character });
const change = fc.oneof(
  { weight: 9, arbitrary: fc.record({ start: position, end: position, text: fc.constantFrom(...PIECES) }) },
  { weight: 1, arbitrary: fc.constantFrom('replace the whole text') },
);

test('ChunkedDocument answers every position question as FullTextDocument does after random edits, with its own line table or one taken from an analysis', (t) => {
  t.diagnostic(`seed ${SEED} (replay: SNDIF_SEED=${SEED})`);
  fc.assert(fc.property(fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 8 }), fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), fc.boolean(),
    (batches, probes, adopt) => {
      const full = TextDocument.create('file:///d.txt', 'xenstore', 1, BASE);
      const chunked = ChunkedDocument.create('file:///d.txt', 'xenstore', 1, BASE);
      // The language server hands a new document the line table of its first analysis.
      const analysed = new LineIndex(BASE);
      if (adopt) chunked.adoptLineStarts(analysed);
      let version = 1;
      for (const batch of batches) {
        version++;
        // One change at a time: each change's range is on the text the previous one left.
        for (const c of batch) {
          const event: TextDocumentContentChangeEvent = typeof c === 'string'
            ? { text: BASE.slice(0, 5000) }
            : { range: { start: onLine(c.start, full), end: onLine(c.end, full) }, text: c.text };
          TextDocument.update(full, [event], version);
          chunked.update([event], version);
        }
        assert.equal(chunked.version, full.version);
        assert.equal(chunked.lineCount, full.lineCount);
        for (const p of probes) {
          const offset = p % (full.getText().length + 2);
          const at = { line: p % (full.lineCount + 1), character: p % 90 };
          const range = { start: full.positionAt(offset), end: at };
          assert.deepEqual(chunked.positionAt(offset), full.positionAt(offset));
          assert.equal(chunked.offsetAt(at), full.offsetAt(at));
          assert.equal(chunked.getText(range), full.getText(range));
          assert.deepEqual(chunked.getLineRange(at.line), full.getLineRange(at.line));
          assert.equal(chunked.getEOLCharacters(at.line), full.getEOLCharacters(at.line));
        }
      }
      assert.equal(chunked.getText(), full.getText());
      assert.equal(chunked.text.toString(), full.getText());
      // The analysis keeps its own table: the document's edits went to a copy.
      assert.deepEqual(analysed.copyOfStarts(), new LineIndex(BASE).copyOfStarts());
    }), { numRuns: RUNS, seed: SEED });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXl } from '../../server/src/syntax/xl/parser';
import { expectFindings } from '../helpers';
import { analyze } from '../../server/src/service/analyze';
import { LineIndex } from '../../server/src/text/lineIndex';

test('settings with =, +=, ; and newline separators, comments', () => {
  const file = parseXl('a = 1; b = "x" # note\nc += [ \'y\', ]\n');
  assert.deepEqual(file.settings.map((s) => [s.name, s.op, s.value?.kind]), [['a', '=', 'number'], ['b', '=', 'string'], ['c', '+=', 'list']]);
  assert.deepEqual(file.comments.map((c) => c.text), [' note']);
  assert.equal(file.findings.length, 0);
});

test('numbers stay text: decimal, octal, hex', () => {
  const file = parseXl('a = 010\nb = 0x1f\nc = 42\n');
  assert.deepEqual(file.settings.map((s) => s.value!.kind === 'number' ? s.value!.value.text : ''), ['010', '0x1f', '42']);
});

test('nested lists with trailing commas and newlines inside', () => {
  const file = parseXl("v = [\n  [ 'a',\n    'b', ],\n  [ ],\n]\n");
  const v = file.settings[0].value!;
  assert.equal(v.kind, 'list');
  if (v.kind !== 'list') return;
  assert.equal(v.items.length, 2);
  assert.equal(file.findings.length, 0);
});

test('escapes are decoded and every character maps back to the document', () => {
  const text = 'a = "x\\ty\\"z"\n';
  const s = parseXl(text).settings[0].value!;
  assert.equal(s.kind, 'string');
  if (s.kind !== 'string') return;
  assert.equal(s.value.text, 'x\ty"z');
  // 'y' is decoded index 2; in the document it sits after `"x\t`.
  assert.equal(text[s.value.at(2)], 'y');
  assert.equal(text.slice(s.value.at(3), s.value.at(4)), '\\"');
  assert.equal(s.value.at(s.value.length), text.lastIndexOf('"'));
});

test('single-quoted strings take the same escapes', () => {
  const s = parseXl("a = 'it\\'s'\n").settings[0].value!;
  assert.equal(s.kind === 'string' && s.value.text, "it's");
});

test('xl 4.17 rejects \\x escapes and drops octal escapes', () => {
  expectFindings('a = "\\x41"\n', 'xl', [{ code: 'xl-escape', at: '\\x41', detail: "config parsing error near `\"\\x41\"': invalid digit after backslash hexnumerical character escape" }]);
  const a = expectFindings('a = "A\\101B"\n', 'xl', [{ code: 'xl-escape-dropped', at: '\\101', severity: 'warning' }]);
  const v = a.xl!.file.settings[0].value!;
  assert.equal(v.kind === 'string' && v.value.text, 'AB');
  expectFindings('a = "\\q"\n', 'xl', [{ code: 'xl-escape', at: '\\q', detail: 'invalid character after backlash in quoted string' }]);
});

test('lexical errors: uppercase names, unterminated strings, Python', () => {
  expectFindings('Name = "x"\n', 'xl', [{ code: 'xl-lexical', at: 'Name', detail: "config parsing error near `Name': lexical error" }]);
  expectFindings("a = 'open\nb = 1\n", 'xl', [{ code: 'xl-lexical', at: "'open", detail: 'unterminated string' }]);
  // As real xl: the parser sees `int` (a syntax error) before the lexer reaches `(`.
  expectFindings('memory = int(512)\n', 'xl', [
    { code: 'xl-syntax', at: 'int', detail: "config parsing error near `int': syntax error, unexpected IDENT, expecting STRING or NUMBER or '['" },
    { code: 'xl-lexical', at: '(512)', detail: 'looks like Python' },
  ]);
});

test('a comment on the last line needs a line break, as xl requires', () => {
  expectFindings('a = 1\n# end', 'xl', [{ code: 'xl-lexical', at: '# end', detail: 'line break after a comment' }]);
});

test('CRLF line endings are one error for the file, and parsing goes on', () => {
  const a = expectFindings('a = 1\r\nb = 2\r\n', 'xl', [{ code: 'xl-crlf', at: '\r\n', detail: '2 lines end in CR or CRLF' }]);
  assert.equal(a.xl!.file.settings.length, 2);
});

test('syntax errors point at the token and the rest of the file is analysed', () => {
  const a = expectFindings('a = = 1\nb = 2\nc 3\nd = 4\n', 'xl', [
    { code: 'xl-syntax', at: '=', nth: 1, detail: "unexpected '=', expecting STRING or NUMBER or '['" },
    { code: 'xl-syntax', at: '3', detail: 'unexpected NUMBER, expecting "+=" or \'=\'' },
  ]);
  assert.deepEqual(a.xl!.file.settings.map((s) => s.name), ['b', 'd']);
});

test('an unclosed vsnd list gives only the error xl reports, no finding from pieces xl never read', () => {
  const text = "vsnd = [ [ 'PCM', 'STREAM, type=x' ]\n";
  const a = analyze(text, 'xl');
  // xl names the last line with text, after its last token.
  assert.deepEqual(a.findings.map((f) => [f.rule.code, f.span.start, f.span.end]), [['xl-syntax', text.length - 1, text.length - 1]]);
  assert.equal(a.findings[0].detail, "xl: config parsing error near `': syntax error, unexpected $end, expecting ']'.");
  assert.deepEqual(a.cards, []);
  // Its items are still there for completion and hover.
  assert.equal(a.xl!.vsnd.settings.length, 1);
});

test('a missing comma between list items is reported once and bridged', () => {
  const text = "v = [ 'a'\n 'b' ]\nw = 1\n";
  const a = expectFindings(text, 'xl', [{ code: 'xl-syntax', at: "'b'", detail: "unexpected STRING, expecting ']'" }]);
  const v = a.xl!.file.settings[0].value!;
  assert.equal(v.kind === 'list' && v.items.length, 2);
  assert.deepEqual(a.xl!.file.settings.map((s) => s.name), ['v', 'w']);
});

test('a \\x escape before an astral character covers only the escape, never half a surrogate pair', () => {
  const text = 'a = "\\x 😀"\n';
  const a = expectFindings(text, 'xl', [{ code: 'xl-escape', at: '\\x' }]);
  assert.deepEqual(a.lines.rangeOf(a.findings[0].span), { start: { line: 0, character: 5 }, end: { line: 0, character: 7 } });
});

test('ranges are widened so they never split a surrogate pair', () => {
  const lines = new LineIndex('ab😀cd\n');
  // Offsets 3 and 4 are between the two halves of 😀 (UTF-16 code units 2 and 3).
  assert.deepEqual(lines.rangeOf({ start: 3, end: 3 }), { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } });
  assert.deepEqual(lines.rangeOf({ start: 0, end: 3 }), { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } });
});

test('a quoted string wrapped onto the next line is one error on xl\'s line, with no hints on its pieces', () => {
  const text = "name = \"g\"\nvsnd = [ [ 'CARD, short-name=Main, sample-rates=8000;48000,\n  sample-formats=s16_le', 'PCM, name=Main', 'STREAM, type=p' ] ]\nmemory = 512\n";
  const a = expectFindings(text, 'xl', [{ code: 'xl-lexical', at: "'CARD, short-name=Main, sample-rates=8000;48000,\n  sample-formats=s16_le'", severity: 'error' }]);
  assert.equal(a.findings[0].message, 'Quoted string runs onto the next line (wrapped?): join the lines');
  assert.equal(a.findings[0].detail, "xl: config parsing error near `'CARD,': lexical error (a quoted string runs onto the next line: join the lines).");
  assert.deepEqual(a.findings[0].fix, { kind: 'replace', title: 'Join the lines', edits: [{ span: { start: text.indexOf('\n  sample'), end: text.indexOf('sample-formats') }, text: ' ' }], preferred: false, safe: false });
  assert.deepEqual(a.cards, []);
  assert.deepEqual(a.xl!.file.settings.map((s) => s.name), ['name', 'vsnd', 'memory']);
});


import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXenStoreDump, unescapeValue } from '../../server/src/syntax/xenstore/parser';
import { readFileSync } from 'node:fs';
import { dumpCards } from '../../server/src/model/dumpCards';
import { analyze } from '../../server/src/service/analyze';
import { resolveJson, resolveMarkdown, resolveText } from '../../server/src/service/report';
import { hover } from '../../server/src/service/hover';
import fc from 'fast-check';
import { testSeed } from '../seed';

test('plain tree of a whole host: only vsnd subtrees are built, cards found with backends', () => {
  const dump = parseXenStoreDump(readFileSync('examples/xenstore-host.txt', 'utf8'));
  assert.equal(dump.form, 'plain');
  assert.equal(dump.relative, false);
  assert.deepEqual(dumpCards(dump).map((c) => [c.domid, c.index, c.node.path, c.backend?.path]), [
    ['1', '0', '/local/domain/1/device/vsnd/0', '/local/domain/0/backend/vsnd/1/0'],
  ]);
  assert.equal(dump.root.child('local')!.child('domain')!.child('1')!.child('device')!.child('vif'), undefined);
  assert.equal(dump.findings.length, 0);
});

test('-f full paths and -f -p permissions', () => {
  const text = '/local/domain/2/device/vsnd/0/short-name = "A"   (n2,r0)\n/local/domain/2/device/vsnd/0/0:   (n2)\n';
  const dump = parseXenStoreDump(text);
  assert.equal(dump.form, 'full');
  assert.equal(dump.permissions, true);
  const card = dumpCards(dump)[0].node;
  assert.equal(card.child('short-name')!.value!.text, 'A');
  assert.equal(card.child('0')!.value, undefined);
});

test('-p padding and a subtree listing without prefix, placed by its backend link', () => {
  const dump = parseXenStoreDump(readFileSync('examples/xenstore-card-subtree.txt', 'utf8'));
  assert.equal(dump.relative, true);
  assert.deepEqual(dumpCards(dump).map((c) => [c.domid, c.index]), [['2', '0']]);
  assert.equal(dumpCards(dump)[0].node.child('short-name')!.value!.text, 'Virtual "Quoted" card');
  const name = dumpCards(dump)[0].node.child('0')!.child('name')!.value!;
  assert.equal(name.truncated, true);
  assert.equal(name.text, 'A very long PCM device name given by an integrator who likes to ');
});

test('a listing of the vsnd directory: cards are its numbered children', () => {
  const dump = parseXenStoreDump('0 = ""\n backend = "/local/domain/0/backend/vsnd/4/0"\n 0 = ""\n  0 = ""\n   type = "p"\n1 = ""\n 0 = ""\n');
  assert.deepEqual(dumpCards(dump).map((c) => [c.domid, c.index]), [['4', '0'], ['?', '1']]);
});

test('escaped values decode to bytes mapped to their escapes', () => {
  const text = 'x = "a\\tb\\\\c\\001\\xc3\\xa9"';
  const start = text.indexOf('"') + 1;
  const v = unescapeValue(text, start, text.length - 1);
  assert.equal(v.text, 'a\tb\\c\x01\xc3\xa9');
  assert.equal(text.slice(v.at(1), v.at(2)), '\\t');
  assert.equal(text.slice(v.at(5), v.at(6)), '\\001');
  assert.equal(text.slice(v.at(6), v.at(7)), '\\xc3');
});

test('a value with unescaped quotes runs to the last quote of the line', () => {
  const dump = parseXenStoreDump('/local/domain/1/device/vsnd/0/long-name = "say "hi" now"\n');
  assert.equal(dumpCards(dump)[0].node.child('long-name')!.value!.text, 'say "hi" now');
});

test('a cut in the middle of an escape is still recognised as a cut', () => {
  const dump = parseXenStoreDump('/local/domain/1/device/vsnd/0/long-name = "abc\\x\\..."\n');
  const value = dumpCards(dump)[0].node.child('long-name')!.value!;
  assert.equal(value.truncated, true);
  assert.equal(value.text, 'abc');
});

test('CRLF dumps and a leading BOM parse', () => {
  const dump = parseXenStoreDump('\ufeff/local/domain/1/device/vsnd/0/short-name = "A"\r\n');
  assert.equal(dumpCards(dump)[0].node.child('short-name')!.value!.text, 'A');
  assert.equal(dump.findings.length, 0);
});

test('an excerpt of a plain listing is read relative to its first line', () => {
  const text = '   vsnd = ""\n    0 = ""\n     short-name = "Main"\n     sample-rates = "48000"\n     0 = ""\n      0 = ""\n       type = "p"\n';
  const a = analyze(text, 'xenstore');
  assert.deepEqual(a.findings, []);
  const card = resolveJson(a).cards[0];
  assert.deepEqual([card.shortName, card.probe, card.hw.rates, card.devices.length, card.devices[0].streams[0].type], ['Main', 'ok', [48000], 1, 'p']);
  const less = analyze(`${text}  oops = "1"\n`, 'xenstore');
  assert.deepEqual(less.findings.map((f) => [f.rule.code, f.rule.severity, f.message, f.detail]),
    [['xs-syntax', 'warning', 'Indented less than the first line, so not read: re-indent it',
      "Indented 2 blanks, less than the first line's 3: this excerpt is read relative to its first line, so this line has no place in it."]]);
});

test('a key wrapped by a mail client is joined; resolve and hover say where a line could not be read', () => {
  const text = '/local/domain/1/device/vsnd/0/sample-rates = \n"8000,48000"\n/local/domain/1/device/vsnd/0/0 = ""\n/local/domain/1/device/vsnd/0/0/0 = ""\n'
    + '/local/domain/1/device/vsnd/0/0/0/type = "p"\n/local/domain/1/device/vsnd/0/0/0/sample-formats "s16_le"\n';
  const a = analyze(text, 'xenstore');
  assert.deepEqual(a.findings.map((f) => [f.rule.code, f.rule.severity, a.lines.positionAt(f.span.start).line]), [['xs-joined-line', 'warning', 0], ['xs-syntax', 'warning', 5]]);
  const card = resolveJson(a).cards[0];
  assert.deepEqual([card.hw.rates, card.source.rates], [[8000, 48000], 'card']);
  assert.match(resolveText(a), /\n {6}unread {4}line 6 \(sample-formats\): could not be read, so not used\n/);
  assert.ok(resolveMarkdown(a, 'd.txt').includes('\n> **Not read:** line 6 (sample-formats) of stream 0: could not be read, so not used\n'), resolveMarkdown(a, 'd.txt'));
  const h = hover(a, text.indexOf('0/0/0 = ') + 4, 'file:///d.txt');
  assert.ok(h?.markdown.includes('**Not read:** line 6 (sample-formats) of this stream could not be read; its value is not used'), h?.markdown);
});

test('a pathless listing whose only card-like keys are state and protocol holds no sound card', () => {
  // `xenstore-ls /local/domain/1/device/console/0`: every device directory has these two.
  const dump = parseXenStoreDump('state = "4"\nprotocol = "x86_64-abi"\nring-ref = "8"\n');
  assert.deepEqual(dumpCards(dump), []);
  const card = parseXenStoreDump('state = "4"\nshort-name = "A"\n');
  assert.deepEqual(dumpCards(card).map((c) => c.index), ['0']);
});

test('a -f -p line wrapped before its permissions keeps its value and reads as one node', () => {
  const text = '/local/domain/6/device/vsnd/0/sample-rates = "8000,48000"\n   (n6,r0)\n/local/domain/6/device/vsnd/0/0/0/type = "p"   (n6,r0)\n';
  const dump = parseXenStoreDump(text);
  assert.equal(dump.permissions, true);
  assert.deepEqual(dump.findings.map((f) => [f.rule.code, f.span.start, f.span.end]), [['xs-joined-line', 0, text.indexOf(')') + 1]]);
  assert.equal(dumpCards(dump)[0].node.child('sample-rates')!.value!.text, '8000,48000');
});

test('-f lines in any order build every node of their paths once, each with its own line\'s value and span', (t) => {
  const seed = testSeed();
  t.diagnostic(`seed ${seed} (replay: SNDIF_SEED=${seed})`);
  const segment = fc.constantFrom('0', '1', '2', '10', 'a', 'sample-rates', 'x');
  const path = fc.tuple(fc.constantFrom('1', '2', '17'), fc.array(segment, { minLength: 1, maxLength: 5 }))
    .map(([domid, rest]) => `/local/domain/${domid}/device/vsnd/${rest.join('/')}`);
  fc.assert(fc.property(fc.uniqueArray(path, { minLength: 1, maxLength: 40 }), (paths) => {
    const text = paths.map((p, i) => `${p} = "v${i}"`).join('\n');
    const dump = parseXenStoreDump(text);
    assert.deepEqual(dump.findings, []);
    const expected = new Set<string>();
    for (const p of paths) for (let at = p.indexOf('/', 1); at >= 0; at = p.indexOf('/', at + 1)) expected.add(p.slice(0, at));
    for (const p of paths) expected.add(p);
    const built: string[] = [];
    const stack = [...dump.root.children];
    while (stack.length) {
      const node = stack.pop()!;
      built.push(node.path);
      stack.push(...node.children);
    }
    assert.deepEqual(built.sort(), [...expected].sort());
    let offset = 0;
    for (const [i, p] of paths.entries()) {
      let node = dump.root;
      for (const name of p.split('/').slice(1)) node = node.child(name)!;
      assert.equal(node.valueText, `v${i}`, p);
      assert.deepEqual(node.span, { start: offset, end: offset + p.length + ` = "v${i}"`.length }, p);
      offset += p.length + ` = "v${i}"`.length + 1;
    }
  }), { seed, numRuns: 300 });
});

test('hover in a -f dump without directory lines: each key has its own hover, each directory name in a path its level\'s', () => {
  const text = [
    '/local/domain/1/device/vsnd/0/short-name = "a"',
    '/local/domain/1/device/vsnd/0/0/name = "M"',
    '/local/domain/1/device/vsnd/0/0/0/type = "p"',
    '',
  ].join('\n');
  const a = analyze(text, 'xenstore');
  const at = (line: number, character: number) => {
    const h = hover(a, a.lines.offsetAt({ line, character }), 'file:///d.txt')!;
    const { start, end } = a.lines.rangeOf(h.span);
    return [h.markdown.split('\n')[0], `${start.line}:${start.character}-${end.character}`];
  };
  // The first key of each directory: its key hover, not its directory's.
  assert.deepEqual(at(0, 32), ['**short-name** — CARD key', '0:30-40']);
  assert.deepEqual(at(1, 32), ['**name** — PCM key', '1:32-36']);
  assert.deepEqual(at(2, 35), ['**type** — STREAM key', '2:34-38']);
  // The card, device and stream indices in the path: their levels, with the index as range.
  assert.deepEqual(at(2, 28), ['**Card "a" of domain 1** · `/local/domain/1/device/vsnd/0`', '2:28-29']);
  assert.deepEqual(at(2, 30), ['**PCM "M"** · card "a" of domain 1', '2:30-31']);
  assert.deepEqual(at(2, 32), ['**Stream 0** · playback · PCM "M" · card "a" of domain 1', '2:32-33']);
});

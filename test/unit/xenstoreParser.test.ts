import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseXenStoreDump, unescapeValue } from '../../server/src/syntax/xenstore/parser';
import { readFileSync } from 'node:fs';
import { dumpCards } from '../../server/src/model/dumpCards';

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

test('a pathless listing whose only card-like keys are state and protocol holds no sound card', () => {
  // `xenstore-ls /local/domain/1/device/console/0`: every device directory has these two.
  const dump = parseXenStoreDump('state = "4"\nprotocol = "x86_64-abi"\nring-ref = "8"\n');
  assert.deepEqual(dumpCards(dump), []);
  const card = parseXenStoreDump('state = "4"\nshort-name = "A"\n');
  assert.deepEqual(dumpCards(card).map((c) => c.index), ['0']);
});

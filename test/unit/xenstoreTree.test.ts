import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XsNode } from '../../server/src/tree/xenstoreTree';
import { MappedText } from '../../server/src/text/mappedText';

test('children keep creation order and are found by name, below and above the size where they get an index', () => {
  const root = XsNode.root();
  const names = Array.from({ length: 20 }, (_, i) => String(19 - i));
  for (const [i, name] of names.entries()) {
    root.ensureAt(name, i * 10, i * 10 + 5);
    // Every child made so far is found, whatever the count.
    for (const made of names.slice(0, i + 1)) assert.equal(root.child(made)?.name, made);
    assert.equal(root.child('absent'), undefined);
  }
  assert.deepEqual(root.children.map((c) => c.name), names);
  assert.equal(root.children.length, 20);
  // ensure() of an existing name returns that node and keeps its spans.
  const again = root.ensureAt('7', 999, 1000);
  assert.equal(again, root.child('7'));
  assert.deepEqual(again.span, { start: 120, end: 125 });
});

test('removeDescendants forgets the removed children, so names can be made again', () => {
  const root = XsNode.root(true);
  const dir = root.ensureAt('dir', 0, 1);
  for (let i = 0; i < 12; i++) dir.ensureAt(String(i), i, i + 1).ensureAt('leaf', i, i + 1);
  const removed = dir.removeDescendants();
  assert.equal(removed.length, 24);
  assert.equal(dir.child('3'), undefined);
  assert.deepEqual(dir.children, []);
  const fresh = dir.ensureAt('3', 50, 51);
  assert.equal(dir.child('3'), fresh);
  assert.notEqual(fresh, removed.find((n) => n.name === '3'));
  for (let i = 0; i < 12; i++) dir.ensureAt(String(i), 60 + i, 61 + i);
  assert.equal(dir.child('11')?.spanStart, 71);
});

test('a node keeps its value in its own fields and gives it back as an XsValue', () => {
  const root = XsNode.root();
  const node = root.ensureAt('sample-rates', 0, 30);
  assert.equal(node.value, undefined);
  assert.equal(node.valueText, undefined);
  assert.equal(node.hasValue, false);
  node.setValueFields('48000', 20, 25, undefined, false);
  assert.deepEqual(node.value, { text: '48000', span: { start: 20, end: 25 }, direct: true });
  assert.equal(root.child('sample-rates')?.valueText, '48000');
  const source = MappedText.plain('a\tb', 40);
  node.value = { text: 'a\tb', span: { start: 40, end: 44 }, source, truncated: true };
  assert.deepEqual(node.value, { text: 'a\tb', span: { start: 40, end: 44 }, source, truncated: true });
  node.value = { ...node.value!, possiblyTruncated: true };
  assert.equal(node.value?.possiblyTruncated, true);
  node.value = undefined;
  assert.equal(node.value, undefined);
  // An empty value is a value.
  node.setValueFields('', 5, 5, undefined, false);
  assert.equal(node.valueText, '');
  assert.equal(node.hasValue, true);
});

test('insertion points: a dump node inserts after its line, an xl node where it was told, and both move with edits', () => {
  const root = XsNode.root();
  const full = root.ensureAt('full', 10, 30);
  full.setInsertion('full');
  assert.deepEqual(full.insertion('type', 'p'), { offset: 30, text: '\n/full/type = "p"' });
  const plain = root.ensureAt('plain', 40, 60);
  plain.setInsertion('plain', 2);
  assert.deepEqual(plain.insertion('type', 'p'), { offset: 60, text: '\n   type = "p"' });
  const xl = root.ensureAt('xl', 70, 90);
  xl.setXlInsertion(88);
  assert.deepEqual(xl.insertion('type', 'p'), { offset: 88, text: ', type=p' });
  for (const node of [full, plain, xl]) node.moveOffsets(-1, 5, 3);
  assert.equal(full.insertAt?.offset, 33);
  assert.equal(plain.insertAt?.offset, 63);
  assert.equal(xl.insertAt?.offset, 91);
  assert.equal(root.ensureAt('none', 0, 1).insertAt, undefined);
});

test('moveOffsets moves the value span and its source, and leaves offsets before the edit', () => {
  const root = XsNode.root();
  const node = root.ensureAt('n', 0, 20, 0, 1);
  node.value = { text: 'ab', span: { start: 10, end: 12 }, source: MappedText.plain('ab', 10) };
  node.moveOffsets(-1, 10, 5);
  assert.deepEqual(node.span, { start: 0, end: 25 });
  assert.deepEqual(node.keySpan, { start: 0, end: 1 });
  assert.deepEqual(node.value?.span, { start: 15, end: 17 });
  assert.deepEqual(node.value?.source?.span(), { start: 15, end: 17 });
});

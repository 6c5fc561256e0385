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
  root.moveAllOffsets(-1, 5, 3);
  assert.equal(full.insertAt?.offset, 33);
  assert.equal(plain.insertAt?.offset, 63);
  assert.equal(xl.insertAt?.offset, 91);
  assert.equal(root.ensureAt('none', 0, 1).insertAt, undefined);
});

test('moveAllOffsets moves the value span and its source, and leaves offsets before the edit', () => {
  const root = XsNode.root();
  const node = root.ensureAt('n', 0, 20, 0, 1);
  node.value = { text: 'ab', span: { start: 10, end: 12 }, source: MappedText.plain('ab', 10) };
  root.moveAllOffsets(-1, 10, 5);
  assert.deepEqual(node.span, { start: 0, end: 25 });
  assert.deepEqual(node.keySpan, { start: 0, end: 1 });
  assert.deepEqual(node.value?.span, { start: 15, end: 17 });
  assert.deepEqual(node.value?.source?.span(), { start: 15, end: 17 });
});

test('moves apply in order to the nodes that existed then, whenever a node is read', () => {
  const root = XsNode.root();
  const a = root.ensureAt('a', 10, 20, 10, 11);
  a.setValueFields('x', 15, 16, undefined, false);
  // Insert 4 at 12 (after 12: strictly after), then delete 2 at 0 (everything moves back).
  root.moveAllOffsets(12, 12, 4);
  const b = root.ensureAt('b', 30, 40); // made in the text after the first move
  root.moveAllOffsets(-1, 2, -2);
  // a: 10 stays then -2; 11 stays then -2; 20 -> 24 -> 22; value 15 -> 19 -> 17.
  assert.deepEqual(a.span, { start: 8, end: 22 });
  assert.deepEqual(a.keySpan, { start: 8, end: 9 });
  assert.deepEqual(a.value?.span, { start: 17, end: 18 });
  assert.deepEqual(b.span, { start: 28, end: 38 });
});

test('moves apply in the order they were made', () => {
  const root = XsNode.root();
  const a = root.ensureAt('a', 13, 30);
  root.moveAllOffsets(12, 12, 4); // 13 -> 17, 30 -> 34
  root.moveAllOffsets(-1, 14, -2); // then 17 -> 15, 34 -> 32 (in the other order 13 would stay and end at 17)
  assert.deepEqual(a.span, { start: 15, end: 32 });
});

/** Each way in to a node's offsets, used first after a move: every one must apply it. */
const ACCESSORS: [string, (n: XsNode) => void, (n: XsNode) => unknown][] = [
  ['span', () => undefined, (n) => n.span],
  ['spanStart', () => undefined, (n) => n.spanStart],
  ['spanEnd', () => undefined, (n) => n.spanEnd],
  ['keySpan', () => undefined, (n) => n.keySpan],
  ['value', () => undefined, (n) => n.value?.span],
  ['insertAt', () => undefined, (n) => n.insertAt],
  ['span =', (n) => { n.span = { start: 50, end: 60 }; }, (n) => [n.span, n.keySpan, n.value?.span]],
  ['keySpan =', (n) => { n.keySpan = { start: 50, end: 51 }; }, (n) => [n.span, n.keySpan, n.value?.span]],
  ['setSpans', (n) => n.setSpans(50, 60, 50, 51), (n) => [n.span, n.keySpan, n.value?.span]],
  ['value =', (n) => { n.value = { text: 'w', span: { start: 41, end: 42 } }; }, (n) => [n.span, n.keySpan, n.value?.span]],
  ['setValueFields', (n) => n.setValueFields('w', 41, 42, undefined, false), (n) => [n.span, n.keySpan, n.value?.span]],
  ['setXlInsertion', (n) => n.setXlInsertion(45), (n) => [n.span, n.keySpan, n.insertAt]],
];

for (const [name, write, read] of ACCESSORS) {
  test(`${name} first after moves: the node's other offsets are moved once, what it wrote not at all`, () => {
    const make = () => {
      const root = XsNode.root();
      const n = root.ensureAt('n', 10, 40, 10, 11);
      n.setValueFields('v', 20, 21, undefined, false);
      n.setInsertion('full');
      return { root, n };
    };
    // Expected: the same steps on a node whose moves were applied before the write.
    const eager = make();
    eager.root.moveAllOffsets(-1, 5, 3);
    void eager.n.span; // applies the move
    write(eager.n);
    eager.root.moveAllOffsets(-1, 100, 1); // a later move past everything: moves nothing
    const lazy = make();
    lazy.root.moveAllOffsets(-1, 5, 3);
    write(lazy.n);
    lazy.root.moveAllOffsets(-1, 100, 1);
    assert.deepEqual(read(lazy.n), read(eager.n));
    assert.notDeepEqual(read(lazy.n), read(make().n), 'the move changed nothing this accessor sees');
  });
}

test('settleSteps does the moves: reads afterwards apply none', () => {
  const root = XsNode.root();
  const kids = Array.from({ length: 3000 }, (_, i) => root.ensureAt(`k${i}`, 100 + i, 101 + i));
  for (let i = 0; i < 5; i++) root.moveAllOffsets(-1, 0, 1);
  const proto = XsNode.prototype as unknown as { moveOffsets: (...args: number[]) => void };
  const original = proto.moveOffsets;
  let applied = 0;
  proto.moveOffsets = function (this: XsNode, ...args: number[]) {
    applied++;
    original.apply(this, args);
  };
  try {
    let steps = 0;
    for (const _ of root.settleSteps()) steps++;
    assert.ok(steps >= 2, 'it yields now and then');
    assert.equal(applied, 5 * 3001);
    assert.equal(root.unsettledMoves, 0);
    kids.forEach((k, i) => assert.equal(k.spanStart, 105 + i));
    assert.equal(applied, 5 * 3001, 'a read after settling moved again');
  } finally {
    proto.moveOffsets = original;
  }
});

test('a write after moves keeps the other offsets moved and is not moved again', () => {
  const root = XsNode.root();
  const a = root.ensureAt('a', 10, 20);
  root.moveAllOffsets(-1, 0, 5);
  a.setValueFields('v', 17, 18, undefined, false); // offsets of the new text
  assert.deepEqual(a.span, { start: 15, end: 25 });
  assert.deepEqual(a.value?.span, { start: 17, end: 18 });
  root.moveAllOffsets(-1, 0, 1);
  assert.deepEqual(a.value?.span, { start: 18, end: 19 });
  assert.deepEqual(a.span, { start: 16, end: 26 });
});

test('after many moves the whole tree catches up at once, detached nodes still on their own', () => {
  const root = XsNode.root();
  const kids = Array.from({ length: 50 }, (_, i) => root.ensureAt(`k${i}`, 100 + i, 101 + i));
  const detached = new XsNode('d', root, 200, 201); // a parent link, not a child (resolver placeholders)
  for (let i = 0; i < 100; i++) root.moveAllOffsets(-1, 0, 1);
  kids.forEach((k, i) => assert.deepEqual(k.span, { start: 200 + i, end: 201 + i }));
  assert.deepEqual(detached.span, { start: 300, end: 301 });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closest, editDistance, nearestNumbers } from '../../server/src/model/suggest';

test('edit distance counts adjacent transpositions as one edit', () => {
  assert.equal(editDistance('pmc', 'pcm'), 1);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('', 'abc'), 3);
});

test('closest ignores case and _/- differences, knows aliases, and gives up when far', () => {
  assert.equal(closest('PMC', ['card', 'pcm', 'stream']), 'pcm');
  assert.equal(closest('Sample_Rates', ['sample-rates', 'sample-formats']), 'sample-rates');
  assert.equal(closest('id', ['unique-id', 'type'], { id: 'unique-id' }), 'unique-id');
  assert.equal(closest('SPEAKER', ['card', 'pcm', 'stream']), undefined);
});

test('nearest supported rates, nearest first', () => {
  assert.deepEqual(nearestNumbers(44000, [8000, 44100, 48000]), [44100, 48000]);
});

test('an alias applies only when the item type takes its target', () => {
  assert.equal(closest('id', ['sample-rates', 'short-name'], { id: 'unique-id' }), undefined);
});

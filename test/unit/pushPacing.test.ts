import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIAGNOSTICS_DELAY_MS, MAX_DIAGNOSTICS_DELAY_MS, PushPacing, WHOLE_ANALYSIS_DELAY_MS } from '../../server/src/lsp/pushPacing';

test('an open is pushed at once, and the change event that comes with it does not delay that push', () => {
  const pacing = new PushPacing();
  assert.equal(pacing.opened('file:///a', 1), 0);
  // TextDocuments fires onDidChangeContent for the open too, with the same version.
  assert.equal(pacing.changed('file:///a', 1, true), undefined);
  // The first real edit is paced as an edit.
  assert.equal(pacing.changed('file:///a', 2, false), DIAGNOSTICS_DELAY_MS);
  assert.equal(pacing.changed('file:///a', 2, false), DIAGNOSTICS_DELAY_MS);
  // Another document's open does not touch this one.
  assert.equal(pacing.opened('file:///b', 7), 0);
  assert.equal(pacing.changed('file:///a', 3, false), DIAGNOSTICS_DELAY_MS);
});

test('an edit that needs a whole analysis waits for a typing pause; a costly push makes the next wait five times as long, up to a second', () => {
  const pacing = new PushPacing();
  pacing.opened('file:///a', 1);
  assert.equal(pacing.changed('file:///a', 2, true), WHOLE_ANALYSIS_DELAY_MS);
  pacing.pushed('file:///a', 30);
  assert.equal(pacing.changed('file:///a', 3, false), 150);
  assert.equal(pacing.changed('file:///a', 4, true), WHOLE_ANALYSIS_DELAY_MS);
  pacing.pushed('file:///a', 80);
  assert.equal(pacing.changed('file:///a', 5, true), 400);
  pacing.pushed('file:///a', 500);
  assert.equal(pacing.changed('file:///a', 6, false), MAX_DIAGNOSTICS_DELAY_MS);
  // Closing forgets the cost; reopening pushes at once again.
  pacing.closed('file:///a');
  assert.equal(pacing.opened('file:///a', 1), 0);
  assert.equal(pacing.changed('file:///a', 1, true), undefined);
  assert.equal(pacing.changed('file:///a', 2, false), DIAGNOSTICS_DELAY_MS);
});

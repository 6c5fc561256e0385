/** Golden files: compared exactly; `UPDATE_GOLDENS=1 npm test` rewrites them for review. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './lspClient';

export function golden(relative: string, actual: string): void {
  const path = join(ROOT, 'test', 'fixtures', relative);
  if (process.env.UPDATE_GOLDENS === '1') {
    writeFileSync(path, actual);
    return;
  }
  assert.ok(existsSync(path), `golden file ${relative} is missing (run with UPDATE_GOLDENS=1 and review it)`);
  assert.equal(actual, readFileSync(path, 'utf8'), `output differs from test/fixtures/${relative}`);
}

/**
 * Seeds for the randomized suites: SNDIF_SEED when given (to replay a failure), else derived
 * from the commit under test, so a CI run of a commit is reproducible and each new commit still
 * explores new cases.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function testSeed(): number {
  if (process.env.SNDIF_SEED) return Number(process.env.SNDIF_SEED);
  const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  const hash = head.status === 0 ? head.stdout.trim() : '';
  return /^[0-9a-f]{8}/.test(hash) ? Number.parseInt(hash.slice(0, 8), 16) % 2 ** 31 : 1;
}

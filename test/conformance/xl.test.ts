/**
 * Conformance with the real xl 4.17: for every shipped xl.cfg and fixture, and for random
 * vsnd settings, real xl and our analysis must agree: accepted configs give no xl-level error
 * and the same XenStore keys; rejected ones give our error with xl's own message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compare } from './compare';
import { generateConfig, random } from './generate';
import { testSeed } from '../seed';
import { xlAvailable } from './realXl';

const ROOT = join(__dirname, '..', '..', '..');
const available = xlAvailable();
const skip = !available && process.env.CI !== 'true' ? 'the real xl is not installed (apt-get install xen-utils-4.17 gcc)' : false;

function configs(): [string, string][] {
  const out: [string, string][] = [];
  for (const dir of ['examples', 'test/fixtures/fixes', 'test/fixtures/conformance']) {
    let names: string[];
    try { names = readdirSync(join(ROOT, dir)); } catch { continue; }
    for (const name of names.filter((n) => n.endsWith('.cfg')).sort()) out.push([`${dir}/${name}`, readFileSync(join(ROOT, dir, name), 'utf8')]);
  }
  return out;
}

test('every shipped xl.cfg and fixture: real xl and sndif agree', { skip }, () => {
  assert.ok(available, 'CI must have the real xl: .ci/run installs xen-utils-4.17 and gcc');
  const failures: string[] = [];
  let rejected = 0;
  const files = configs();
  for (const [name, text] of files) {
    const c = compare(text);
    if (c.xlStatus !== 0) rejected++;
    if (!c.agree) failures.push(`${name}:\n  ${c.problems.join('\n  ')}`);
  }
  assert.equal(failures.length, 0, failures.join('\n'));
  assert.ok(files.length >= 20 && rejected > 0, `${files.length} files, ${rejected} rejected`);
});

test('random vsnd settings: real xl and sndif agree', { skip, timeout: 600000 }, (t) => {
  assert.ok(available, 'CI must have the real xl: .ci/run installs xen-utils-4.17 and gcc');
  const seed = testSeed();
  const cases = Number(process.env.SNDIF_CASES ?? 300);
  t.diagnostic(`seed ${seed}, ${cases} cases (replay: SNDIF_SEED=${seed} npm test)`);
  const rand = random(seed);
  const failures: string[] = [];
  const outcomes = new Map<string, number>();
  for (let i = 0; i < cases; i++) {
    const config = generateConfig(rand);
    const c = compare(config);
    const key = String(c.xlStatus);
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    if (!c.agree) failures.push(`case ${i} (seed ${seed}):\n${config}  ${c.problems.join('\n  ')}`);
  }
  t.diagnostic(`xl exit status counts: ${[...outcomes].map(([k, v]) => `${k}: ${v}`).join(', ')}`);
  assert.equal(failures.length, 0, `${failures.length} of ${cases} cases disagree:\n${failures.slice(0, 5).join('\n\n')}`);
});

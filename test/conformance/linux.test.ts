/**
 * Conformance with the real Linux reader (sound/xen/xen_snd_front_cfg.c from Debian's
 * linux-source-6.1, compiled in user space with our kernel-API shim, see realLinux.ts):
 * `sndif resolve --format json` must configure what the kernel configures (formats, rates,
 * channels, buffer and period limits, devices, streams and their indices, the probe errno and
 * the failing stream) on every shipped dump and xl.cfg (the tree the real xl writes) and on
 * random damaged XenStore trees, for SNDRV_PCM_DEVICES 8 and 254.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseXenStoreDump } from '../../server/src/syntax/xenstore/parser';
import { dumpCards } from '../../server/src/model/dumpCards';
import type { XsNode } from '../../server/src/tree/xenstoreTree';
import { buildLinuxReaders, DeviceLimit, linuxReaderAvailable, LinuxReaders, Tree } from './realLinux';
import { keysFromXlJson, runXl, xlAvailable } from './realXl';
import { compareCard, OurCard, sndifResolve } from './compareLinux';
import { randomTree, renderDump } from './generateTree';
import { random } from './generate';
import { testSeed } from '../seed';

const ROOT = join(__dirname, '..', '..', '..');
const available = linuxReaderAvailable();
const skip = !available && process.env.CI !== 'true' ? 'the Linux source is not installed (apt-get install linux-source-6.1 gcc)' : false;
const LIMITS: DeviceLimit[] = [8, 254];

let readers: LinuxReaders | undefined;
let scratch = '';

before(() => {
  if (!available) return;
  readers = buildLinuxReaders();
  scratch = mkdtempSync(join(tmpdir(), 'sndif-linux-cases-'));
});

after(() => {
  readers?.dispose();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

interface Case { label: string; file: string; lang: 'xl' | 'xenstore'; tree: Tree }

/** Compare one batch of cases under one device limit; returns the problems, labelled. */
async function compareAll(cases: Case[], limit: DeviceLimit): Promise<{ compared: number; failures: string[]; outcomes: string }> {
  const kernel = readers!.read(limit, cases.map((c) => c.tree));
  const counts = new Map<number, number>();
  for (const card of kernel.flat()) counts.set(card.ret, (counts.get(card.ret) ?? 0) + 1);
  const outcomes = [...counts].sort((a, b) => b[0] - a[0]).map(([ret, n]) => `${ret === 0 ? 'ok' : ret}: ${n}`).join(', ');
  const failures: string[] = [];
  for (let i = 0; i < cases.length; i++) {
    const c = cases[i];
    const ours = await sndifResolve(c.file, c.lang, ['--max-pcm-devices', String(limit)]);
    const problems = c.tree.cards.flatMap((path, j) => compareCard(ours.find((o: OurCard) => o.path === path), kernel[i][j], path));
    if (problems.length) failures.push(`${c.label} (SNDRV_PCM_DEVICES ${limit}):\n  ${problems.join('\n  ')}`);
  }
  return { compared: cases.length, failures, outcomes };
}

function dumpTree(text: string): Tree {
  const dump = parseXenStoreDump(text, { allNodes: true });
  const cards = dumpCards(dump);
  const nodes = new Map<string, string>();
  // An excerpt listed relative to a card or its parent: its nodes below the full path sndif names.
  let prefix = '';
  const card = cards[0];
  if (dump.relative && card) {
    const full = `/local/domain/${card.domid}/device/vsnd/${card.index}`;
    const own = card.node === dump.root ? '' : card.node.path;
    prefix = full.endsWith(own) ? full.slice(0, full.length - own.length) : full;
  }
  const walk = (node: XsNode) => {
    for (const kid of node.children) {
      if (kid.value) nodes.set(`${prefix}${kid.path}`, kid.value.text);
      walk(kid);
    }
  };
  walk(dump.root);
  return { nodes, cards: cards.map((c) => (c.node === dump.root ? prefix : `${prefix}${c.node.path}`)) };
}

function fixtureCases(): Case[] {
  const cases: Case[] = [];
  for (const dir of ['examples', 'test/fixtures/fixes', 'test/fixtures/conformance', 'test/fixtures/realworld']) {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      const file = join(ROOT, dir, name);
      const label = `${dir}/${name}`;
      if (name.endsWith('.txt')) {
        cases.push({ label, file, lang: 'xenstore', tree: dumpTree(readFileSync(file, 'utf8')) });
      } else if (name.endsWith('.cfg')) {
        // The tree the real xl and libxl write for an accepted config (a fragment without name
        // or kernel gets both, as in test/fixtures/realworld/SOURCES; they write no vsnd key).
        const text = readFileSync(file, 'utf8');
        const complete = /^\s*name\s*=/m.test(text) && /^\s*kernel\s*=/m.test(text);
        const xl = runXl(complete ? text : `${text}\nname = "fragment"\nkernel = "/boot/vmlinuz"\n`);
        if (xl.status !== 0) continue;
        const nodes = new Map<string, string>();
        for (const key of keysFromXlJson(xl.vsnds, 1)) nodes.set(key.slice(0, key.indexOf('=')), key.slice(key.indexOf('=') + 1));
        cases.push({ label, file, lang: 'xl', tree: { nodes, cards: xl.vsnds.map((_, n) => `/local/domain/1/device/vsnd/${n}`) } });
      }
    }
  }
  return cases;
}

test('every shipped dump and xl.cfg: the Linux reader and sndif resolve agree (8 and 254 devices)', { skip, timeout: 600000 }, async (t) => {
  assert.ok(available, 'CI must have the Linux source and gcc: .ci/run installs linux-source-6.1 and gcc');
  assert.ok(xlAvailable(), 'the xl.cfg fixtures need the real xl: .ci/run installs xen-utils-4.17');
  t.diagnostic(readers!.reused ? 'kernel files reused from an earlier run' : `kernel files extracted in ${(readers!.extractMs / 1000).toFixed(1)} s`);
  const cases = fixtureCases();
  const failures: string[] = [];
  for (const limit of LIMITS) {
    const r = await compareAll(cases, limit);
    failures.push(...r.failures);
    t.diagnostic(`SNDRV_PCM_DEVICES ${limit}: ${r.compared} files compared (${cases.filter((c) => c.lang === 'xl').length} xl.cfg through the real xl)`);
  }
  assert.equal(failures.length, 0, failures.join('\n'));
  assert.ok(cases.length >= 30, `${cases.length} files`);
});

test('random damaged XenStore trees: the Linux reader and sndif resolve agree (8 and 254 devices)', { skip, timeout: 900000 }, async (t) => {
  assert.ok(available, 'CI must have the Linux source and gcc: .ci/run installs linux-source-6.1 and gcc');
  const seed = testSeed();
  const count = Number(process.env.SNDIF_LINUX_CASES ?? 2000);
  t.diagnostic(`seed ${seed}, ${count} trees (replay: SNDIF_SEED=${seed} npm test)`);
  const rand = random(seed);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const tree = randomTree(rand);
    const file = join(scratch, `tree-${i}.txt`);
    writeFileSync(file, renderDump(tree, rand() < 0.7), 'latin1');
    cases.push({ label: `tree ${i} (seed ${seed}, ${file})`, file, lang: 'xenstore', tree });
  }
  const failures: string[] = [];
  for (const limit of LIMITS) {
    const r = await compareAll(cases, limit);
    failures.push(...r.failures);
    t.diagnostic(`SNDRV_PCM_DEVICES ${limit}: ${r.compared} trees compared (kernel probe results per card: ${r.outcomes}), ${r.failures.length} disagree`);
  }
  assert.equal(failures.length, 0, `${failures.length} disagreements:\n${failures.slice(0, Number(process.env.SNDIF_SHOW ?? 8)).join('\n')}`);
});

/**
 * The dump parser against the real tools: Debian's C xenstored 4.17 runs under an LD_PRELOAD
 * shim (fakexenstored.c), random trees are written with the real xenstore-write and listed
 * with the real xenstore-ls in plain, -f, -p and -f -p forms, also through a pseudo-terminal
 * of 40 and 100 columns (cut lines). The parser must read back exactly the bytes written, and
 * flag exactly the values that were cut.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseXenStoreDump } from '../../server/src/syntax/xenstore/parser';
import { escapeXenStore } from '../../server/src/service/report';
import type { XsNode } from '../../server/src/tree/xenstoreTree';
import { random } from './generate';
import { testSeed } from '../seed';

const XENSTORED = '/usr/lib/xen-4.17/bin/xenstored';
const SOURCE = join(__dirname, '..', '..', '..', 'test', 'conformance', 'fakexenstored.c');
const available = existsSync(XENSTORED) && spawnSync('xenstore-ls', ['-h']).error === undefined
  && spawnSync('gcc', ['--version']).status === 0 && spawnSync('script', ['--version']).status === 0;
const skip = !available && process.env.CI !== 'true' ? 'the real xenstored/xenstore-ls are not installed (apt-get install xen-utils-4.17 gcc)' : false;

let dir = '';
let daemon: ChildProcess | undefined;
let env: NodeJS.ProcessEnv = {};

before(async () => {
  if (!available) return;
  // Short: the socket path must fit a sockaddr_un.
  dir = mkdtempSync('/tmp/xs');
  const so = join(dir, 'fake.so');
  const gcc = spawnSync('gcc', ['-shared', '-fPIC', '-O2', '-o', so, SOURCE, '-ldl'], { encoding: 'utf8' });
  assert.equal(gcc.status, 0, gcc.stderr);
  daemon = spawn(XENSTORED, ['-N'], { env: { ...process.env, XENSTORED_RUNDIR: dir, LD_PRELOAD: so }, stdio: 'ignore' });
  env = { ...process.env, XENSTORED_PATH: join(dir, 'socket') };
  // Wait for the daemon to answer, not for a fixed time.
  for (let i = 0; i < 500; i++) {
    if (existsSync(join(dir, 'socket')) && spawnSync('xenstore-read', ['/'], { env }).status === 0) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('xenstored did not start');
});

after(() => {
  daemon?.kill();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Random bytes of the kinds that need care: quotes, backslashes, tabs, control and non-ASCII. */
function randomValue(rand: () => number): string {
  const pieces = ['', 'p', '48000,44100', 'Virtual "Quoted" card', 'back\\slash', 'tab\there', 'line\nbreak', 'cr\r', '\x01\x07', '\x1b[0m', 'é', '€', '\xff', ' ', '\\...', '"', 'x'.repeat(120)];
  const n = Math.floor(rand() * 4);
  let out = '';
  for (let i = 0; i < n; i++) {
    const p = pieces[Math.floor(rand() * pieces.length)];
    // eslint-disable-next-line no-control-regex -- any character above one byte
    out += /[^\x00-\xff]/.test(p) ? Buffer.from(p, 'utf8').toString('latin1') : p;
  }
  return out;
}

function randomTree(rand: () => number, domid: number): Map<string, string> {
  const keys = new Map<string, string>();
  const base = `/local/domain/${domid}`;
  keys.set(`${base}/name`, `guest-${domid}`);
  keys.set(`${base}/device/vif/0/mac`, '00:16:3e:00:00:01');
  for (let card = 0; card < 1 + Math.floor(rand() * 2); card++) {
    const c = `${base}/device/vsnd/${card}`;
    keys.set(`${c}/backend`, `/local/domain/0/backend/vsnd/${domid}/${card}`);
    keys.set(`${c}/short-name`, randomValue(rand));
    keys.set(`${c}/sample-rates`, rand() < 0.5 ? '8000,48000' : randomValue(rand));
    for (let s = 0; s < 1 + Math.floor(rand() * 2); s++) {
      keys.set(`${c}/0/${s}/type`, rand() < 0.8 ? 'p' : randomValue(rand));
      keys.set(`${c}/0/${s}/unique-id`, randomValue(rand));
    }
  }
  return keys;
}

function find(root: XsNode, path: string): XsNode | undefined {
  let node: XsNode | undefined = root;
  for (const name of path.split('/').slice(1)) node = node?.child(name);
  return node;
}

interface Listing { label: string; args: string[]; columns?: number; full: boolean }

const LISTINGS: Listing[] = [
  { label: 'plain', args: [], full: false },
  { label: '-f', args: ['-f'], full: true },
  { label: '-p', args: ['-p'], full: false },
  { label: '-f -p', args: ['-f', '-p'], full: true },
  { label: 'plain, 40 columns', args: [], columns: 40, full: false },
  { label: '-p, 100 columns', args: ['-p'], columns: 100, full: false },
  { label: '-f, 40 columns', args: ['-f'], columns: 40, full: true },
];

function list(listing: Listing): string {
  if (!listing.columns) {
    const r = spawnSync('xenstore-ls', listing.args, { env, encoding: 'latin1', maxBuffer: 64 << 20 });
    assert.equal(r.status, 0, r.stderr);
    return r.stdout;
  }
  const command = `stty cols ${listing.columns} rows 50; xenstore-ls ${listing.args.join(' ')}`;
  const r = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { env, encoding: 'latin1', maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/**
 * xenstore_client.c: the width is the terminal's columns − 2 on a tty, else 80 (never cut with
 * -f); a value is cut when indent + name (0 with -f) + value + 8 exceeds it.
 */
function expectCut(listing: Listing, path: string, bytes: string): boolean {
  const width = listing.columns ? listing.columns - 2 : listing.full ? Infinity : 80;
  const depth = path.split('/').length - 2;
  const name = path.split('/').pop()!;
  const linewid = listing.full ? 0 : depth + name.length;
  return width < linewid + bytes.length + 8;
}

test('random trees read back exactly from the real xenstore-ls, cut values flagged', { skip, timeout: 300000 }, (t) => {
  assert.ok(available, 'CI must have xenstored, xenstore-ls, gcc and script: .ci/run installs xen-utils-4.17 and gcc');
  const seed = testSeed();
  t.diagnostic(`seed ${seed} (replay: SNDIF_SEED=${seed})`);
  const rand = random(seed);
  const written = new Map<string, string>();
  for (let domid = 1; domid <= 12; domid++) for (const [k, v] of randomTree(rand, domid)) written.set(k, v);
  const args = [...written].flatMap(([k, v]) => [k, escapeXenStore(v)]);
  const w = spawnSync('xenstore-write', args, { env, encoding: 'latin1' });
  assert.equal(w.status, 0, w.stderr);

  let compared = 0;
  let cut = 0;
  let ambiguous = 0;
  for (const listing of LISTINGS) {
    const output = list(listing);
    const dump = parseXenStoreDump(output, { allNodes: true });
    assert.deepEqual(dump.findings.filter((f) => f.rule.code === 'xs-syntax').map((f) => f.message), [], listing.label);
    for (const [path, bytes] of written) {
      const node = find(dump.root, path);
      assert.ok(node?.value, `${listing.label}: ${path} not read back`);
      const shouldCut = expectCut(listing, path, bytes);
      // A line that reads both ways (whole, ending in \\..., or cut after a backslash) is kept
      // whole and flagged as possibly cut; that is the only allowed disagreement.
      if (node.value.possiblyTruncated) {
        ambiguous++;
        assert.ok(shouldCut ? bytes.startsWith(node.value.text.slice(0, -4)) : node.value.text === bytes, `${listing.label}: ${path}: possibly-cut value`);
        continue;
      }
      assert.equal(node.value.truncated === true, shouldCut, `${listing.label}: ${path} cut flag (value ${JSON.stringify(bytes)})`);
      if (shouldCut) {
        cut++;
        assert.ok(bytes.startsWith(node.value.text), `${listing.label}: ${path}: "${node.value.text}" is not a prefix of the value`);
      } else {
        assert.equal(node.value.text, bytes, `${listing.label}: ${path}`);
      }
      compared++;
    }
  }
  t.diagnostic(`${compared} values compared across ${LISTINGS.length} listings, ${cut} of them cut, ${ambiguous} possibly cut`);
});

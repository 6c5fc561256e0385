/** The CLI conventions of linters people know: stdin, --version, --help, directories, exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { main } from '../../server/src/cli/main';
import { SERVER_INFO } from '../../server/src/tables/defaults';
const VERSION = SERVER_INFO.version;
import { rulePage } from '../../server/src/service/rulePage';

const ROOT = join(__dirname, '..', '..', '..');

async function run(args: string[], options: { stdin?: string; cwd?: string } = {}): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => { out += t; },
    err: (t) => { err += t; },
    stdin: async () => {
      if (options.stdin === undefined) throw new Error('stdin read unexpectedly');
      return Buffer.from(options.stdin);
    },
    cwd: options.cwd,
  });
  return { code, out, err };
}

const MISTAKES = readFileSync(join(ROOT, 'examples', 'guest-mistakes.cfg'), 'utf8');
const FIRST_MISTAKE = '10:22: error vsnd-invalid-param Invalid parameter: id=0 (did you mean unique-id?)';

test('the version: --version, -V and package.json agree', async () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(VERSION, pkg.version);
  for (const flag of ['--version', '-V']) assert.deepEqual(await run([flag]), { code: 0, out: `sndif ${pkg.version}\n`, err: '' });
});

test('--help and -h on every command: usage on stdout, exit 0, ending with a newline', async () => {
  const general = await run(['--help']);
  assert.equal(general.code, 0);
  assert.match(general.out, /^Usage:\n  sndif lint /);
  assert.ok(general.out.endsWith('\n') && !general.out.endsWith('\n\n'));
  assert.deepEqual(await run(['-h']), general);
  for (const command of ['lint', 'resolve', 'xenstore', 'explain', 'rules', 'lsp']) {
    for (const flag of ['--help', '-h']) {
      const r = await run([command, flag]);
      assert.equal(r.code, 0, `${command} ${flag}`);
      assert.ok(r.out.startsWith(`Usage: sndif ${command}`), `${command} ${flag}: ${r.out}`);
      assert.ok(r.out.endsWith('.\n') || r.out.endsWith(')\n'), `${command} ${flag} ends with a newline`);
      assert.equal(r.err, '');
    }
  }
});

test('usage errors: one line, the command usage, exit 2; no command at all is a usage error', async () => {
  const none = await run([]);
  assert.equal(none.code, 2);
  assert.match(none.err, /^Usage:\n[^]*\n$/);
  const unknown = await run(['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /^sndif: unknown command "frobnicate"\nUsage:\n[^]*error\.\n$/);
  const format = await run(['lint', '--format', 'yaml', 'x.cfg']);
  assert.equal(format.code, 2);
  assert.match(format.err, /^sndif: --format takes text, json, sarif, github, not "yaml"\nUsage: sndif lint /);
  assert.match((await run(['resolve', '--format', 'sarif', 'x.cfg'])).err, /^sndif: --format takes text, json, not "sarif"\n/);
  assert.equal((await run(['lint', '--stdin-filename', 'a.cfg', 'x.cfg'])).code, 2);
  assert.equal((await run(['lint'])).code, 2);
});

test('- reads standard input; the language comes from the content, --stdin-filename names it, --lang forces', async () => {
  const plain = await run(['lint', '-'], { stdin: MISTAKES });
  assert.equal(plain.code, 1);
  assert.equal(plain.out.split('\n')[0], `-:${FIRST_MISTAKE}`);
  const named = await run(['lint', '--stdin-filename', 'guests/ivi.cfg', '-'], { stdin: MISTAKES });
  assert.equal(named.out.split('\n')[0], `guests/ivi.cfg:${FIRST_MISTAKE}`);
  // A dump piped from xenstore-ls -f is recognised by its lines.
  const dump = await run(['lint', '-'], { stdin: readFileSync(join(ROOT, 'examples', 'xenstore-broken-f.txt'), 'utf8') });
  assert.match(dump.out, /^-:5:47: warning list-blank /);
  assert.equal(dump.code, 1);
  // The name decides before the content does, and --lang before both.
  const byName = await run(['lint', '--stdin-filename', 'xenstore-host.txt', '-'], { stdin: "vsnd = 'x'\n" });
  assert.match(byName.out, /^xenstore-host.txt:1:1: error xs-syntax /);
  const forced = await run(['lint', '--lang', 'xl', '--stdin-filename', 'xenstore-host.txt', '-'], { stdin: "vsnd = 'x'\n" });
  assert.match(forced.out, /^xenstore-host.txt:1:8: error vsnd-not-list /);
  assert.deepEqual(await run(['lint', '-'], { stdin: '' }), { code: 2, out: '', err: 'sndif: standard input: the file is empty\n' });
  const resolved = await run(['resolve', '--format', 'json', '-'], { stdin: readFileSync(join(ROOT, 'examples', 'guest-clean.cfg'), 'utf8') });
  assert.equal(JSON.parse(resolved.out).cards[0].probe, 'ok');
  const keys = await run(['xenstore', '--domid', '4', '-'], { stdin: readFileSync(join(ROOT, 'examples', 'guest-clean.cfg'), 'utf8') });
  assert.match(keys.out, /^\/local\/domain\/4\/device\/vsnd\/0\//m);
});

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'sndif-walk-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const BAD = "vsnd = [ [ 'CARD, short-name=A', 'PCM', 'STREAM, id=0, type=p' ] ]\n";
const DUMP = '/local/domain/1/device/vsnd/0/short-name = "A"\n/local/domain/1/device/vsnd/0/0/0/type = "x"\n';

test('directories: the extension\'s associations, in name order, .gitignore and --exclude respected', async () => {
  const dir = tree({
    'etc/xen/b-guest.cfg': BAD,
    'etc/xen/auto/a-guest.cfg': BAD,
    'etc/xen/xl.conf': 'autoballoon="off"\n',
    'etc/xen/notes.txt': 'not a config\n',
    'configs/guest.xl': BAD,
    'configs/guest.xl.cfg': BAD,
    'configs/xl.cfg': BAD,
    'configs/other.cfg': BAD,
    'dumps/host.xenstore': DUMP,
    'dumps/xenstore-2.txt': DUMP,
    'dumps/xenstore-10.txt': DUMP,
    'dumps/ignored/xenstore-old.txt': DUMP,
    'dumps/.gitignore': 'ignored/\n',
    'node_modules/pkg/xl.cfg': BAD,
    '.gitignore': 'configs/xl.cfg\n',
    'build/xen/generated.cfg': BAD,
  });
  writeFileSync(join(dir, '.git'), 'gitdir: elsewhere\n');
  const r = await run(['lint', '--exclude', 'build/', '.'], { cwd: dir });
  assert.equal(r.code, 1);
  const files = [...new Set(r.out.trim().split('\n').map((l) => l.split(':')[0]))];
  assert.deepEqual(files, [
    'configs/guest.xl',
    'configs/guest.xl.cfg',
    'dumps/host.xenstore',
    'dumps/xenstore-10.txt',
    'dumps/xenstore-2.txt',
    'etc/xen/auto/a-guest.cfg',
    'etc/xen/b-guest.cfg',
  ]);
  // Without --exclude the build directory counts; a file named on the command line is linted whatever its name.
  const all = await run(['lint', '--format', 'json', '.', 'configs/other.cfg', 'configs/guest.xl'], { cwd: dir });
  assert.deepEqual(JSON.parse(all.out).map((f: { file: string }) => f.file), [
    'build/xen/generated.cfg', 'configs/guest.xl', 'configs/guest.xl.cfg', 'dumps/host.xenstore', 'dumps/xenstore-10.txt',
    'dumps/xenstore-2.txt', 'etc/xen/auto/a-guest.cfg', 'etc/xen/b-guest.cfg', 'configs/other.cfg',
  ]);
  // --exclude applies to named files too, with gitignore patterns.
  const excluded = await run(['lint', '--exclude', '*.xl', 'configs/guest.xl', 'configs/other.cfg'], { cwd: dir });
  assert.deepEqual([...new Set(excluded.out.trim().split('\n').map((l) => l.split(':')[0]))], ['configs/other.cfg']);
  const clean = await run(['lint', 'dumps/ignored'], { cwd: dir });
  assert.equal(clean.code, 2, 'a directory holding only ignored files finds nothing');
});

test('a missing file among others: reported in order, the others linted, exit 2', async () => {
  const r = await run(['lint', 'examples/guest-clean.cfg', 'examples/nope.cfg', 'examples/guest-mistakes.cfg']);
  assert.equal(r.code, 2);
  assert.equal(r.err, 'sndif: examples/nope.cfg: no such file\n');
  assert.equal(r.out.split('\n')[0], `examples/guest-mistakes.cfg:${FIRST_MISTAKE}`);
});

test('explain prints the rule page; an unknown code exits 2', async () => {
  assert.deepEqual(await run(['explain', 'vsnd-list-comma']), { code: 0, out: rulePage('vsnd-list-comma'), err: '' });
  assert.deepEqual(await run(['explain', 'vsnd-list-coma']), { code: 2, out: '', err: 'sndif: no rule "vsnd-list-coma" (sndif rules lists the codes)\n' });
});

/** The real process: bin/sndif.js with its streams. */
function spawnCli(args: string[], input?: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'sndif.js'), ...args], { cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('close', (code) => resolve({ code, out, err }));
    child.stdin.end(input ?? '');
  });
}

test('the process: stdin through a pipe, and exit codes', async () => {
  const r = await spawnCli(['lint', '-'], MISTAKES);
  assert.equal(r.code, 1);
  assert.equal(r.out.split('\n')[0], `-:${FIRST_MISTAKE}`);
  assert.equal((await spawnCli(['lint', 'examples/guest-clean.cfg'])).code, 0);
  assert.equal((await spawnCli(['--version'])).out, `sndif ${VERSION}\n`);
});

test('a reader that closes the pipe early ends the output quietly (EPIPE), exit code kept', async () => {
  // Far more output than a pipe buffers (3000 findings), read by `head -1`, which goes away.
  const items = Array.from({ length: 3000 }, (_, i) => `'STREAM, id=${i}, type=p'`).join(', ');
  const dir = tree({ 'big.xl': `vsnd = [ [ 'CARD, short-name=A', 'PCM', ${items} ] ]\n` });
  const result = await new Promise<{ code: number | null; err: string; head: string }>((resolve) => {
    const child = spawn('bash', ['-c', `"${process.execPath}" "${join(ROOT, 'bin', 'sndif.js')}" lint big.xl | head -1; exit \${PIPESTATUS[0]}`], { cwd: dir });
    let err = '';
    let head = '';
    child.stdout.on('data', (c: Buffer) => { head += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    child.on('close', (code) => resolve({ code, err, head }));
  });
  assert.equal(result.head, "big.xl:1:50: error vsnd-invalid-param Invalid parameter: id=0 (did you mean unique-id?)\n");
  assert.equal(result.err, '', 'no stack trace');
  assert.equal(result.code, 1, 'the exit code still says an error was found');
});

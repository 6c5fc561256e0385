/**
 * The npm package: only what the CLI needs, runnable with npx (the way pre-commit installs it),
 * and the pre-commit hook's file pattern in step with the CLI's directory walk.
 * Needs dist/cli.js (npm test bundles first).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAssociated } from '../../server/src/cli/inputs';

const ROOT = join(__dirname, '..', '..', '..');
const npm = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });

test('npm pack publishes the CLI bundle, its launcher, README, LICENSE and package.json only', () => {
  const [pack] = JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT)) as { files: { path: string }[]; size: number; unpackedSize: number }[];
  assert.deepEqual(pack.files.map((f) => f.path).sort(), ['LICENSE', 'README.md', 'bin/sndif.js', 'dist/cli.js', 'package.json']);
  console.log(`npm pack: ${(pack.size / 1000).toFixed(1)} kB packed, ${(pack.unpackedSize / 1000).toFixed(1)} kB unpacked`);
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: object };
  assert.equal(pkg.dependencies, undefined, 'everything is bundled: installing the package fetches nothing more');
});

test('npx of the packed package runs the CLI, offline', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sndif-pack-'));
  npm(['pack', '--ignore-scripts', '--pack-destination', dir, '--silent'], ROOT);
  const env = { ...process.env, npm_config_cache: join(dir, 'cache'), npm_config_update_notifier: 'false' };
  const npx = (args: string[], input: string) => spawnSync('npx', ['--offline', '--yes', '--package', './xen-sndif-0.1.0.tgz', '--', 'sndif', ...args], { cwd: dir, env, input, encoding: 'utf8' });
  const version = npx(['--version'], '');
  assert.equal(version.stdout, 'sndif 0.1.0\n', version.stderr);
  const lint = npx(['lint', '--stdin-filename', 'guest.xl', '-'], "vsnd = 'x'\n");
  assert.equal(lint.status, 1);
  assert.match(lint.stdout, /^guest.xl:1:8: error vsnd-not-list /);
});

test('the pre-commit hook matches the files the directory walk lints', () => {
  const hooks = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const pattern = new RegExp(/^\s+files: (.*)$/m.exec(hooks)![1]);
  assert.match(hooks, /^\s+entry: sndif lint$/m);
  const paths = [
    'etc/xen/guest.cfg', 'xen/auto/guest.cfg', 'hosts/a/xen/nested/guest.cfg', 'guest.xl', 'conf/guest.xl.cfg', 'xl.cfg',
    'dumps/host.xenstore', 'xenstore-ls.txt', 'd/xenstore.txt',
    'guest.cfg', 'xen.cfg', 'notxen/guest.cfg', 'xl.conf', 'etc/xen/xl.conf', 'notes.txt', 'a-xenstore.txt', 'guest.xl.bak',
  ];
  for (const path of paths) assert.equal(pattern.test(path), isAssociated(`/srv/repo/${path}`), path);
  assert.deepEqual(paths.filter((p) => pattern.test(p)), paths.slice(0, 9));
});

/**
 * The same scenarios in a real editor: Neovim's built-in LSP client, headless, against
 * `sndif lsp --stdio`. CI installs Debian's neovim; where it is absent locally the test says so
 * and is skipped, but in CI (CI=true) a missing nvim is a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
const available = nvim.status === 0;
const skip = !available && process.env.CI !== 'true' ? 'nvim is not installed (CI installs Debian\'s neovim)' : false;

test('Neovim: diagnostics, hover on a stream, quick-fix applied to the buffer', { skip, timeout: 120000 }, () => {
  assert.ok(available, 'nvim is required in CI: .ci/run installs Debian\'s neovim');
  const dir = mkdtempSync(join(tmpdir(), 'sndif-nvim-'));
  const file = join(dir, 'guest.cfg');
  copyFileSync(join(ROOT, 'examples', 'guest-mistakes.cfg'), file);
  const out = join(dir, 'result.json');
  const run = spawnSync('nvim', ['--headless', '--clean', '-n', '-c', `luafile ${join(ROOT, 'test', 'editors', 'neovim-scenario.lua')}`], {
    env: { ...process.env, SNDIF_FILE: file, SNDIF_OUT: out, SNDIF_ROOT: ROOT, SNDIF_NODE: process.execPath },
    encoding: 'utf8',
    timeout: 110000,
  });
  const result = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(result.error, undefined, `scenario failed: ${result.error}; nvim stderr: ${run.stderr}`);
  assert.equal(run.status, 0);
  assert.deepEqual(result.diagnostics.slice(0, 3), [
    { code: 'vsnd-invalid-param', line: 9, col: 21 },
    { code: 'vsnd-invalid-param', line: 10, col: 21 },
    { code: 'vsnd-list-comma', line: 12, col: 49 },
  ]);
  assert.equal(result.diagnostics.length, 13);
  assert.match(result.hover, /^\*\*Stream 1\*\* · capture · PCM "Main" · card "Main"\n/);
  assert.match(result.hover, /\| channels&nbsp;&nbsp;&nbsp; \| 1–2&nbsp;&nbsp;&nbsp; \| min default, max stream/);
  assert.deepEqual(result.actions, ['Change to unique-id', 'Disable vsnd-invalid-param for this line', 'Disable vsnd-invalid-param for the entire file']);
  assert.equal(result.fixed_line, "            'STREAM, unique-id=0, type=p',");
  assert.equal(result.after.filter((d: { code: string; line: number }) => d.line === 9).length, 0);
  assert.equal(result.after.length, 12);
});

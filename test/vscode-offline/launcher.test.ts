/**
 * The offline VS Code behind @vscode/test-electron's runTests (test/vscode-offline/code): it reads
 * the command line runTests really builds, says clearly what is missing, and a real VS Code run
 * makes runTests resolve for a passing suite and reject for a failing one. The real runs need
 * code-server (scripts/install-code-server.sh) and Chromium; without them they are skipped with
 * the reason, except in CI (CI=true), where that is a failure. The timeout only guards against a
 * hang: on a heavily loaded 2-core machine one real run took up to two minutes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { parseCommandLine, PathKind } from './commandLine';
import { installation, missingPieces } from './launch';

const ROOT = join(__dirname, '..', '..', '..');
const CODE = join(ROOT, 'test', 'vscode-offline', 'code');
const FIXTURE = join(ROOT, 'test', 'fixtures', 'vscode-launcher');

/** The arguments runTests gives its executable, recorded by a stand-in that only writes them down. */
async function argvFromRunTests(options: { launchArgs?: string[] }): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'sndif-argv-'));
  const recorder = join(dir, 'code');
  writeFileSync(recorder, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > "${join(dir, 'argv')}"\n`);
  chmodSync(recorder, 0o755);
  await runTests({
    vscodeExecutablePath: recorder,
    extensionDevelopmentPath: '/ext/dev',
    extensionTestsPath: '/ext/dev/out/suite/index.js',
    ...options,
  });
  return readFileSync(join(dir, 'argv'), 'utf8').split('\n').slice(0, -1);
}

const kinds: Record<string, PathKind> = { '/work': 'directory', '/work/a.cfg': 'file', '/work/w.code-workspace': 'file' };
const kindOf = (p: string): PathKind => kinds[p] ?? 'missing';

test('command line: what runTests passes becomes the plan (development and tests paths, folder, file, directories, switches)', async () => {
  const argv = await argvFromRunTests({ launchArgs: ['/work', 'a.cfg', '--disable-extensions', '--user-data-dir', '/tmp/ud'] });
  const plan = parseCommandLine(argv, '/work', kindOf);
  assert.deepEqual(plan, {
    extensionDevelopmentPaths: ['/ext/dev'],
    extensionTestsPath: '/ext/dev/out/suite/index.js',
    folder: '/work',
    workspaceFile: undefined,
    file: '/work/a.cfg',
    gotoLine: false,
    userDataDir: '/tmp/ud',
    // runTests adds the extensions directory (under the current directory) when launchArgs has none.
    extensionsDir: join(process.cwd(), '.vscode-test', 'extensions'),
    disableExtensions: true,
    disabledExtensions: [],
    enableProposedApi: false,
    skipWelcome: true,
    skipReleaseNotes: true,
    disableWorkspaceTrust: true,
    logLevel: undefined,
    verbose: false,
    locale: undefined,
    inspectExtensions: undefined,
    warnings: [],
  });
});

test('command line: several development paths, a workspace file, --goto, and what cannot be honoured is said', () => {
  const plan = parseCommandLine([
    '--extensionDevelopmentPath=/a', '--extensionDevelopmentPath', '/b', '--extensionTestsPath=t/index.js',
    'w.code-workspace', '/work', '-g', 'a.cfg:12:5', 'gone.cfg', '--log', 'trace', '--frobnicate', '--disable-extension=x.y',
  ], '/work', kindOf);
  assert.deepEqual(plan.extensionDevelopmentPaths, ['/a', '/b']);
  assert.equal(plan.extensionTestsPath, '/work/t/index.js');
  assert.equal(plan.workspaceFile, '/work/w.code-workspace');
  assert.equal(plan.folder, undefined);
  assert.equal(plan.file, '/work/a.cfg:12:5');
  assert.equal(plan.gotoLine, true);
  assert.equal(plan.logLevel, 'trace');
  assert.deepEqual(plan.disabledExtensions, ['x.y']);
  assert.deepEqual(plan.warnings, [
    "'frobnicate' is not in the list of known options; ignored",
    'only one folder or workspace is opened; /work is not',
    '/work/gone.cfg does not exist; not opened',
  ]);
});

function runCode(env: NodeJS.ProcessEnv) {
  return spawnSync(CODE, [`--extensionDevelopmentPath=${join(FIXTURE, 'extension')}`, `--extensionTestsPath=${join(FIXTURE, 'suite-pass.js')}`], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

test('a missing VS Code server or Chromium is named, with how to get it, and the run fails', () => {
  const noServer = runCode({ SNDIF_CODE_SERVER_DIR: '/nonexistent/code-server' });
  assert.equal(noServer.status, 1);
  assert.match(noServer.stderr, /^vscode-offline: the VS Code server is missing: no \/nonexistent\/code-server\/node_modules\/code-server\/lib\/vscode\/out\/server-main\.js; install it with `bash scripts\/install-code-server\.sh` \(SNDIF_CODE_SERVER_DIR=\/nonexistent\/code-server\)$/m);
  const noChromium = runCode({ CHROMIUM: '/nonexistent/chromium' });
  assert.equal(noChromium.status, 1);
  assert.match(noChromium.stderr, /^vscode-offline: Chromium is missing: no \/nonexistent\/chromium; `apt-get install chromium` or set CHROMIUM to its path$/m);
  const noTests = spawnSync(CODE, [join(FIXTURE, 'workspace')], { encoding: 'utf8' });
  assert.equal(noTests.status, 2);
  assert.match(noTests.stderr, /only runs extension tests/);
});

const missing = missingPieces(installation());
const skip = missing.length > 0 && process.env.CI !== 'true' ? `offline VS Code not installed: ${missing[0]}` : false;

/** runFixture.js in a child process: runTests' own output and how it settled. */
function runFixture(suite: string): Promise<{ status: number | null; output: string }> {
  const scratch = mkdtempSync(join(tmpdir(), 'sndif-launcher-'));
  const child = spawn(process.execPath, [join(__dirname, 'runFixture.js'), suite, join(scratch, 'user-data'), join(scratch, 'extensions')], { cwd: scratch });
  let output = '';
  child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}

test('real VS Code: runTests resolves when the suite passes and rejects when it fails', { skip, timeout: 600_000 }, async () => {
  assert.deepEqual(missing, [], 'CI must install the offline VS Code: .ci/run calls scripts/install-code-server.sh');
  const passing = await runFixture('suite-pass.js');
  assert.match(passing.output, /^launcher fixture: passing suite ran in VS Code 1\.\d+\.\d+$/m, passing.output);
  assert.match(passing.output, /^Exit code: {3}0$/m, passing.output);
  assert.match(passing.output, /^runTests resolved with 0$/m, passing.output);
  const failing = await runFixture('suite-fail.js');
  assert.match(failing.output, /^launcher fixture: failing suite ran$/m, failing.output);
  assert.match(failing.output, /launcher fixture: this suite fails on purpose/, failing.output);
  assert.match(failing.output, /^runTests rejected: Test run failed with code 1$/m, failing.output);
});

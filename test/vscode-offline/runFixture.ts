/**
 * Runs a fixture suite through @vscode/test-electron's runTests with the offline VS Code as
 * `vscodeExecutablePath`, exactly as `npm run test:vscode` does offline, and prints how runTests
 * settled. launcher.test.ts starts it as a child process to see its whole output.
 * Usage: node runFixture.js <suite file> <user data dir> <extensions dir>
 */
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'vscode-launcher');

const [suite, userDataDir, extensionsDir] = process.argv.slice(2);
const folder = path.join(FIXTURE, 'workspace');
const file = path.join(folder, 'note.txt');
runTests({
  vscodeExecutablePath: path.join(ROOT, 'test', 'vscode-offline', 'code'),
  extensionDevelopmentPath: path.join(FIXTURE, 'extension'),
  extensionTestsPath: path.join(FIXTURE, suite),
  launchArgs: [folder, file, '--disable-extensions', `--user-data-dir=${userDataDir}`, `--extensions-dir=${extensionsDir}`],
  extensionTestsEnv: { SNDIF_FIXTURE_FOLDER: folder, SNDIF_FIXTURE_FILE: file },
}).then(
  (code) => process.stdout.write(`runTests resolved with ${code}\n`),
  (e: unknown) => process.stdout.write(`runTests rejected: ${e instanceof Error ? e.message : String(e)}\n`),
);

/**
 * `npm run test:vscode`: the suite in a VS Code that @vscode/test-electron downloads. Where
 * VS Code cannot be downloaded it says so in one line and exits non-zero; on such machines
 * `npm run test:vscode:server` runs the same suite in code-server (see the README).
 */
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..', '..', '..');
  let executable: string;
  try {
    executable = await downloadAndUnzipVSCode({ version: 'stable', timeout: 30000 });
  } catch (e) {
    process.stderr.write(`test:vscode: cannot download VS Code (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); run npm run test:vscode:server instead\n`);
    process.exit(1);
  }
  const code = await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: [root, '--disable-extensions', '--disable-workspace-trust'],
  });
  process.exit(code);
}

void main().catch((e) => {
  process.stderr.write(`test:vscode: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

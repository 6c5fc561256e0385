/**
 * `npm run test:vscode`: the VS Code suite through @vscode/test-electron's runTests. Where VS Code
 * can be downloaded (or test-electron already has a copy in .vscode-test), that VS Code runs it.
 * Where it cannot, runTests gets `vscodeExecutablePath` = test/vscode-offline/code: an executable
 * that takes VS Code's command line and runs the suite in code-server's VS Code server and web
 * workbench in Chromium, without network (scripts/install-code-server.sh installs it).
 * SNDIF_VSCODE=offline uses that one without trying to download; SNDIF_VSCODE=download never
 * falls back to it.
 */
import * as path from 'node:path';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const OFFLINE_EXECUTABLE = path.join(ROOT, 'test', 'vscode-offline', 'code');

/**
 * The VS Code to run: the one test-electron resolves (the same call and options runTests makes
 * when it gets no executable: newest stable VS Code matching `engines.vscode`, or the cached copy
 * when the version list cannot be fetched), else the offline one. Without network the version
 * request fails at the name lookup, within seconds; a silent firewall costs the request timeout.
 */
async function chooseVSCode(mode: string): Promise<string> {
  if (mode === 'offline') return OFFLINE_EXECUTABLE;
  try {
    return await downloadAndUnzipVSCode({ extensionDevelopmentPath: ROOT, timeout: 10_000 });
  } catch (e) {
    if (mode === 'download') throw e;
    const reason = e instanceof Error ? e.message.split('\n')[0] : String(e);
    process.stdout.write(`test:vscode: VS Code cannot be downloaded (${reason}); running the suite in the offline VS Code (${path.relative(process.cwd(), OFFLINE_EXECUTABLE)})\n`);
    return OFFLINE_EXECUTABLE;
  }
}

async function main(): Promise<void> {
  const mode = process.env.SNDIF_VSCODE ?? 'auto';
  if (!['auto', 'offline', 'download'].includes(mode)) throw new Error(`SNDIF_VSCODE must be auto, offline or download, not "${mode}"`);
  const vscodeExecutablePath = await chooseVSCode(mode);
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
    launchArgs: [ROOT, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().then(() => process.exit(0), (e) => {
  process.stderr.write(`test:vscode: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

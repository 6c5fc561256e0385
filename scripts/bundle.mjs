// Bundles the extension client, the language server and the CLI with esbuild into dist/, and
// the web extension (client, and the same server for a Web Worker) into dist/web/.
// `--web-tests` also bundles the web suite (dist/web/test/suite.js) for `npm run test:web`.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';

const common = { bundle: true, minify: true, sourcemap: false, logLevel: 'warning' };
const node = { ...common, platform: 'node', target: 'node20', format: 'cjs' };
// The web worker extension host provides require('vscode') and nothing else: no Node built-ins.
const web = { ...common, platform: 'browser', target: 'es2022', metafile: true };

const [, , , webClient, webServer] = await Promise.all([
  build({ ...node, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...node, entryPoints: ['server/src/env/node.ts'], outfile: 'dist/server.js' }),
  build({ ...node, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' }),
  build({ ...web, entryPoints: ['client/src/browser.ts'], outfile: 'dist/web/client.js', format: 'cjs', external: ['vscode'] }),
  build({ ...web, entryPoints: ['server/src/env/browser.ts'], outfile: 'dist/web/server.js', format: 'iife' }),
]);
// What went into the web bundles, for the test that keeps Node out of them.
mkdirSync('dist/web', { recursive: true });
writeFileSync('dist/web/meta.json', JSON.stringify({ client: webClient.metafile, server: webServer.metafile }));

if (process.argv.includes('--web-tests')) {
  await build({
    ...common, minify: false, platform: 'browser', target: 'es2022', format: 'cjs', external: ['vscode'],
    entryPoints: ['client/src/test/web/index.ts'], outfile: 'dist/web/test/suite.js',
    define: { global: 'globalThis' }, // mocha's browser build refers to `global`
  });
}

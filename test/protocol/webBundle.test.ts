/**
 * The web extension's bundles (dist/web/, what vscode.dev and github.dev load): no Node in
 * them, and the worker server answers exactly as the Node server does. The server bundle runs
 * in a realm of its own that has only what a Web Worker has (no process, Buffer, require,
 * setImmediate), talking postMessage as in the browser.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { builtinModules } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vm from 'node:vm';
import {
  AbstractMessageReader, AbstractMessageWriter, createProtocolConnection, DataCallback, Disposable, Message, ProtocolConnection,
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, PublishDiagnosticsNotification, PublishDiagnosticsParams,
  ConfigurationRequest, ShutdownRequest, ClientCapabilities,
} from 'vscode-languageserver-protocol/node';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, ROOT } from '../lspClient';

const WEB = join(ROOT, 'dist', 'web');

interface Metafile { inputs: Record<string, { imports: { path: string; kind: string; external?: boolean }[] }> }

test('the web bundles contain no Node built-in module', () => {
  const metaPath = join(WEB, 'meta.json');
  assert.ok(existsSync(metaPath), 'dist/web/meta.json is missing: npm test bundles first (npm run bundle)');
  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Record<'client' | 'server', Metafile>;
  const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
  for (const [bundle, metafile] of Object.entries(meta)) {
    const inputs = Object.keys(metafile.inputs);
    assert.ok(inputs.includes(bundle === 'client' ? 'client/src/browser.ts' : 'server/src/env/browser.ts'), `${bundle}: wrong entry`);
    // A package's "browser" field can swap a Node module for an empty one: esbuild names those "(disabled):…".
    assert.deepEqual(inputs.filter((i) => i.includes('(disabled)') || builtins.has(i)), [], `${bundle}: Node modules bundled`);
    const nodeImports = Object.entries(metafile.inputs).flatMap(([from, input]) =>
      input.imports.filter((i) => builtins.has(i.path) || builtins.has(i.path.split('/')[0])).map((i) => `${from} → ${i.path}`));
    assert.deepEqual(nodeImports, [], `${bundle}: imports Node built-ins`);
    // The node entry points of the LSP libraries must not have been picked.
    assert.deepEqual(inputs.filter((i) => /vscode-(languageclient|languageserver|jsonrpc)\/lib\/node\//.test(i)), [], `${bundle}: Node transport bundled`);
  }
  // Node's globals, used unguarded: a Web Worker has none of them.
  for (const file of ['client.js', 'server.js']) {
    const code = readFileSync(join(WEB, file), 'utf8');
    const uses = code.match(/\bBuffer\.(from|alloc|allocUnsafe|concat|isBuffer|byteLength)\(|\bprocess\.(memoryUsage|argv|exit|cwd|on|stdin|stdout|stderr|execArgv)\b|\b__dirname\b|\b__filename\b/g);
    assert.equal(uses, null, `dist/web/${file} uses ${uses?.join(', ')}`);
  }
  const client = readFileSync(join(WEB, 'client.js'), 'utf8');
  const required = [...new Set([...client.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]))];
  assert.deepEqual(required, ['vscode'], 'the web client may require only vscode');
});

/** dist/web/server.js in a realm with a Web Worker's globals only; messages go through postMessage. */
function startWorkerServer(): { connection: ProtocolConnection; errors: string[] } {
  const toServer: ((data: unknown) => void)[] = [];
  const fromServer: DataCallback[] = [];
  const errors: string[] = [];
  const sandbox: Record<string, unknown> = {
    console: { log: () => undefined, info: () => undefined, warn: () => undefined, error: (...a: unknown[]) => errors.push(a.join(' ')) },
    setTimeout, clearTimeout, setInterval, clearInterval, queueMicrotask, TextEncoder, TextDecoder, crypto, performance,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    // Structured clone, as between a worker and its page.
    postMessage: (message: unknown) => { for (const callback of fromServer) callback(structuredClone(message) as Message); },
  };
  sandbox.self = sandbox;
  Object.defineProperty(sandbox, 'onmessage', { set: (listener: (event: { data: unknown }) => void) => toServer.push((data) => listener({ data })) });
  const context = vm.createContext(sandbox);
  vm.runInContext(readFileSync(join(WEB, 'server.js'), 'utf8'), context, { filename: 'dist/web/server.js' });
  // Node's own globals really are missing in there.
  assert.equal(vm.runInContext('typeof process + typeof Buffer + typeof require + typeof setImmediate', context), 'undefinedundefinedundefinedundefined');

  class Reader extends AbstractMessageReader {
    listen(callback: DataCallback): Disposable {
      fromServer.push(callback);
      return Disposable.create(() => fromServer.splice(fromServer.indexOf(callback), 1));
    }
  }
  class Writer extends AbstractMessageWriter {
    async write(message: Message): Promise<void> {
      const copy = vm.runInContext(`JSON.parse(${JSON.stringify(JSON.stringify(message))})`, context) as unknown;
      for (const deliver of toServer) deliver(copy);
    }
    end(): void { /* nothing to close */ }
  }
  const connection = createProtocolConnection(new Reader(), new Writer());
  connection.listen();
  return { connection, errors };
}

const XL_URI = 'file:///etc/xen/guest-mistakes.cfg';
const DUMP_URI = 'file:///tmp/xenstore-host.txt';
const UNICODE_URI = 'file:///tmp/xenstore-unicode.txt';
const DOCUMENTS: [string, string, string][] = [
  [XL_URI, 'xl-cfg', readFileSync(join(ROOT, 'examples', 'guest-mistakes.cfg'), 'utf8')],
  [DUMP_URI, 'xenstore', readFileSync(join(ROOT, 'examples', 'xenstore-host.txt'), 'utf8')],
  // Raw non-ASCII in a dump takes the byte-conversion paths (once Buffer, now TextEncoder).
  [UNICODE_URI, 'xenstore', '/local/domain/1/device/vsnd/0/short-name = "Küche 🎵"\n/local/domain/1/device/vsnd/0/0/0/type = "p"\n/local/domain/1/device/vsnd/0/0/0/unique-id = "ä"\n'],
];

let worker: { connection: ProtocolConnection; errors: string[] };
let node: LspClient;
const workerDiagnostics = new Map<string, PublishDiagnosticsParams>();

before(async () => {
  worker = startWorkerServer();
  const published = new Map<string, (p: PublishDiagnosticsParams) => void>();
  worker.connection.onNotification(PublishDiagnosticsNotification.type, (p) => published.get(p.uri)?.(p));
  worker.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map(() => ({})));
  node = await LspClient.start();
  const capabilities: ClientCapabilities = {
    workspace: { configuration: true },
    textDocument: {
      publishDiagnostics: { versionSupport: true },
      hover: { contentFormat: ['markdown'] },
      completion: { completionItem: { snippetSupport: true } },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
    },
  };
  const init = await worker.connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities });
  assert.equal(init.serverInfo?.name, 'sndif-language-server');
  await worker.connection.sendNotification(InitializedNotification.type, {});
  await Promise.all(DOCUMENTS.map(async ([uri, languageId, text]) => {
    const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => published.set(uri, resolve));
    await worker.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    await node.open(uri, languageId, text);
    workerDiagnostics.set(uri, await diagnostics);
  }));
});

after(async () => {
  await node.stop();
  await worker.connection.sendRequest(ShutdownRequest.type);
  worker.connection.dispose();
  assert.deepEqual(worker.errors, [], 'the worker server logged errors');
});

test('worker server: the same diagnostics as the Node server', async () => {
  for (const [uri] of DOCUMENTS) {
    const expected = await node.waitForDiagnostics(uri);
    assert.deepEqual(JSON.parse(JSON.stringify(workerDiagnostics.get(uri))), expected, uri);
  }
  assert.equal(workerDiagnostics.get(XL_URI)!.diagnostics.length, 13);
});

/** Every request a client makes, at positions spread over each document. */
function requests(): [string, unknown][] {
  const list: [string, unknown][] = [];
  for (const [uri, , text] of DOCUMENTS) {
    const textDocument = { uri };
    const lines = text.split('\n');
    list.push(['textDocument/documentSymbol', { textDocument }], ['textDocument/foldingRange', { textDocument }],
      ['textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }],
      ['workspace/executeCommand', { command: 'sndif.resolvedText', arguments: [uri] }],
      ['workspace/executeCommand', { command: 'sndif.xenstoreKeysText', arguments: [uri] }]);
    for (let line = 0; line < lines.length; line += 3) {
      for (const character of [0, 8, 16, 30]) {
        if (character > lines[line].length) continue;
        const position = { line, character };
        list.push(['textDocument/hover', { textDocument, position }], ['textDocument/completion', { textDocument, position }]);
      }
    }
    const range = { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } };
    list.push(['textDocument/codeAction', { textDocument, range, context: { diagnostics: workerDiagnostics.get(uri)!.diagnostics, only: ['source.fixAll'] } }]);
    for (const diagnostic of workerDiagnostics.get(uri)!.diagnostics) {
      list.push(['textDocument/codeAction', { textDocument, range: diagnostic.range, context: { diagnostics: [diagnostic] } }]);
    }
  }
  return list;
}

test('worker server: hover, completion, code actions, symbols, folding, inlay hints and commands equal the Node server', async () => {
  const answered = new Map<string, number>();
  for (const [method, params] of requests()) {
    const [fromWorker, fromNode] = await Promise.all([worker.connection.sendRequest(method, params), node.request(method, params)]);
    // postMessage keeps properties set to undefined, JSON on a pipe drops them.
    assert.deepEqual(JSON.parse(JSON.stringify(fromWorker ?? null)), fromNode, `${method} ${JSON.stringify(params).slice(0, 200)}`);
    const empty = fromWorker === null || (Array.isArray(fromWorker) && fromWorker.length === 0);
    answered.set(method, (answered.get(method) ?? 0) + (empty ? 0 : 1));
  }
  // Every kind of request had real answers to compare.
  for (const [method, count] of answered) assert.ok(count > 0, `no ${method} answered anything`);
  assert.equal(answered.size, 7);
  const fixes = (await worker.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: XL_URI }, range: workerDiagnostics.get(XL_URI)!.diagnostics[0].range,
    context: { diagnostics: [workerDiagnostics.get(XL_URI)!.diagnostics[0] as Diagnostic] },
  })) as CodeAction[];
  assert.equal(fixes[0].title, 'Change to unique-id');
});

test('worker server: its status has no memory figures (a worker cannot measure them)', async () => {
  const status = await worker.connection.sendRequest('sndif/status', {}) as Record<string, unknown>;
  assert.deepEqual(status, { documents: 3, analyses: 3, heapUsed: null, rss: null, gcForced: false });
});

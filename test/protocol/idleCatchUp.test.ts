/**
 * The server's idle work after diagnostics go out, over the protocol with the server in this
 * process (so its document store can be looked at): once a dump's diagnostics are pushed, or
 * pulled as VS Code does, the nodes the typing left behind catch up with its edits
 * (DocumentStore.tidy, see the invariant "Node offsets are read through the node").
 */
import { test, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DocumentDiagnosticRequest, PublishDiagnosticsNotification,
  ClientCapabilities, ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { startServer } from '../../server/src/lsp/server';
import { DocumentStore } from '../../server/src/lsp/documentStore';
import type { ChunkedDocument } from '../../server/src/lsp/chunkedDocument';
import { dump } from '../../bench/generate';

const TEXT = dump(300_000, 'full', 3);
const URI = 'file:///idle-dump.txt';

interface Tidied {
  readonly store: DocumentStore;
  readonly document: ChunkedDocument;
  /** The moves the dump's nodes owed when the idle work began. */
  readonly owed: number | undefined;
}

/** Each finished DocumentStore.tidy, with the document's version when it began. */
const tidied: (Tidied & { version: number })[] = [];
const tidyWaiters: (() => void)[] = [];
const originalTidy = DocumentStore.prototype.tidy;
DocumentStore.prototype.tidy = async function (this: DocumentStore, document: ChunkedDocument) {
  const version = document.version;
  const owed = this.ready(document)?.dump?.root.unsettledMoves;
  await originalTidy.call(this, document);
  tidied.push({ store: this, document, owed, version });
  for (const w of tidyWaiters.splice(0)) w();
};

/** The first finished tidy that began at `version` of the document. */
async function tidyOf(version: number): Promise<Tidied> {
  for (;;) {
    const done = tidied.find((t) => t.version === version);
    if (done) return done;
    await new Promise<void>((resolve) => tidyWaiters.push(resolve));
  }
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  tidied.length = 0;
});

/** The real server on in-memory pipes; returns the client's end. */
async function serve(capabilities: ClientCapabilities): Promise<ProtocolConnection> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = startServer(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), { memoryUsage: () => undefined });
  const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.listen();
  stops.push(() => {
    client.dispose();
    server.dispose();
  });
  await client.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities });
  await client.sendNotification(InitializedNotification.type, {});
  return client;
}

/** Typed into the middle of the dump's first sample-rates value, one key per didChange. */
async function typeKeys(client: ProtocolConnection, keys: number): Promise<number> {
  const at = TEXT.indexOf('"', TEXT.indexOf('sample-rates = "') + 'sample-rates = "'.length);
  const line = TEXT.slice(0, at).split('\n').length - 1;
  const character = at - (TEXT.lastIndexOf('\n', at) + 1);
  let version = 1;
  for (let i = 0; i < keys; i++) {
    const position = { line, character: character + i };
    await client.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version: ++version }, contentChanges: [{ range: { start: position, end: position }, text: ',' }],
    });
  }
  return version;
}

const KEYS = 20;
/** A server that never tidies fails here instead of leaving the suite waiting. */
const TIMEOUT = { timeout: 60_000 };

test('after pulled diagnostics the typed-into dump catches up with its edits in idle time', TIMEOUT, async () => {
  const client = await serve({ textDocument: { diagnostic: {} } });
  await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'xenstore', version: 1, text: TEXT } });
  await client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: URI } });
  const version = await typeKeys(client, KEYS);
  const report = await client.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: URI } });
  assert.equal(report.kind, 'full');
  const { store, document, owed } = await tidyOf(version);
  assert.equal(owed, KEYS, 'each key moved the nodes after it, lazily');
  assert.equal(store.ready(document)?.dump?.root.unsettledMoves, 0);
});

test('after pushed diagnostics the typed-into dump catches up with its edits in idle time', TIMEOUT, async () => {
  const client = await serve({ textDocument: { publishDiagnostics: { versionSupport: true } } });
  const pushes = new Map<number, () => void>();
  const pushOf = (version: number) => new Promise<void>((resolve) => pushes.set(version, resolve));
  client.onNotification(PublishDiagnosticsNotification.type, (p) => pushes.get(p.version!)?.());
  const opened = pushOf(1);
  const typed = pushOf(1 + KEYS);
  await client.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: URI, languageId: 'xenstore', version: 1, text: TEXT } });
  await opened;
  const version = await typeKeys(client, KEYS);
  await typed;
  const { store, document, owed } = await tidyOf(version);
  assert.equal(owed, KEYS, 'each key moved the nodes after it, lazily');
  assert.equal(store.ready(document)?.dump?.root.unsettledMoves, 0);
});

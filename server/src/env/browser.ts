/**
 * The language server in a Web Worker (vscode.dev, github.dev): the web extension's client
 * starts dist/web/server.js as a worker and talks to it with postMessage. Everything else is
 * the shared server in ../lsp; nothing here may use Node (a test checks the bundle).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { startServer } from '../lsp/server';

declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

startServer(createConnection(ProposedFeatures.all, new BrowserMessageReader(self), new BrowserMessageWriter(self)), {
  // A worker has no portable way to measure its memory.
  memoryUsage: () => undefined,
});

/**
 * The language server in Node: `sndif lsp`, and dist/server.js that the desktop extension
 * starts. vscode-languageserver picks the transport (stdio, node IPC, socket) from the command
 * line; everything else is the shared server in ../lsp.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from '../lsp/server';

export function startNodeServer(): void {
  startServer(createConnection(ProposedFeatures.all), {
    memoryUsage: () => {
      const { heapUsed, rss } = process.memoryUsage();
      return { heapUsed, rss };
    },
  });
}

if (require.main === module) startNodeServer();

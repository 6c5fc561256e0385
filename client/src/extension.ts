/**
 * The desktop extension (package.json "main"): starts the bundled language server in Node over
 * IPC. The commands and the document selector are shared with the web extension (activate.ts).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateClient, clientOptions } from './activate';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  client = new LanguageClient('sndif', 'Xen sound (sndif)', serverOptions, clientOptions);
  activateClient(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

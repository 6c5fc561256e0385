/**
 * The desktop extension (package.json "main"): starts the bundled language server in Node over
 * IPC. The commands and the document selector are shared with the web extension (activate.ts);
 * only the desktop has the live XenStore command (it runs xenstore-ls).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { activateClient, clientOptions } from './activate';
import { registerLiveXenStore } from './liveXenStore';

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  client = new LanguageClient('sndif', 'Xen sound (sndif)', serverOptions, clientOptions(context));
  activateClient(context, client);
  context.subscriptions.push(registerLiveXenStore());
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

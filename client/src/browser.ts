/**
 * The web extension (package.json "browser"; vscode.dev, github.dev): the same language server,
 * bundled as dist/web/server.js, runs in a Web Worker. The commands and the document selector
 * are shared with the desktop extension (activate.ts). The live XenStore command runs a program,
 * so it is desktop only (hidden here by its when-clause, shellExecutionSupported).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { activateClient, clientOptions } from './activate';

declare const Worker: new (url: string) => ConstructorParameters<typeof LanguageClient>[2];

let client: LanguageClient | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const worker = new Worker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js').toString(true));
  client = new LanguageClient('sndif', 'Xen sound (sndif)', worker, clientOptions(context));
  activateClient(context, client);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

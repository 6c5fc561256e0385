/**
 * The VS Code side: starts the bundled language server over IPC for the two languages and
 * adds the two preview commands. Everything else (diagnostics, hover, fixes, completion,
 * symbols, folding, inlay hints) comes from the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { registerRuleDocumentation, ruleDocumentationOptions } from './ruleDocumentation';
import { registerLiveXenStore } from './liveXenStore';

let client: LanguageClient | undefined;

const SCHEME = 'sndif-preview';
const LANGUAGES = ['xl-cfg', 'xenstore'];

/** Read-only documents for the previews, keyed by URI, refreshed when their source changes. */
class PreviewProvider implements vscode.TextDocumentContentProvider {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly contents = new Map<string, string>();

  set(uri: vscode.Uri, text: string): void {
    this.contents.set(uri.toString(), text);
    this.changed.fire(uri);
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }
}

export function activate(context: vscode.ExtensionContext): void {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }, { scheme: 'vscode-remote', language }, { scheme: 'vscode-vfs', language }]),
    synchronize: { configurationSection: 'sndif' },
    initializationOptions: { ruleDocumentation: ruleDocumentationOptions(context) },
  };
  client = new LanguageClient('sndif', 'Xen sound (sndif)', serverOptions, clientOptions);

  const previews = new PreviewProvider();
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(SCHEME, previews));

  // Activation does not wait for the server: it starts in the background and the commands
  // wait for it (diagnostics and the rest arrive when it is up).
  const started = client.start().catch((e: unknown) => {
    void vscode.window.showErrorMessage(`Xen sound language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  });

  const preview = (command: string, title: string, extension: string) => async () => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !LANGUAGES.includes(editor.document.languageId)) {
      void vscode.window.showInformationMessage('Open an xl.cfg or a xenstore-ls dump first.');
      return;
    }
    const source = editor.document.uri;
    await started;
    const text = await client!.sendRequest<string | null>('workspace/executeCommand', { command, arguments: [source.toString()] });
    const name = path.basename(source.path);
    const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${name} — ${title}${extension}`, query: source.toString() });
    previews.set(uri, text ?? '');
    const document = await vscode.workspace.openTextDocument(uri);
    if (extension === '.xenstore') await vscode.languages.setTextDocumentLanguage(document, 'xenstore');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('sndif.showResolved', preview('sndif.resolvedText', 'resolved sound configuration', '.txt')),
    vscode.commands.registerCommand('sndif.showXenStoreKeys', preview('sndif.xenstoreKeysText', 'XenStore keys', '.xenstore')),
    registerRuleDocumentation({
      ready: started,
      request: (command, args) => client!.sendRequest<string | null>('workspace/executeCommand', { command, arguments: args }),
      show: (uri, text) => previews.set(uri, text),
      scheme: SCHEME,
    }),
    registerLiveXenStore(),
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

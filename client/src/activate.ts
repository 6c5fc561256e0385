/**
 * What the desktop and the web extension share: the documents the language server handles
 * and the preview and rule documentation commands. Each entry point (extension.ts for Node, browser.ts for the
 * web) only creates its LanguageClient; everything else (diagnostics, hover, fixes, completion,
 * symbols, folding, inlay hints) comes from the same server.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerRuleDocumentation, ruleDocumentationOptions } from './ruleDocumentation';

const SCHEME = 'sndif-preview';
const LANGUAGES = ['xl-cfg', 'xenstore'];
/**
 * Where documents come from: local files, untitled, remote (SSH, WSL, containers), github.dev
 * and vscode.dev repositories (vscode-vfs), and the folder `@vscode/test-web` mounts. Not the
 * previews' own scheme.
 */
const DOCUMENT_SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs', 'vscode-test-web'];

export function clientOptions(context: vscode.ExtensionContext): LanguageClientOptions {
  return {
    documentSelector: LANGUAGES.flatMap((language) => DOCUMENT_SCHEMES.map((scheme) => ({ scheme, language }))),
    synchronize: { configurationSection: 'sndif' },
    initializationOptions: { ruleDocumentation: ruleDocumentationOptions(context) },
  };
}

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

/** Starts the client in the background and registers the commands, which wait for it. */
export function activateClient(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
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
    const text = await client.sendRequest<string | null>('workspace/executeCommand', { command, arguments: [source.toString()] });
    const name = source.path.slice(source.path.lastIndexOf('/') + 1);
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
      request: (command, args) => client.sendRequest<string | null>('workspace/executeCommand', { command, arguments: args }),
      show: (uri, text) => previews.set(uri, text),
      scheme: SCHEME,
    }),
  );
}

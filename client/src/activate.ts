/**
 * What the desktop and the web extension share: the documents the language server handles, a
 * language status item showing that the server runs and its version, and the commands: the two
 * previews (the resolved configuration in VS Code's Markdown preview, the XenStore keys as a
 * document), both following edits of their source, and the rule documentation. Each entry point
 * (extension.ts for Node, browser.ts for the web) only creates its LanguageClient; everything
 * else (diagnostics, hover, fixes, completion, symbols, folding, inlay hints, CodeLens) comes
 * from the same server.
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

/** The server's log, also the channel behind the status item's "Show Log". */
let output: vscode.LogOutputChannel | undefined;

export function clientOptions(context: vscode.ExtensionContext): LanguageClientOptions {
  output = vscode.window.createOutputChannel('Xen sound (sndif)', { log: true });
  context.subscriptions.push(output);
  return {
    documentSelector: LANGUAGES.flatMap((language) => DOCUMENT_SCHEMES.map((scheme) => ({ scheme, language }))),
    synchronize: { configurationSection: 'sndif' },
    outputChannel: output,
    // Hovers link to the resolved configuration; only that command may run from them.
    markdown: { isTrusted: { enabledCommands: ['sndif.showResolved'] }, supportHtml: false },
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

  // Shows that the server runs, and which version: visible with an xl.cfg or a dump open.
  const status = vscode.languages.createLanguageStatusItem('sndif.server', LANGUAGES);
  status.name = 'Xen sound language server';
  status.text = 'sndif: starting…';
  status.busy = true;
  status.command = { title: 'Show Log', command: 'sndif.showLog' };
  context.subscriptions.push(status, vscode.commands.registerCommand('sndif.showLog', () => output?.show(true)));

  // Activation does not wait for the server: it starts in the background and the commands
  // wait for it (diagnostics and the rest arrive when it is up).
  const started = client.start().then(() => {
    const info = client.initializeResult?.serverInfo;
    status.busy = false;
    status.text = `sndif ${info?.version ?? ''}`.trim();
    status.detail = 'language server running';
    output?.info(`${info?.name ?? 'sndif'} ${info?.version ?? ''} running`);
  }, (e: unknown) => {
    status.busy = false;
    status.text = 'sndif: failed to start';
    status.severity = vscode.LanguageStatusSeverity.Error;
    void vscode.window.showErrorMessage(`Xen sound language server failed to start: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  });

  /** The source a command is about: its URI argument (CodeLens, hover link) or the active editor. */
  const sourceOf = (arg: unknown): vscode.TextDocument | undefined => {
    const uri = typeof arg === 'string' ? arg : arg instanceof vscode.Uri ? arg.toString() : undefined;
    const document = uri
      ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)
      : vscode.window.activeTextEditor?.document;
    return document && LANGUAGES.includes(document.languageId) ? document : undefined;
  };

  const previewUri = (source: vscode.Uri, title: string, extension: string) => {
    const name = source.path.slice(source.path.lastIndexOf('/') + 1);
    return vscode.Uri.from({ scheme: SCHEME, path: `/${name} — ${title}${extension}`, query: source.toString() });
  };

  const render = async (command: string, source: vscode.TextDocument, uri: vscode.Uri) => {
    await started;
    const text = await client.sendRequest<string | null>('workspace/executeCommand', { command, arguments: [source.uri.toString()] });
    previews.set(uri, text ?? '');
  };

  // Open previews follow their source's edits (each as its own document, so both stay open).
  const following = new Map<string, { command: string; uri: vscode.Uri }[]>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const follow = (source: vscode.TextDocument, command: string, uri: vscode.Uri) => {
    const list = following.get(source.uri.toString()) ?? [];
    if (!list.some((p) => p.uri.toString() === uri.toString())) list.push({ command, uri });
    following.set(source.uri.toString(), list);
  };
  context.subscriptions.push(vscode.workspace.onDidChangeTextDocument((e) => {
    const key = e.document.uri.toString();
    const list = following.get(key);
    if (!list || e.contentChanges.length === 0) return;
    clearTimeout(timers.get(key));
    timers.set(key, setTimeout(() => {
      timers.delete(key);
      for (const p of list) void render(p.command, e.document, p.uri);
    }, 150));
  }));

  const requireSource = (arg: unknown) => {
    const source = sourceOf(arg);
    if (!source) void vscode.window.showInformationMessage('Open an xl.cfg or a xenstore-ls dump first.');
    return source;
  };

  /** A server command's view of the source as a document that follows the source's edits. */
  const openPreview = async (arg: unknown, command: string, title: string, extension: string) => {
    const source = requireSource(arg);
    if (!source) return undefined;
    const uri = previewUri(source.uri, title, extension);
    await render(command, source, uri);
    follow(source, command, uri);
    return { uri, document: await vscode.workspace.openTextDocument(uri) };
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('sndif.showResolved', async (arg?: unknown) => {
      // Loaded as a document first, so the preview sees the provider's updates; then VS Code's
      // own Markdown preview, beside the source, locked to this document.
      const preview = await openPreview(arg, 'sndif.resolvedMarkdown', 'resolved sound configuration', '.md');
      if (!preview) return;
      const { uri, document } = preview;
      if (document.languageId !== 'markdown') await vscode.languages.setTextDocumentLanguage(document, 'markdown');
      // Where VS Code's Markdown extension is missing (some web hosts), the Markdown text itself.
      // (getCommands cannot tell: it lists the command only once that extension has activated.)
      await vscode.commands.executeCommand('markdown.showLockedPreviewToSide', uri).then(undefined, () =>
        vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true }));
    }),
    vscode.commands.registerCommand('sndif.showXenStoreKeys', async (arg?: unknown) => {
      const preview = await openPreview(arg, 'sndif.xenstoreKeysText', 'XenStore keys', '.xenstore');
      if (!preview) return;
      const { document } = preview;
      await vscode.languages.setTextDocumentLanguage(document, 'xenstore');
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: false, preserveFocus: true });
    }),
    registerRuleDocumentation({
      ready: started,
      request: (command, args) => client.sendRequest<string | null>('workspace/executeCommand', { command, arguments: args }),
      show: (uri, text) => previews.set(uri, text),
      scheme: SCHEME,
    }),
  );
}

/**
 * "Show documentation for CODE": the language server's code action runs this command, which
 * asks the server for the rule's page (Markdown, generated from the rule catalogue) and shows
 * it in VS Code's Markdown preview beside the editor.
 */
import * as vscode from 'vscode';

export const SHOW_RULE_DOCUMENTATION = 'sndif.showRuleDocumentation';
const SERVER_COMMAND = 'sndif.ruleDocumentation';

/** What the server needs to link pages and offer the action (initializationOptions). */
export function ruleDocumentationOptions(context: vscode.ExtensionContext): { baseUri: string; command: string } {
  return { baseUri: `${vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules').toString()}/`, command: SHOW_RULE_DOCUMENTATION };
}

export interface PageHost {
  /** Resolves once the language server runs. */
  readonly ready: Promise<unknown>;
  request(command: string, args: unknown[]): Promise<string | null>;
  /** Serve `text` at `uri` (read-only virtual document). */
  show(uri: vscode.Uri, text: string): void;
  readonly scheme: string;
}

export function registerRuleDocumentation(host: PageHost): vscode.Disposable {
  // Labels of the preview tabs this command opened: the next page replaces them, so pages do
  // not pile up in ever more columns.
  const shownTabs = new Set<string>();
  return vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION, async (code?: unknown) => {
    if (typeof code !== 'string' || !code) {
      code = await vscode.window.showInputBox({ prompt: 'Rule code (as in the Problems panel)', placeHolder: 'vsnd-list-comma' });
      if (typeof code !== 'string' || !code) return undefined;
    }
    await host.ready;
    const page = await host.request(SERVER_COMMAND, [code]);
    if (page === null) {
      void vscode.window.showErrorMessage(`No sndif rule "${code}".`);
      return undefined;
    }
    const uri = vscode.Uri.from({ scheme: host.scheme, path: `/rules/${code}.md` });
    host.show(uri, page);
    const stale = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && shownTabs.has(t.label));
    if (stale.length) await vscode.window.tabGroups.close(stale, true);
    shownTabs.add(`Preview ${code}.md`);
    await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    return uri;
  });
}

/** What the desktop suite and the web suite both need from the VS Code API. */
import * as vscode from 'vscode';

/** Resolves when the diagnostics of `uri` satisfy `test` (checked now and on every change). */
export function diagnosticsOf(uri: vscode.Uri, test: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (test(current)) {
        sub.dispose();
        resolve(current);
      }
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

export const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** A document as xl.cfg: outside /etc/xen a `.cfg` file is not recognised by its name. */
export async function asXl(document: vscode.TextDocument): Promise<vscode.TextDocument> {
  return document.languageId === 'xl-cfg' ? document : vscode.languages.setTextDocumentLanguage(document, 'xl-cfg');
}

import type { CodeLens } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeLenses } from '../../service/codeLens';
import type { DocumentStore } from '../documentStore';

export function codeLensFor(store: DocumentStore, document: TextDocument): CodeLens[] {
  return codeLenses(store.analysis(document), document.uri);
}

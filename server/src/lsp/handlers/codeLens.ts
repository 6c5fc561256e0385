import type { CodeLens } from 'vscode-languageserver';
import type { ChunkedDocument } from '../chunkedDocument';
import { codeLenses } from '../../service/codeLens';
import type { DocumentStore } from '../documentStore';

export function codeLensFor(store: DocumentStore, document: ChunkedDocument): CodeLens[] {
  return codeLenses(store.analysis(document), document.uri);
}

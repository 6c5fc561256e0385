import type { CodeAction, CodeActionParams } from 'vscode-languageserver';
import type { ChunkedDocument } from '../chunkedDocument';
import { codeActions } from '../../service/codeActions';
import type { DocumentStore } from '../documentStore';

export function codeActionsFor(store: DocumentStore, document: ChunkedDocument, params: CodeActionParams): CodeAction[] {
  return codeActions(store.analysis(document), {
    uri: document.uri,
    range: params.range,
    diagnostics: params.context.diagnostics,
    only: params.context.only,
  });
}

import type { CompletionItem, Position } from 'vscode-languageserver';
import type { ChunkedDocument } from '../chunkedDocument';
import { completion } from '../../service/completion';
import type { DocumentStore } from '../documentStore';

export function completionFor(store: DocumentStore, document: ChunkedDocument, position: Position): CompletionItem[] {
  const analysis = store.analysis(document);
  return completion(analysis, analysis.lines.offsetAt(position));
}

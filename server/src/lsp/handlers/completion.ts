import type { CompletionItem, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { completion } from '../../service/completion';
import type { DocumentStore } from '../documentStore';

export function completionFor(store: DocumentStore, document: TextDocument, position: Position): CompletionItem[] {
  const analysis = store.analysis(document);
  return completion(analysis, analysis.lines.offsetAt(position));
}

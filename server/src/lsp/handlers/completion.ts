import type { CompletionItem, Position } from 'vscode-languageserver';
import type { ChunkedDocument } from '../chunkedDocument';
import { completion } from '../../service/completion';
import type { DocumentStore, StaleAnalysis } from '../documentStore';

export function completionFor(store: DocumentStore, document: ChunkedDocument, position: Position): CompletionItem[] {
  const analysis = store.analysis(document);
  return completion(analysis, analysis.lines.offsetAt(position));
}

/**
 * Completion from the last analysis while the new one is still to come (see
 * DocumentStore.stale): for dumps, whose items carry no ranges to map; undefined otherwise.
 */
export function staleCompletion(stale: StaleAnalysis, document: ChunkedDocument, position: Position): CompletionItem[] | undefined {
  if (stale.analysis.language !== 'xenstore') return undefined;
  const offset = stale.toAnalysed(document.offsetAt(position));
  if (offset === undefined) return undefined;
  const items = completion(stale.analysis, offset);
  return items.some((item) => item.textEdit || item.additionalTextEdits) ? undefined : items;
}

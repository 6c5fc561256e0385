import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import type { ChunkedDocument } from '../chunkedDocument';
import { hover, HoverResult } from '../../service/hover';
import type { DocumentStore, StaleAnalysis } from '../documentStore';

export function hoverFor(store: DocumentStore, document: ChunkedDocument, position: Position): Hover | null {
  const analysis = store.analysis(document);
  const result = hover(analysis, analysis.lines.offsetAt(position), document.uri);
  return result ? asHover(result, analysis.lines.rangeOf(result.span)) : null;
}

/**
 * The hover of the last analysis at the same place, while the document's new analysis is
 * still to come (see DocumentStore.stale); none on text typed since.
 */
export function staleHover(stale: StaleAnalysis, document: ChunkedDocument, position: Position): Hover | null {
  const offset = stale.toAnalysed(document.offsetAt(position));
  if (offset === undefined) return null;
  const result = hover(stale.analysis, offset, document.uri);
  if (!result) return null;
  const range = { start: document.positionAt(stale.toCurrent(result.span.start)), end: document.positionAt(stale.toCurrent(result.span.end)) };
  return asHover(result, range);
}

function asHover(result: HoverResult, range: Hover['range']): Hover {
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range };
}

import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import type { ChunkedDocument } from '../chunkedDocument';
import { hover } from '../../service/hover';
import type { DocumentStore } from '../documentStore';

export function hoverFor(store: DocumentStore, document: ChunkedDocument, position: Position): Hover | null {
  const analysis = store.analysis(document);
  const result = hover(analysis, analysis.lines.offsetAt(position), document.uri);
  if (!result) return null;
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: analysis.lines.rangeOf(result.span) };
}

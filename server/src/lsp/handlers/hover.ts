import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { hover } from '../../service/hover';
import type { DocumentStore } from '../documentStore';

export function hoverFor(store: DocumentStore, document: TextDocument, position: Position): Hover | null {
  const analysis = store.analysis(document);
  const result = hover(analysis, analysis.lines.offsetAt(position), document.uri);
  if (!result) return null;
  return { contents: { kind: MarkupKind.Markdown, value: result.markdown }, range: analysis.lines.rangeOf(result.span) };
}

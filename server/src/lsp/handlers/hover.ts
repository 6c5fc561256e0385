import { Hover, MarkupContent, MarkupKind, Position } from 'vscode-languageserver';
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

/**
 * A hover for a client that takes only plain text (`hover.contentFormat` without markdown):
 * the Markdown's text without its markup; a table row becomes its cells side by side.
 */
export function plainHover(hover: Hover | null): Hover | null {
  if (!hover || !MarkupContent.is(hover.contents) || hover.contents.kind !== MarkupKind.Markdown) return hover;
  return { ...hover, contents: { kind: MarkupKind.PlainText, value: markdownToPlain(hover.contents.value) } };
}

export function markdownToPlain(markdown: string): string {
  const out: string[] = [];
  for (const line of markdown.replace(/&nbsp;/g, ' ').split('\n')) {
    const trimmed = line.trim();
    if (/^\|?(\s*:?-+:?\s*\|)+\s*$/.test(trimmed)) continue; // a table's header rule
    if (/^-{3,}$/.test(trimmed)) {
      out.push('');
      continue;
    }
    const cells = trimmed.startsWith('|') && trimmed.endsWith('|') && trimmed.length > 1
      ? trimmed.slice(1, -1).split('|').map((c) => c.trim()).join('  ').trim()
      : line.replace(/ {2}$/, '');
    out.push(cells
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/\*\*([^*]*)\*\*/g, '$1')
      .replace(/`([^`]*)`/g, '$1')
      .replace(/ +$/, ''));
  }
  return out.join('\n');
}

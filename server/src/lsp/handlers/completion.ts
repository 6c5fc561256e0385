import { CompletionItem, InsertTextFormat, Position } from 'vscode-languageserver';
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

/**
 * For a client without snippet support (`completionItem.snippetSupport`): each snippet as the
 * plain text it stands for, placeholders as their default (`${1:Main}` → `Main`, a choice as
 * its first option), tab stops dropped.
 */
export function withoutSnippets(items: CompletionItem[]): CompletionItem[] {
  return items.map((item) => (item.insertTextFormat !== InsertTextFormat.Snippet ? item : {
    ...item,
    insertTextFormat: InsertTextFormat.PlainText,
    ...(item.insertText !== undefined ? { insertText: snippetText(item.insertText) } : {}),
    ...(item.textEdit ? { textEdit: { ...item.textEdit, newText: snippetText(item.textEdit.newText) } } : {}),
  }));
}

/** The text a snippet inserts with every placeholder left at its default. */
export function snippetText(snippet: string): string {
  let out = '';
  for (let i = 0; i < snippet.length; i++) {
    const c = snippet[i];
    if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) {
      out += snippet[++i];
    } else if (c === '$' && /[0-9]/.test(snippet[i + 1] ?? '')) {
      while (/[0-9]/.test(snippet[i + 1] ?? '')) i++;
    } else if (c === '$' && snippet[i + 1] === '{') {
      const m = /^\$\{[0-9]+(?::((?:\\.|[^\\}])*)|\|((?:\\.|[^\\,|])*)[^}]*\|)?\}/.exec(snippet.slice(i));
      if (!m) {
        out += c;
        continue;
      }
      out += snippetText(m[1] ?? m[2] ?? '');
      i += m[0].length - 1;
    } else {
      out += c;
    }
  }
  return out;
}

/**
 * Commands any client can run (workspace/executeCommand), each taking a document URI and
 * returning text: the resolved table (plain or Markdown), or the keys libxl would write as
 * `xenstore-ls -f`.
 */
import type { ChunkedDocument } from '../chunkedDocument';
import { resolveMarkdown, resolveText, xenstoreKeysText } from '../../service/report';
import type { DocumentStore } from '../documentStore';

export const COMMANDS = {
  resolved: 'sndif.resolvedText',
  xenstoreKeys: 'sndif.xenstoreKeysText',
  resolvedMarkdown: 'sndif.resolvedMarkdown',
} as const;

export function runCommand(store: DocumentStore, command: string, document: ChunkedDocument | undefined): string | null {
  if (!document) return null;
  const analysis = store.analysis(document);
  if (command === COMMANDS.resolved) return resolveText(analysis);
  if (command === COMMANDS.resolvedMarkdown) return resolveMarkdown(analysis, decodeURIComponent(document.uri.replace(/^.*\//, '')));
  if (command === COMMANDS.xenstoreKeys) {
    return analysis.language === 'xl' ? xenstoreKeysText(analysis) : '# A XenStore dump already is XenStore keys; open an xl.cfg to see what libxl would write.\n';
  }
  return null;
}

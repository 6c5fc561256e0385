import type { InlayHint, Range } from 'vscode-languageserver';
import type { ChunkedDocument } from '../chunkedDocument';
import { inlayHints } from '../../service/inlayHints';
import type { DocumentStore } from '../documentStore';
import type { SndifSettings } from '../settings';

export function inlayHintsFor(store: DocumentStore, settings: SndifSettings, document: ChunkedDocument, range: Range): InlayHint[] {
  if (!settings.inlayHints) return [];
  return inlayHints(store.analysis(document), range, document.uri);
}

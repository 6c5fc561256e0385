import type { Diagnostic } from 'vscode-languageserver';
import type { ChunkedDocument } from '../chunkedDocument';
import { capDiagnostics, toDiagnostics } from '../../service/diagnostics';
import type { DocumentStore } from '../documentStore';
import type { SndifSettings } from '../settings';

export function diagnosticsFor(store: DocumentStore, settings: SndifSettings, document: ChunkedDocument): Diagnostic[] {
  return capDiagnostics(toDiagnostics(store.analysis(document), document.uri, { severities: settings.severity }), settings.maxNumberOfProblems);
}

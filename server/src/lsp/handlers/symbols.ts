import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver';
import type { ChunkedDocument } from '../chunkedDocument';
import { documentSymbols } from '../../service/symbols';
import { foldingRanges } from '../../service/folding';
import type { DocumentStore } from '../documentStore';

export function symbolsFor(store: DocumentStore, document: ChunkedDocument): DocumentSymbol[] {
  return documentSymbols(store.analysis(document));
}

export function foldingFor(store: DocumentStore, document: ChunkedDocument): FoldingRange[] {
  return foldingRanges(store.analysis(document));
}

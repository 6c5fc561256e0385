import type { DocumentSymbol, FoldingRange } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbols } from '../../service/symbols';
import { foldingRanges } from '../../service/folding';
import type { DocumentStore } from '../documentStore';

export function symbolsFor(store: DocumentStore, document: TextDocument): DocumentSymbol[] {
  return documentSymbols(store.analysis(document));
}

export function foldingFor(store: DocumentStore, document: TextDocument): FoldingRange[] {
  return foldingRanges(store.analysis(document));
}

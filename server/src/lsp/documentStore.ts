/**
 * Open documents and their analyses. An analysis is computed on demand for the current
 * version and cached, so a request after an edit never sees a stale result. The edits since
 * the cached analysis are kept, so the next one re-analyses only what they touch
 * (service/incremental) instead of the whole document.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { Analysis, analyzeForEditing, AnalyzeOptions, EditableAnalysis } from '../service/analyze';
import { prepareForEdits, reanalyze, TextChange } from '../service/incremental';
import { detectLanguage, SndifLanguage } from '../service/language';
import type { SndifSettings } from './settings';
import { ChunkedDocument } from './chunkedDocument';
import { ChunkedText } from '../text/chunkedText';

interface Entry {
  version: number;
  /** The analysis options it was made with: settings that change them make it stale. */
  optionsKey: string;
  editable: EditableAnalysis;
  /** Edits made since, in order; undefined when too many or a whole-text replacement. */
  changes: TextChange[] | undefined;
}

/** More edits than this between two analyses are cheaper to analyse afresh. */
const MAX_PENDING_CHANGES = 64;

/** Characters a whole analysis gets through per millisecond until one was measured here. */
const ASSUMED_CHARS_PER_MS = 5000;

export class DocumentStore {
  private readonly cache = new Map<string, Entry>();
  private readonly languages = new Map<string, SndifLanguage>();
  /** Measured on the last whole analysis of a big document. */
  private charsPerMs = ASSUMED_CHARS_PER_MS;

  constructor(private settings: () => SndifSettings) {}

  /** The language is decided once per open document: by languageId, else by name and content. */
  languageOf(document: ChunkedDocument): SndifLanguage {
    let language = this.languages.get(document.uri);
    if (!language) {
      language = detectLanguage({ languageId: document.languageId, fileName: decodeURIComponent(document.uri), text: document.getText() });
      this.languages.set(document.uri, language);
    }
    return language;
  }

  /**
   * Applies a didChange to the document (TextDocuments' update hook), noting each change in
   * offsets of the text it applied to.
   */
  update(document: ChunkedDocument, changes: TextDocumentContentChangeEvent[], version: number): ChunkedDocument {
    const entry = this.cache.get(document.uri);
    for (const change of changes) {
      if (entry?.changes && 'range' in change && entry.changes.length < MAX_PENDING_CHANGES) {
        const start = document.offsetAt(change.range.start);
        const end = document.offsetAt(change.range.end);
        entry.changes.push({ start: Math.min(start, end), end: Math.max(start, end), text: change.text });
      } else if (entry) {
        entry.changes = undefined;
      }
      document.update([change], version);
    }
    return document;
  }

  /**
   * How long bringing the document's analysis up to date should take: nothing when it is
   * current or edits can be replayed on it, else the document's size at the measured pace.
   */
  expectedAnalysisMs(document: ChunkedDocument): number {
    const cached = this.current(document);
    if (cached && (cached.version === document.version || (cached.changes && cached.editable.dump))) return 0;
    return document.text.length / this.charsPerMs;
  }

  analysis(document: ChunkedDocument): Analysis {
    return this.editable(document).analysis;
  }

  /** The cached entry, if made with the current settings. */
  private current(document: ChunkedDocument): Entry | undefined {
    const cached = this.cache.get(document.uri);
    return cached?.optionsKey === JSON.stringify(this.options(document)) ? cached : undefined;
  }

  private editable(document: ChunkedDocument): EditableAnalysis {
    const cached = this.current(document);
    if (cached && cached.version === document.version) return cached.editable;
    let editable: EditableAnalysis | undefined;
    if (cached?.changes) {
      editable = cached.editable;
      const changes = cached.changes;
      // Re-analysis takes the cached analysis over: whatever happens, it is no longer the cache.
      this.cache.delete(document.uri);
      try {
        // Each edit's text in chunks: no whole-document string is made for an edit inside a value.
        let text = editable.analysis.text instanceof ChunkedText ? editable.analysis.text : ChunkedText.of(editable.analysis.text.toString());
        for (const change of changes) {
          text = text.edit(change.start, change.end, change.text);
          editable = reanalyze(editable!, change, text);
        }
        if (text.length !== document.text.length) throw new Error('edits do not lead to the document');
      } catch {
        // The changes did not lead to the client's text, or a bug: nothing is lost but time.
        editable = undefined;
      }
    }
    if (!editable) {
      const started = performance.now();
      const text = document.getText();
      editable = analyzeForEditing(text, this.languageOf(document), this.options(document));
      const ms = performance.now() - started;
      if (text.length > 1_000_000 && ms > 0) this.charsPerMs = text.length / ms;
    }
    this.cache.set(document.uri, { version: document.version, optionsKey: JSON.stringify(editable.options), editable, changes: [] });
    return editable;
  }

  /** Readies the current analysis of a document for its first edit and hover (see prepareForEdits). */
  prepare(document: ChunkedDocument): void {
    const cached = this.current(document);
    if (cached?.version === document.version) prepareForEdits(cached.editable);
  }

  private options(document: ChunkedDocument): AnalyzeOptions {
    const settings = this.settings();
    const language = this.languageOf(document);
    return {
      domid: settings.domid,
      rules: { narrowingWarnings: settings.narrowingWarnings },
      disabledCodes: language === 'xenstore' ? settings.disabledRulesInDumps : [],
      maxDocumentSize: settings.maxDocumentSize,
      maxPcmDevices: settings.maxPcmDevices,
    };
  }

  get size(): number {
    return this.cache.size;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.languages.delete(uri);
  }
}

/**
 * Open documents and their analyses. An analysis is computed on demand for the current
 * version and cached, so a request after an edit never sees a stale result; diagnostics are
 * pushed after a short pause in typing, and only for the version they were computed for.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, Analysis } from '../service/analyze';
import { detectLanguage, SndifLanguage } from '../service/language';
import type { SndifSettings } from './settings';

interface Entry {
  version: number;
  analysis: Analysis;
}

export class DocumentStore {
  private readonly cache = new Map<string, Entry>();
  private readonly languages = new Map<string, SndifLanguage>();

  constructor(private settings: () => SndifSettings) {}

  /** The language is decided once per open document: by languageId, else by name and content. */
  languageOf(document: TextDocument): SndifLanguage {
    let language = this.languages.get(document.uri);
    if (!language) {
      language = detectLanguage({ languageId: document.languageId, fileName: decodeURIComponent(document.uri), text: document.getText() });
      this.languages.set(document.uri, language);
    }
    return language;
  }

  analysis(document: TextDocument): Analysis {
    const cached = this.cache.get(document.uri);
    if (cached && cached.version === document.version) return cached.analysis;
    const settings = this.settings();
    const language = this.languageOf(document);
    const analysis = analyze(document.getText(), language, {
      domid: settings.domid,
      rules: { narrowingWarnings: settings.narrowingWarnings },
      disabledCodes: language === 'xenstore' ? settings.disabledRulesInDumps : [],
      maxDocumentSize: settings.maxDocumentSize,
      maxPcmDevices: settings.maxPcmDevices,
    });
    this.cache.set(document.uri, { version: document.version, analysis });
    return analysis;
  }

  /** Settings changed: every analysis must be redone. */
  invalidate(): void {
    this.cache.clear();
  }

  get size(): number {
    return this.cache.size;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
    this.languages.delete(uri);
  }
}

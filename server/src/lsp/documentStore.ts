/**
 * Open documents and their analyses. Each document keeps its last analysis and the edits
 * made since, so that:
 * - an edit inside a value, or of whole lines below cards that stay, is replayed on the last
 *   analysis (service/incremental) whoever asks first;
 * - any other edit of a big document gets a whole analysis in slices (whenAnalysed), which
 *   requests do not queue behind: hover and completion answer from the last analysis mapped
 *   through the edits (stale), the rest wait without holding the thread, and a slice run
 *   whose text an edit has outdated stops;
 * - a small document is analysed at once, as that costs less than a slice.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver';
import { Analysis, analysisSteps, AnalyzeOptions, EditableAnalysis } from '../service/analyze';
import { prepareForEdits, reanalyzeQuickly, settleSteps, TextChange } from '../service/incremental';
import { detectLanguage, SndifLanguage } from '../service/language';
import type { SndifSettings } from './settings';
import { ChunkedDocument } from './chunkedDocument';
import { ChunkedText, TextSource } from '../text/chunkedText';
import { runSteps, runStepsFor } from '../text/steps';

interface Entry {
  /** The analysis options it was made with: settings that change them make it outdated. */
  readonly optionsKey: string;
  /** The last analysis, and its text in chunks (edits are replayed on it). */
  editable: EditableAnalysis;
  text: ChunkedText;
  /** Edits made since, in order; undefined after a whole-text replacement or too many. */
  changes: TextChange[] | undefined;
  /** How many edits were left when they were last tried as one (see readyInOneStep). */
  triedInOneStep?: number;
}

/**
 * One edit of the text the first of `changes` applies to, with the effect of all of them in
 * order; `result` is the text after the last.
 */
export function combineChanges(changes: readonly TextChange[], result: TextSource): TextChange {
  // The region replaced so far: [start, end) of the first text, [start, start + length) now.
  let { start, end } = changes[0];
  let length = changes[0].text.length;
  for (const c of changes.slice(1)) {
    const regionEnd = start + length;
    const unionEnd = Math.max(regionEnd, c.end);
    end = unionEnd - (length - (end - start));
    start = Math.min(start, c.start);
    length = unionEnd + c.text.length - (c.end - c.start) - start;
  }
  return { start, end, text: result.slice(start, start + length) };
}

/** A whole analysis in slices, for one version of a document. */
interface Run {
  readonly version: number;
  readonly optionsKey: string;
  readonly promise: Promise<Analysis | undefined>;
  /** Asked to stop: an edit or other settings made its result useless. */
  stopped: boolean;
  /** Called with the fraction done (0 to 1) after each slice. */
  readonly listeners: ((fraction: number) => void)[];
}

/** The last analysis of a document and how offsets of the current text map onto it. */
export interface StaleAnalysis {
  readonly analysis: Analysis;
  /** The offset in the analysed text of an offset of the current one; undefined inside edited text. */
  toAnalysed(offset: number): number | undefined;
  /** The offset in the current text of an offset of the analysed one. */
  toCurrent(offset: number): number;
}

/** Edits kept between two analyses; beyond this they are forgotten and requests wait. */
const MAX_PENDING_CHANGES = 1024;

/** Documents up to this size are analysed at once (a few milliseconds) rather than in slices. */
const ANALYSE_AT_ONCE_BELOW = 200_000;

/** How long one slice of a whole analysis holds the thread. */
const SLICE_MS = 12;

/** Moves an edited dump's nodes may owe before idle time brings them up to date (see tidy). */
const SETTLE_IN_IDLE_AFTER_MOVES = 16;

/**
 * How long one slice of that idle work holds the thread: short, as it runs between keystrokes
 * (after each push) and the next keystroke waits for the slice to end.
 */
const TIDY_SLICE_MS = 3;

/** Characters a whole analysis gets through per millisecond until one was measured here. */
const ASSUMED_CHARS_PER_MS = 5000;

/**
 * Resolves once the messages that arrived meanwhile were handled: setImmediate in Node (after
 * pending I/O), a message to itself in a browser worker (setTimeout there waits at least 4 ms
 * once nested, which a hundred slices would pay).
 */
function nextTurn(): Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => void }).setImmediate;
  if (immediate) return new Promise((resolve) => immediate(resolve));
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      // A Web Worker's MessagePort (Node's typings describe Node's own).
      const port = channel.port1 as unknown as { onmessage: (() => void) | null; close(): void };
      port.onmessage = () => {
        port.close();
        resolve();
      };
      channel.port2.postMessage(undefined);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class DocumentStore {
  private readonly cache = new Map<string, Entry>();
  private readonly runs = new Map<string, Run>();
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
   * offsets of the text it applied to. A slice run for an older version stops.
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
    this.stopRun(document.uri);
    return document;
  }

  /**
   * How long bringing the document's analysis up to date should take: nothing when it is
   * current or its edits can be replayed, else the document's size at the measured pace.
   */
  expectedAnalysisMs(document: ChunkedDocument): number {
    if (this.ready(document)) return 0;
    return document.text.length / this.charsPerMs;
  }

  /** The analysis of the document as it is now, made at once whatever it costs. */
  analysis(document: ChunkedDocument): Analysis {
    return this.ready(document) ?? this.analyseAtOnce(document);
  }

  /**
   * The analysis of the document as it is now if it costs no whole analysis: the cached one,
   * or the cached one with the edits since replayed (inside a value, or whole lines). Else undefined,
   * and the cached analysis holds as many edits as could be replayed.
   */
  ready(document: ChunkedDocument): Analysis | undefined {
    const entry = this.current(document);
    if (!entry?.changes) return undefined;
    while (entry.changes.length > 0) {
      const change = entry.changes[0];
      if (!this.replay(document, entry, change, entry.text.edit(change.start, change.end, change.text))) {
        return this.cache.get(document.uri) === entry ? this.readyInOneStep(document, entry) : undefined;
      }
      entry.changes.shift();
    }
    if (entry.text.length !== document.text.length) {
      // The edits did not lead to the client's text: nothing is lost but time.
      this.cache.delete(document.uri);
      return undefined;
    }
    return entry.editable.analysis;
  }

  /**
   * The edits left, taken as one: typing a new line passes through states no fast path reads
   * (half a key), but the line as a whole may be one reanalyzeLines takes. Tried once per
   * number of edits left, so that requests between two keystrokes do not try it again.
   */
  private readyInOneStep(document: ChunkedDocument, entry: Entry): Analysis | undefined {
    const changes = entry.changes!;
    if (changes.length < 2 || entry.triedInOneStep === changes.length) return undefined;
    entry.triedInOneStep = changes.length;
    const change = combineChanges(changes, document.text);
    if (entry.text.length - (change.end - change.start) + change.text.length !== document.text.length) return undefined;
    if (!this.replay(document, entry, change, document.text)) return undefined;
    entry.changes = [];
    return entry.editable.analysis;
  }

  /**
   * One edit replayed on the entry's analysis by a fast path (service/incremental); false when
   * none takes it. A bug in a fast path costs time, not the document: the entry is dropped.
   */
  private replay(document: ChunkedDocument, entry: Entry, change: TextChange, text: ChunkedText): boolean {
    let next: EditableAnalysis | undefined;
    try {
      next = reanalyzeQuickly(entry.editable, change, text);
    } catch {
      this.cache.delete(document.uri);
      return false;
    }
    if (!next) return false;
    entry.editable = next;
    entry.text = text;
    return true;
  }

  /**
   * The analysis of the document as it is now, without holding the thread for long: at once
   * when ready or small, else in slices. Undefined when an edit outdated it first.
   * `progress` hears the fraction done after each slice.
   */
  whenAnalysed(document: ChunkedDocument, progress?: (fraction: number) => void): Promise<Analysis | undefined> {
    const now = this.ready(document);
    if (now) return Promise.resolve(now);
    if (document.text.length < ANALYSE_AT_ONCE_BELOW) return Promise.resolve(this.analyseAtOnce(document));
    const optionsKey = JSON.stringify(this.options(document));
    let run = this.runs.get(document.uri);
    if (!run || run.version !== document.version || run.optionsKey !== optionsKey || run.stopped) {
      this.stopRun(document.uri);
      run = this.startRun(document, optionsKey);
    }
    if (progress) run.listeners.push(progress);
    return run.promise;
  }

  /**
   * The last analysis, with the offsets of the current text mapped onto it through the edits
   * since: for answering at once while a whole analysis is still to come. Undefined when
   * there is none or the edits were not kept.
   */
  stale(document: ChunkedDocument): StaleAnalysis | undefined {
    const entry = this.current(document);
    if (!entry?.changes) return undefined;
    const changes = entry.changes.slice();
    return {
      analysis: entry.editable.analysis,
      toAnalysed(offset: number): number | undefined {
        // Undo the edits, last first: an offset after an edit's new text moves back by its
        // length difference; one strictly inside the new text was not in the analysed text.
        for (let i = changes.length - 1; i >= 0; i--) {
          const c = changes[i];
          if (offset <= c.start) continue;
          if (offset < c.start + c.text.length) return undefined;
          offset -= c.text.length - (c.end - c.start);
        }
        return offset;
      },
      toCurrent(offset: number): number {
        // Redo the edits in order; an offset inside replaced text ends up after its replacement.
        for (const c of changes) {
          if (offset >= c.end) offset += c.text.length - (c.end - c.start);
          else if (offset > c.start) offset = c.start + c.text.length;
        }
        return offset;
      },
    };
  }

  /**
   * Idle work once the document's diagnostics are out: the nodes of an edited dump catch up
   * with the moves its edits recorded (service/incremental settleSteps), in slices; stops at
   * the next edit, which will come back here after its own push.
   */
  async tidy(document: ChunkedDocument): Promise<void> {
    const entry = this.current(document);
    if (!entry || entry.changes?.length !== 0) return;
    const steps = settleSteps(entry.editable.analysis, SETTLE_IN_IDLE_AFTER_MOVES);
    if (!steps) return;
    const version = document.version;
    for (;;) {
      await nextTurn();
      if (document.version !== version || this.cache.get(document.uri) !== entry) return;
      if (runStepsFor(steps, TIDY_SLICE_MS).done) return;
    }
  }

  get size(): number {
    return this.cache.size;
  }

  forget(uri: string): void {
    this.stopRun(uri);
    this.cache.delete(uri);
    this.languages.delete(uri);
  }

  /** The cached entry, if made with the current settings. */
  private current(document: ChunkedDocument): Entry | undefined {
    const cached = this.cache.get(document.uri);
    return cached?.optionsKey === JSON.stringify(this.options(document)) ? cached : undefined;
  }

  private analyseAtOnce(document: ChunkedDocument): Analysis {
    this.stopRun(document.uri);
    const started = performance.now();
    const text = document.getText();
    const options = this.options(document);
    const editable = runSteps(analysisSteps(text, this.languageOf(document), options));
    this.measured(text.length, performance.now() - started);
    this.remember(document, editable, JSON.stringify(options));
    return editable.analysis;
  }

  private startRun(document: ChunkedDocument, optionsKey: string): Run {
    const { uri, version } = document;
    const listeners: ((fraction: number) => void)[] = [];
    const slices = async (run: Omit<Run, 'promise'>): Promise<Analysis | undefined> => {
      // From the next turn on: the run is registered, its caller listening, and the answer of
      // the request that started it (if any) on its way.
      await nextTurn();
      if (run.stopped) return undefined;
      const text = document.getText();
      const steps = analysisSteps(text, this.languageOf(document), this.options(document));
      let busyMs = 0;
      for (;;) {
        const sliceStart = performance.now();
        const step = runStepsFor(steps, SLICE_MS);
        busyMs += performance.now() - sliceStart;
        if (step.done) {
          this.measured(text.length, busyMs);
          this.remember(document, step.value, optionsKey);
          // One more slice readies it for the first keystroke and hover, before anyone waits.
          await nextTurn();
          if (!run.stopped && document.version === version) {
            prepareForEdits(step.value);
            document.adoptLineStarts(step.value.analysis.lines);
          }
          if (this.runs.get(uri) === run) this.runs.delete(uri);
          return step.value.analysis;
        }
        for (const listen of listeners) listen(step.value);
        // Requests and edits that came in meanwhile are handled here.
        await nextTurn();
        if (run.stopped || document.version !== version) return undefined;
      }
    };
    const state = { version, optionsKey, listeners, stopped: false };
    const run: Run = Object.assign(state, { promise: slices(state) });
    this.runs.set(uri, run);
    return run;
  }

  private stopRun(uri: string): void {
    const run = this.runs.get(uri);
    if (!run) return;
    run.stopped = true;
    this.runs.delete(uri);
  }

  private remember(document: ChunkedDocument, editable: EditableAnalysis, optionsKey: string): void {
    const text = editable.analysis.text;
    this.cache.set(document.uri, {
      optionsKey, editable, changes: [],
      text: text instanceof ChunkedText ? text : ChunkedText.of(text.toString()),
    });
  }

  private measured(chars: number, ms: number): void {
    if (chars > 1_000_000 && ms > 0) this.charsPerMs = chars / ms;
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
}

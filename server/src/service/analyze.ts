/**
 * The whole pipeline for one document, protocol-free so the CLI, the language server and
 * tests share it: text → syntax tree → XenStore tree (through the libxl model for xl.cfg) →
 * resolved cards → findings.
 */
import { LineIndex } from '../text/lineIndex';
import type { TextSource } from '../text/chunkedText';
import { DEFAULTS } from '../tables/defaults';
import { parseXl } from '../syntax/xl/parser';
import type { XlFile } from '../syntax/xl/ast';
import { modelVsnd, VsndModel } from '../model/vsndItems';
import { writeCards, WrittenCards, WrittenKey } from '../model/libxl';
import { dumpCards } from '../model/dumpCards';
import { parseXenStoreDumpSteps, XsDump } from '../syntax/xenstore/parser';
import { runSteps } from '../text/steps';
import type { XsNode } from '../tree/xenstoreTree';
import { resolveCards, ResolvedCard } from '../resolver/resolve';
import type { Finding } from '../tables/rules';
import type { RuleOptions } from '../rules/context';
import { documentTooLarge, validateDump, validateXl } from '../rules/validate';
import { applySuppressions } from '../rules/suppression';
import type { SndifLanguage } from './language';
import type { MaxPcmDevices } from '../tables/sndif';
import { spanContains } from '../text/lineIndex';
import { CardFindings } from './cardFindings';

export interface AnalyzeOptions {
  /** Guest domain id for the libxl model (default 1). */
  readonly domid?: number;
  readonly backendDomid?: number;
  readonly rules?: Partial<RuleOptions>;
  /** Codes silenced for the whole document by the client's settings. */
  readonly disabledCodes?: readonly string[];
  /** Report everything, whatever `# sndif-disable` comments say (conformance tests). */
  readonly ignoreSuppressions?: boolean;
  /** SNDRV_PCM_DEVICES of the guest kernel: 8 (default) or 254 with CONFIG_SND_DYNAMIC_MINORS. */
  readonly maxPcmDevices?: MaxPcmDevices;
  /** Above this many characters only the syntax is checked (default 64 MB). */
  readonly maxDocumentSize?: number;
}

export interface XlAnalysis {
  readonly file: XlFile;
  readonly vsnd: VsndModel;
  readonly root: XsNode;
  readonly keys: WrittenKey[];
}

export interface Analysis {
  readonly language: SndifLanguage;
  /**
   * The analysed text. After an edit it may be the chunks of the open document (see
   * text/chunkedText): read it by slices; `toString()` makes the whole string.
   */
  readonly text: TextSource;
  readonly lines: LineIndex;
  readonly xl?: XlAnalysis;
  readonly dump?: XsDump;
  readonly cards: ResolvedCard[];
  /** Every finding, in document order, after suppressions. */
  readonly findings: Finding[];
}

export function analyze(text: string, language: SndifLanguage, options: AnalyzeOptions = {}): Analysis {
  return runSteps(analysisSteps(text, language, options, false)).analysis;
}

/**
 * What incremental re-analysis (service/incremental) keeps beside a dump's analysis: the
 * findings of each card apart, so an edit re-validates only the cards it touches.
 */
export interface DumpEditState {
  /** Before suppressions, aligned with `analysis.cards` (see service/cardFindings). */
  readonly cardFindings: CardFindings;
}

export interface EditableAnalysis {
  readonly analysis: Analysis;
  readonly options: AnalyzeOptions;
  /** Dumps analysed in full; undefined for xl.cfg and for documents above the size limit. */
  readonly dump?: DumpEditState;
}

export function analyzeForEditing(text: string, language: SndifLanguage, options: AnalyzeOptions = {}): EditableAnalysis {
  return runSteps(analysisSteps(text, language, options));
}

/** Cards resolved and validated between two pauses of analysisSteps. */
const CARDS_PER_STEP = 64;

/**
 * analyzeForEditing in steps: yields how far it got (0 to 1) now and then, so the language
 * server can answer requests during a long analysis and drop one whose text is outdated.
 * `forEditing` false (the CLI) skips what only incremental re-analysis reads.
 */
export function* analysisSteps(text: string, language: SndifLanguage, options: AnalyzeOptions = {}, forEditing = true): Generator<number, EditableAnalysis> {
  const lines = new LineIndex(text);
  const limit = options.maxDocumentSize ?? DEFAULTS.maxDocumentSize;
  const tooLarge = text.length > limit;
  if (language === 'xl') return { analysis: tooLarge ? xlSyntaxOnly(text, lines, limit) : analyzeXl(text, lines, options), options };
  // Reading the lines is most of the work: progress runs to 0.8 while parsing (to 1 when that is all).
  const share = tooLarge ? 1 : 0.8;
  // Only an analysis that will be edited needs the nodes in document order (service/incremental).
  const parsing = parseXenStoreDumpSteps(text, { keepCreationOrder: forEditing });
  let step = parsing.next();
  for (; !step.done; step = parsing.next()) yield text.length ? (share * step.value) / text.length : 0;
  const dump = step.value;
  // A document too large to resolve without freezing the editor: syntax errors only.
  if (tooLarge) return { analysis: { language, text, lines, cards: [], findings: [documentTooLarge(text.length, limit), ...dump.findings] }, options };
  const roots = dumpCards(dump);
  const cards: ResolvedCard[] = [];
  const cardFindings: Finding[][] = [];
  for (const root of roots) {
    const card = resolveCards([root], options)[0];
    cards.push(card);
    cardFindings.push(validateCard(card, text, options));
    if (cards.length % CARDS_PER_STEP === 0) yield 0.8 + (0.2 * cards.length) / roots.length;
  }
  const perCard = CardFindings.of(cardFindings);
  return { analysis: assembleDump(text, lines, dump, cards, perCard, options), options, dump: { cardFindings: perCard } };
}

/** The rule findings of one card of a dump (every dump rule looks at one card at a time). */
export function validateCard(card: ResolvedCard, text: TextSource, options: AnalyzeOptions): Finding[] {
  return validateDump({ cards: [card], sourceText: text, options: options.rules });
}

/** A dump's analysis from its parts: syntax findings and each card's, after suppressions. */
export function assembleDump(text: TextSource, lines: LineIndex, dump: XsDump, cards: ResolvedCard[], cardFindings: CardFindings, options: AnalyzeOptions): Analysis {
  return new DumpAnalysis(text, lines, dump, cards, cardFindings, options);
}

/**
 * A dump's analysis, whose findings are put together (cards' findings placed, suppressions
 * applied, sorted) when first read: a keystroke in a big dump is followed by a hover, which
 * asks only for the findings at one place (findingsAt), and the whole list is read when the
 * typing pauses and diagnostics go out.
 */
class DumpAnalysis implements Analysis {
  readonly language = 'xenstore';
  private assembled: Finding[] | undefined;

  constructor(
    readonly text: TextSource, readonly lines: LineIndex, readonly dump: XsDump, readonly cards: ResolvedCard[],
    private readonly cardFindings: CardFindings, private readonly options: AnalyzeOptions,
  ) {}

  get findings(): Finding[] {
    this.assembled ??= this.finish(this.dump.findings.concat(this.cardFindings.all()));
    return this.assembled;
  }

  /** What `findings.filter` keeps for `offset`, in the same order, without placing every finding. */
  findingsAt(offset: number): Finding[] {
    const contains = (f: Finding) => spanContains(f.span, offset);
    if (this.assembled) return this.assembled.filter(contains);
    // Suppressions judge each finding alone, and the stable sort keeps the order of any subset.
    return this.finish([...this.dump.findings.filter(contains), ...this.cardFindings.containing(offset)]).filter(contains);
  }

  private finish(findings: Finding[]): Finding[] {
    if (!this.options.ignoreSuppressions) findings = applySuppressions(findings, this.dump.comments, this.lines, this.options.disabledCodes ?? []);
    return sortFindings(findings);
  }
}

/** The findings of an analysis whose span contains `offset`, in document order. */
export function findingsAt(analysis: Analysis, offset: number): Finding[] {
  if (analysis instanceof DumpAnalysis) return analysis.findingsAt(offset);
  return analysis.findings.filter((f) => spanContains(f.span, offset));
}

function analyzeXl(text: string, lines: LineIndex, options: AnalyzeOptions): Analysis {
  const file = parseXl(text);
  const vsnd = modelVsnd(file);
  const written = writeCards(vsnd.cards, { domid: options.domid ?? DEFAULTS.domid, backendDomid: options.backendDomid ?? DEFAULTS.backendDomid });
  const cards = resolveCards(written.cards, options);
  const xl = new XlParts(file, vsnd, written);
  let findings = [...file.findings, ...vsnd.findings, ...validateXl(file, vsnd, written.unwritten, { cards, sourceText: text, options: options.rules })];
  if (!options.ignoreSuppressions) findings = applySuppressions(findings, file.comments, lines, options.disabledCodes ?? []);
  return { language: 'xl', text, lines, xl, cards, findings: sortFindings(findings) };
}

/** An xl.cfg's parts; the keys libxl writes are listed only when asked for. */
class XlParts implements XlAnalysis {
  constructor(readonly file: XlFile, readonly vsnd: VsndModel, private readonly written: WrittenCards) {}

  get root(): XsNode {
    return this.written.root;
  }

  get keys(): WrittenKey[] {
    return this.written.keys;
  }
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** An xl.cfg too large to resolve without freezing the editor: syntax errors only. */
function xlSyntaxOnly(text: string, lines: LineIndex, limit: number): Analysis {
  const file = parseXl(text);
  return { language: 'xl', text, lines, cards: [], findings: [documentTooLarge(text.length, limit), ...file.findings] };
}

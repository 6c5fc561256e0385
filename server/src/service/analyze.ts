/**
 * The whole pipeline for one document, protocol-free so the CLI, the language server and
 * tests share it: text → syntax tree → XenStore tree (through the libxl model for xl.cfg) →
 * resolved cards → findings.
 */
import { LineIndex } from '../text/lineIndex';
import { parseXl } from '../syntax/xl/parser';
import type { XlFile } from '../syntax/xl/ast';
import { modelVsnd, VsndModel } from '../model/vsndItems';
import { writeCards, WrittenKey } from '../model/libxl';
import { parseXenStoreDump, XsDump } from '../syntax/xenstore/parser';
import type { XsNode } from '../model/xenstoreTree';
import { resolveCards, ResolvedCard } from '../resolver/resolve';
import { finding, Finding, RULES } from '../rules/catalogue';
import { DEFAULT_RULE_OPTIONS, levelsOf, RuleOptions } from '../rules/context';
import { validateCards } from '../rules/validate';
import { duplicateSettingRules } from '../rules/validation/xlSettings';
import { applySuppressions } from './suppression';
import type { SndifLanguage } from './language';

export interface AnalyzeOptions {
  /** Guest domain id for the libxl model (default 1). */
  readonly domid?: number;
  readonly backendDomid?: number;
  readonly rules?: Partial<RuleOptions>;
  /** Codes silenced for the whole document by the client's settings. */
  readonly disabledCodes?: readonly string[];
  /** Report everything, whatever `# sndif-disable` comments say (conformance tests). */
  readonly ignoreSuppressions?: boolean;
  /** Above this many characters only the syntax is checked (default 64 MB). */
  readonly maxDocumentSize?: number;
}

export const DEFAULT_MAX_DOCUMENT_SIZE = 64 * 1024 * 1024;

export interface XlAnalysis {
  readonly file: XlFile;
  readonly vsnd: VsndModel;
  readonly root: XsNode;
  readonly keys: WrittenKey[];
}

export interface Analysis {
  readonly language: SndifLanguage;
  readonly text: string;
  readonly lines: LineIndex;
  readonly xl?: XlAnalysis;
  readonly dump?: XsDump;
  readonly cards: ResolvedCard[];
  /** Every finding, in document order, after suppressions. */
  readonly findings: Finding[];
}

export function analyze(text: string, language: SndifLanguage, options: AnalyzeOptions = {}): Analysis {
  return analyzeForEditing(text, language, options).analysis;
}

/**
 * What incremental re-analysis (service/incremental) keeps beside a dump's analysis: the
 * findings of each card apart, so an edit re-validates only the cards it touches.
 */
export interface DumpEditState {
  /** Before suppressions, aligned with `analysis.cards`. */
  readonly cardFindings: Finding[][];
}

export interface EditableAnalysis {
  readonly analysis: Analysis;
  readonly options: AnalyzeOptions;
  /** Dumps analysed in full; undefined for xl.cfg and for documents above the size limit. */
  readonly dump?: DumpEditState;
}

export function analyzeForEditing(text: string, language: SndifLanguage, options: AnalyzeOptions = {}): EditableAnalysis {
  const lines = new LineIndex(text);
  const limit = options.maxDocumentSize ?? DEFAULT_MAX_DOCUMENT_SIZE;
  if (text.length > limit) return { analysis: syntaxOnly(text, language, lines, limit), options };
  if (language === 'xl') return { analysis: analyzeXl(text, lines, options), options };
  const dump = parseXenStoreDump(text);
  const cards = resolveCards(dump.cards);
  const cardFindings = cards.map((card) => validateCard(card, text, dump, options));
  return { analysis: assembleDump(text, lines, dump, cards, cardFindings, options), options, dump: { cardFindings } };
}

/** The resolver-level findings of one card of a dump (rules look at one card at a time). */
export function validateCard(card: ResolvedCard, text: string, dump: XsDump, options: AnalyzeOptions): Finding[] {
  const cards = [card];
  return validateCards({ language: 'xenstore', cards, dump, options: { ...DEFAULT_RULE_OPTIONS, ...options.rules }, sourceText: text, levels: levelsOf(cards) });
}

/** A dump's analysis from its parts: syntax findings and each card's, after suppressions. */
export function assembleDump(text: string, lines: LineIndex, dump: XsDump, cards: ResolvedCard[], cardFindings: readonly Finding[][], options: AnalyzeOptions): Analysis {
  let findings = dump.findings.concat(...cardFindings);
  if (!options.ignoreSuppressions) findings = applySuppressions(findings, dump.comments, lines, options.disabledCodes ?? []);
  return { language: 'xenstore', text, lines, dump, cards, findings: sortFindings(findings) };
}

function analyzeXl(text: string, lines: LineIndex, options: AnalyzeOptions): Analysis {
  const rules = { ...DEFAULT_RULE_OPTIONS, ...options.rules };
  const file = parseXl(text);
  const vsnd = modelVsnd(file);
  const written = writeCards(vsnd.cards, { domid: options.domid ?? 1, backendDomid: options.backendDomid ?? 0 });
  const cards = resolveCards(written.cards);
  const xl = { file, vsnd, root: written.root, keys: written.keys };
  const rejectedTypes = vsnd.findings.filter((f) => f.rule.code === 'vsnd-invalid-stream-type');
  // xl stops at an invalid type before the guest could miss it: report only xl's error.
  const resolverFindings = validateCards({ language: 'xl', cards, options: rules, sourceText: text, levels: levelsOf(cards) })
    .filter((f) => f.rule.code !== 'stream-type-missing' || !rejectedTypes.some((r) => r.span.start >= f.span.start && r.span.end <= f.span.end));
  let findings = [...file.findings, ...duplicateSettingRules(file), ...vsnd.findings, ...resolverFindings];
  if (!options.ignoreSuppressions) findings = applySuppressions(findings, file.comments, lines, options.disabledCodes ?? []);
  return { language: 'xl', text, lines, xl, cards, findings: sortFindings(findings) };
}

function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}

/** A document too large to resolve without freezing the editor: syntax errors only. */
function syntaxOnly(text: string, language: SndifLanguage, lines: LineIndex, limit: number): Analysis {
  const note = finding(RULES.documentTooLarge, { start: 0, end: 0 },
    `This document has ${(text.length / 1048576).toFixed(1)} MB, above the ${(limit / 1048576).toFixed(0)} MB limit (setting sndif.maxDocumentSize): only its syntax is checked`);
  if (language === 'xl') {
    const file = parseXl(text);
    return { language, text, lines, cards: [], findings: [note, ...file.findings] };
  }
  const dump = parseXenStoreDump(text);
  return { language, text, lines, cards: [], findings: [note, ...dump.findings] };
}

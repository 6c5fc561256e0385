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
import { explained, finding, Finding, RULES } from '../rules/catalogue';
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
  const lines = new LineIndex(text);
  const limit = options.maxDocumentSize ?? DEFAULT_MAX_DOCUMENT_SIZE;
  if (text.length > limit) return syntaxOnly(text, language, lines, limit);
  const rules = { ...DEFAULT_RULE_OPTIONS, ...options.rules };
  let findings: Finding[];
  let cards: ResolvedCard[];
  let xl: XlAnalysis | undefined;
  let dump: XsDump | undefined;
  if (language === 'xl') {
    const file = parseXl(text);
    const vsnd = modelVsnd(file);
    const written = writeCards(vsnd.cards, { domid: options.domid ?? 1, backendDomid: options.backendDomid ?? 0 });
    cards = resolveCards(written.cards);
    xl = { file, vsnd, root: written.root, keys: written.keys };
    const rejectedTypes = vsnd.findings.filter((f) => f.rule.code === 'vsnd-invalid-stream-type');
    // xl stops at an invalid type before the guest could miss it: report only xl's error.
    const resolverFindings = validateCards({ language, cards, options: rules, sourceText: text, levels: levelsOf(cards) })
      .filter((f) => f.rule.code !== 'stream-type-missing' || !rejectedTypes.some((r) => r.span.start >= f.span.start && r.span.end <= f.span.end));
    findings = [...file.findings, ...duplicateSettingRules(file), ...vsnd.findings, ...resolverFindings];
  } else {
    dump = parseXenStoreDump(text);
    cards = resolveCards(dump.cards);
    findings = [...dump.findings, ...validateCards({ language, cards, dump, options: rules, sourceText: text, levels: levelsOf(cards) })];
  }
  const comments = xl ? xl.file.comments : dump!.comments;
  if (!options.ignoreSuppressions) findings = applySuppressions(findings, comments, lines, options.disabledCodes ?? []);
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { language, text, lines, xl, dump, cards, findings };
}

/** A document too large to resolve without freezing the editor: syntax errors only. */
function syntaxOnly(text: string, language: SndifLanguage, lines: LineIndex, limit: number): Analysis {
  const note = finding(RULES.documentTooLarge, { start: 0, end: 0 },
    explained(`Document too large (${(text.length / 1048576).toFixed(1)} MB): only its syntax is checked`,
      `The limit is ${(limit / 1048576).toFixed(0)} MB (setting sndif.maxDocumentSize).`));
  if (language === 'xl') {
    const file = parseXl(text);
    return { language, text, lines, cards: [], findings: [note, ...file.findings] };
  }
  const dump = parseXenStoreDump(text);
  return { language, text, lines, cards: [], findings: [note, ...dump.findings] };
}

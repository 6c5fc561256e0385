/**
 * The whole pipeline for one document, protocol-free so the CLI, the language server and
 * tests share it: text → syntax tree → XenStore tree (through the libxl model for xl.cfg) →
 * resolved cards → findings.
 */
import { LineIndex } from '../text/lineIndex';
import { DEFAULTS } from '../tables/defaults';
import { parseXl } from '../syntax/xl/parser';
import type { XlFile } from '../syntax/xl/ast';
import { modelVsnd, VsndModel } from '../model/vsndItems';
import { writeCards, WrittenKey } from '../model/libxl';
import { dumpCards } from '../model/dumpCards';
import { parseXenStoreDump, XsDump } from '../syntax/xenstore/parser';
import type { XsNode } from '../tree/xenstoreTree';
import { resolveCards, ResolvedCard } from '../resolver/resolve';
import type { Finding } from '../tables/rules';
import type { RuleOptions } from '../rules/context';
import { documentTooLarge, validateDump, validateXl } from '../rules/validate';
import { applySuppressions } from '../rules/suppression';
import type { SndifLanguage } from './language';
import type { MaxPcmDevices } from '../tables/sndif';

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
  const limit = options.maxDocumentSize ?? DEFAULTS.maxDocumentSize;
  if (text.length > limit) return syntaxOnly(text, language, lines, limit);
  let findings: Finding[];
  let cards: ResolvedCard[];
  let xl: XlAnalysis | undefined;
  let dump: XsDump | undefined;
  if (language === 'xl') {
    const file = parseXl(text);
    const vsnd = modelVsnd(file);
    const written = writeCards(vsnd.cards, { domid: options.domid ?? DEFAULTS.domid, backendDomid: options.backendDomid ?? DEFAULTS.backendDomid });
    cards = resolveCards(written.cards, options);
    xl = { file, vsnd, root: written.root, keys: written.keys };
    findings = [...file.findings, ...vsnd.findings, ...validateXl(file, vsnd, written.unwritten, { cards, sourceText: text, options: options.rules })];
  } else {
    dump = parseXenStoreDump(text);
    cards = resolveCards(dumpCards(dump), options);
    findings = [...dump.findings, ...validateDump({ cards, sourceText: text, options: options.rules })];
  }
  const comments = xl ? xl.file.comments : dump!.comments;
  if (!options.ignoreSuppressions) findings = applySuppressions(findings, comments, lines, options.disabledCodes ?? []);
  findings.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  return { language, text, lines, xl, dump, cards, findings };
}

/** A document too large to resolve without freezing the editor: syntax errors only. */
function syntaxOnly(text: string, language: SndifLanguage, lines: LineIndex, limit: number): Analysis {
  const note = documentTooLarge(text.length, limit);
  if (language === 'xl') {
    const file = parseXl(text);
    return { language, text, lines, cards: [], findings: [note, ...file.findings] };
  }
  const dump = parseXenStoreDump(text);
  return { language, text, lines, cards: [], findings: [note, ...dump.findings] };
}

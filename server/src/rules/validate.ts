/**
 * The rule registry: every rule group beyond the parsers' and the vsnd model's own findings,
 * in a fixed order, and which of them run on which language. analyze() asks only this file.
 */
import type { Finding } from '../tables/rules';
import type { XlFile } from '../syntax/xl/ast';
import type { VsndModel } from '../model/vsndItems';
import type { ResolvedCard } from '../resolver/resolve';
import { DEFAULT_RULE_OPTIONS, levelsOf, RuleContext, RuleOptions } from './context';
import { probeRules } from './validation/probe';
import { rateAndFormatRules } from './validation/ratesFormats';
import { kernelNumberRules } from './validation/numbers';
import { limitRules } from './validation/limits';
import { widensParentRules } from './validation/widensParent';
import { uniqueIdRules } from './validation/uniqueIds';
import { unknownKeyRules } from './validation/unknownKeys';
import { duplicateSettingRules } from './validation/xlSettings';
export { documentTooLarge } from './validation/documentSize';

/** Rules over the resolved cards: the same for both languages. */
const RESOLVER_RULES: ((ctx: RuleContext) => Finding[])[] = [
  probeRules,
  rateAndFormatRules,
  kernelNumberRules,
  limitRules,
  widensParentRules,
  uniqueIdRules,
  unknownKeyRules,
];

/** What the resolver-level rules need of a document. */
export interface CardsInput {
  readonly cards: ResolvedCard[];
  /** The document, for fixes that move text around. */
  readonly sourceText: string;
  readonly options?: Partial<RuleOptions>;
}

function validateCards(language: RuleContext['language'], input: CardsInput): Finding[] {
  const { cards, sourceText } = input;
  const ctx: RuleContext = { language, cards, options: { ...DEFAULT_RULE_OPTIONS, ...input.options }, sourceText, levels: levelsOf(cards) };
  return RESOLVER_RULES.flatMap((rule) => rule(ctx));
}

/** The rules of an xl.cfg: its settings, then the cards xl would write. */
export function validateXl(file: XlFile, vsnd: VsndModel, input: CardsInput): Finding[] {
  const rejectedTypes = vsnd.findings.filter((f) => f.rule.code === 'vsnd-invalid-stream-type');
  // xl stops at an invalid type before the guest could miss it: report only xl's error.
  const resolverFindings = validateCards('xl', input)
    .filter((f) => f.rule.code !== 'stream-type-missing' || !rejectedTypes.some((r) => r.span.start >= f.span.start && r.span.end <= f.span.end));
  return [...duplicateSettingRules(file), ...resolverFindings];
}

/** The rules of a XenStore dump: its cards as the frontend reads them. */
export function validateDump(input: CardsInput): Finding[] {
  return validateCards('xenstore', input);
}

/**
 * The rule registry: every rule group beyond the parsers' and the vsnd model's own findings,
 * in a fixed order, and which of them run on which language. analyze() asks only this file.
 */
import { Finding, RULES } from '../tables/rules';
import type { Span } from '../text/lineIndex';
import type { TextSource } from '../text/chunkedText';
import type { UnwrittenItem } from '../model/libxl';
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
import { unwrittenItemRules } from './validation/unwrittenItems';
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
  readonly sourceText: TextSource;
  readonly options?: Partial<RuleOptions>;
}

function validateCards(language: RuleContext['language'], input: CardsInput): Finding[] {
  const { cards, sourceText } = input;
  const ctx: RuleContext = { language, cards, options: { ...DEFAULT_RULE_OPTIONS, ...input.options }, sourceText, levels: levelsOf(cards) };
  return RESOLVER_RULES.flatMap((rule) => rule(ctx));
}

/** The rules of an xl.cfg: its settings, then the cards xl would write and the items that wrote nothing. */
export function validateXl(file: XlFile, vsnd: VsndModel, unwritten: readonly UnwrittenItem[], input: CardsInput): Finding[] {
  const rejected = vsnd.findings.filter((f) => f.rule.enforcer === 'xl' && f.rule.severity === 'error').map((f) => f.span);
  const resolverFindings = [
    ...validateCards('xl', input),
    ...unwrittenItemRules(unwritten, vsnd.cards, input.cards, rejected),
  ].filter((f) => !leftUnwrittenByXlError(f, vsnd, rejected));
  return [...duplicateSettingRules(file), ...resolverFindings];
}

/**
 * xl stops at an error inside an item before the guest could miss what it leaves unwritten:
 * a stream without type or a card without device because of it is xl's error alone.
 */
function leftUnwrittenByXlError(f: Finding, vsnd: VsndModel, rejected: readonly Span[]): boolean {
  const within = (from: number, to: number) => rejected.some((r) => r.start >= from && r.end <= to);
  if (f.rule.code === RULES.streamTypeMissing.code) return within(f.span.start, f.span.end);
  if (f.rule.code !== RULES.cardNoDevice.code) return false;
  const card = vsnd.cards.find((c) => c.span.start === f.span.start && c.span.end === f.span.end);
  return card !== undefined && card.pcms.length > 0 && within(card.pcms[0].span.start, card.span.end);
}

/** The rules of a XenStore dump: its cards as the frontend reads them. */
export function validateDump(input: CardsInput): Finding[] {
  return validateCards('xenstore', input);
}

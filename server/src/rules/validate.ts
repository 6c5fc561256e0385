/** All resolver-level rules, in a fixed order, over the cards of either language. */
import type { Finding } from '../tables/rules';
import type { RuleContext } from './context';
import { probeRules } from './validation/probe';
import { rateAndFormatRules } from './validation/ratesFormats';
import { kernelNumberRules } from './validation/numbers';
import { limitRules } from './validation/limits';
import { widensParentRules } from './validation/widensParent';
import { uniqueIdRules } from './validation/uniqueIds';
import { unknownKeyRules } from './validation/unknownKeys';

const RESOLVER_RULES: ((ctx: RuleContext) => Finding[])[] = [
  probeRules,
  rateAndFormatRules,
  kernelNumberRules,
  limitRules,
  widensParentRules,
  uniqueIdRules,
  unknownKeyRules,
];

export function validateCards(ctx: RuleContext): Finding[] {
  return RESOLVER_RULES.flatMap((rule) => rule(ctx));
}

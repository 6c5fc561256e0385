/** Numbers as the kernel reads them (%u): what a dump's channels and buffer-size really mean. */
import { explained, finding, Finding, replaceFix, RULES } from '../../tables/rules';
import { LevelVisit, RuleContext, valueSpan } from '../context';
import { capitalize, quote } from '../../text/words';
import type { NumberRead } from '../../resolver/hw';
import { displayBytes } from '../../tree/xenstoreTree';

export function kernelNumberRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const visit of ctx.levels) {
    const r = visit.resolved.reads;
    check(r.channelsMin, 'channels-min', visit, out);
    check(r.channelsMax, 'channels-max', visit, out);
    check(r.bufferSize, 'buffer-size', visit, out);
  }
  return out;
}

function check(read: NumberRead | undefined, key: string, visit: LevelVisit, out: Finding[]): void {
  // A number the dump cut (`\...`) is not known: the guest reads more digits or text than shown.
  if (!read || read.node.value?.truncated) return;
  const text = read.node.valueText!;
  const span = valueSpan(read.node);
  const res = read.result;
  // Most values read cleanly (a hexadecimal one has junk after its 0): the sentences are built only for a finding.
  if (!res.signed && res.converted && !res.overflow && !res.junk && res.value !== 0) return;
  const unset = `${capitalize(visit.label)} keeps the inherited ${key}.`;
  const shown = quote(displayBytes(text), 16);
  if (res.signed) {
    out.push(finding(RULES.numberNegative, span, explained(`Number ${shown} has a sign, so the guest ignores it: drop the sign`, `The kernel's %u takes no sign and reads nothing. ${unset}`)));
  } else if (!res.converted) {
    out.push(finding(RULES.numberJunk, span, explained(`${shown} is not a number, so the guest ignores it: write a decimal number`, `The kernel reads nothing. ${unset}`)));
  } else if (/^\s*0[xX]/.test(text)) {
    out.push(finding(RULES.numberBase, span, explained(`Hexadecimal ${shown} reads as 0, so the guest ignores it: write it in decimal`, `The kernel reads decimal only and stops at "x". ${unset}`)));
  } else if (res.overflow) {
    out.push(finding(RULES.numberOverflow, span, explained(`Number ${shown} does not fit in 32 bits: the guest reads ${res.value}`, res.value === 0 ? unset : 'The kernel keeps the low 32 bits.')));
  } else if (res.junk) {
    out.push(finding(RULES.numberJunk, span, `Number ${shown} has junk after it: the kernel reads ${res.value}`, replaceFix(`Change to ${res.value}`, span, String(res.value), true)));
  } else if (res.value === 0) {
    out.push(finding(RULES.numberZero, span, explained('0 means "not set": the inherited value stays', unset)));
  }
}

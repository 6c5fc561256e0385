/** Numbers as the kernel reads them (%u): what a dump's channels and buffer-size really mean. */
import { finding, Finding, replaceFix, RULES } from '../../tables/rules';
import { RuleContext, valueSpan } from '../context';
import type { NumberRead } from '../../resolver/hw';

export function kernelNumberRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const { resolved, label } of ctx.levels) {
    const r = resolved.reads;
    check(r.channelsMin, 'channels-min', label, out);
    check(r.channelsMax, 'channels-max', label, out);
    check(r.bufferSize, 'buffer-size', label, out);
  }
  return out;
}

function check(read: NumberRead | undefined, key: string, label: string, out: Finding[]): void {
  if (!read) return;
  const text = read.node.value!.text;
  const span = valueSpan(read.node);
  const res = read.result;
  const unset = `so ${label} keeps the inherited ${key}`;
  if (res.signed) {
    out.push(finding(RULES.numberNegative, span, `"${text}": the kernel's %u takes no sign and reads nothing, ${unset}`));
  } else if (!res.converted) {
    out.push(finding(RULES.numberJunk, span, `"${text}" is not a number for the kernel, ${unset}`));
  } else if (/^\s*0[xX]/.test(text)) {
    out.push(finding(RULES.numberBase, span, `"${text}": the kernel reads decimal only and stops at "x", reading 0, ${unset}`));
  } else if (res.overflow) {
    out.push(finding(RULES.numberOverflow, span, `"${text}" does not fit in 32 bits: the kernel keeps ${res.value}${res.value === 0 ? `, ${unset}` : ''}`));
  } else if (res.junk) {
    out.push(finding(RULES.numberJunk, span, `"${text}": the kernel reads ${res.value} and ignores the rest`, replaceFix(`Change to ${res.value}`, span, String(res.value), true)));
  } else if (res.value === 0) {
    out.push(finding(RULES.numberZero, span, `0 means "not set", ${unset}`));
  }
}

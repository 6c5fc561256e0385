/**
 * xl.cfg(5): "the underlying layer must be a subset of the upper layer range". The kernel does
 * not check it (a level's values simply replace the inherited ones), so this is a warning that
 * can be switched off.
 */
import { finding, Finding, RULES } from '../../tables/rules';
import { levelName, RuleContext, valueSpan } from '../context';

export function widensParentRules(ctx: RuleContext): Finding[] {
  if (!ctx.options.narrowingWarnings) return [];
  const out: Finding[] = [];
  for (const { level, resolved, parent, label } of ctx.levels) {
    if (!parent) continue;
    const hw = resolved.hw;
    const up = parent.hw;
    const parentName = levelName(level === 'stream' ? 'device' : 'card');
    const r = resolved.reads;
    if (r.rates?.applied && !up.continuous) {
      const extra = hw.rates.filter((x) => !up.rates.includes(x));
      if (extra.length) out.push(finding(RULES.widensParent, valueSpan(r.rates.node),
        `${label} adds rate${extra.length > 1 ? 's' : ''} ${extra.join(', ')} that its ${parentName} does not list; the kernel allows it, the man page says a lower level must narrow`));
    } else if (r.rates?.applied && up.continuous && (hw.rateMin < up.rateMin || hw.rateMax > up.rateMax)) {
      out.push(finding(RULES.widensParent, valueSpan(r.rates.node),
        `${label} allows rates outside its ${parentName}'s ${up.rateMin}–${up.rateMax} Hz; the kernel allows it, the man page says a lower level must narrow`));
    }
    if (r.formats?.applied) {
      const extra = hw.formats.filter((f) => !up.formats.includes(f));
      if (extra.length) out.push(finding(RULES.widensParent, valueSpan(r.formats.node),
        `${label} adds format${extra.length > 1 ? 's' : ''} ${extra.join(', ')} that its ${parentName} does not list; the kernel allows it, the man page says a lower level must narrow`));
    }
    if (r.channelsMin && r.channelsMin.result.value !== 0 && hw.channelsMin < up.channelsMin) {
      out.push(finding(RULES.widensParent, valueSpan(r.channelsMin.node),
        `channels-min ${hw.channelsMin} is below its ${parentName}'s ${up.channelsMin}; the kernel allows it, the man page says a lower level must narrow`));
    }
    if (r.channelsMax && r.channelsMax.result.value !== 0 && hw.channelsMax > up.channelsMax) {
      out.push(finding(RULES.widensParent, valueSpan(r.channelsMax.node),
        `channels-max ${hw.channelsMax} is above its ${parentName}'s ${up.channelsMax}; the kernel allows it, the man page says a lower level must narrow`));
    }
    if (r.bufferSize && r.bufferSize.result.value !== 0 && hw.bufferBytesMax > up.bufferBytesMax) {
      out.push(finding(RULES.widensParent, valueSpan(r.bufferSize.node),
        `buffer-size ${hw.bufferBytesMax} is above its ${parentName}'s ${up.bufferBytesMax}; the kernel allows it, the man page says a lower level must narrow`));
    }
  }
  return out;
}

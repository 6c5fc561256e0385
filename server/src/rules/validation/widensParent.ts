/**
 * xl.cfg(5): "the underlying layer must be a subset of the upper layer range". The kernel does
 * not check it (a level's values simply replace the inherited ones), so this is a warning that
 * can be switched off.
 */
import { finding, Finding, RULES } from '../../tables/rules';
import { levelName, RuleContext, valueSpan } from '../context';
import type { Provenance } from '../../resolver/hw';

export function widensParentRules(ctx: RuleContext): Finding[] {
  if (!ctx.options.narrowingWarnings) return [];
  const out: Finding[] = [];
  for (const { level, resolved, parent, label } of ctx.levels) {
    if (!parent) continue;
    const hw = resolved.hw;
    const up = parent.hw;
    const parentLevel = level === 'stream' ? 'device' : 'card';
    const parentName = levelName(parentLevel);
    // Where the parent's value comes from, when the parent does not set it itself.
    const from = (p: Provenance) => p.level === parentLevel ? ''
      : p.level === 'default' ? " (the frontend's default)" : ` (inherited from the ${levelName(p.level)})`;
    const narrow = '; the kernel allows it, the man page says a lower level must narrow';
    const r = resolved.reads;
    if (r.rates?.applied && !up.continuous) {
      const extra = hw.rates.filter((x) => !up.rates.includes(x));
      const rates = `rate${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`;
      if (extra.length) out.push(finding(RULES.widensParent, valueSpan(r.rates.node), parent.source.rates.level === parentLevel
        ? `${label} adds ${rates} that its ${parentName} does not list${narrow}`
        : `${label} adds ${rates} beyond its ${parentName}'s rates${from(parent.source.rates)}${narrow}`));
    } else if (r.rates?.applied && up.continuous && (hw.rateMin < up.rateMin || hw.rateMax > up.rateMax)) {
      out.push(finding(RULES.widensParent, valueSpan(r.rates.node),
        `${label} allows rates outside its ${parentName}'s ${up.rateMin}–${up.rateMax} Hz${from(parent.source.rates)}${narrow}`));
    }
    if (r.formats?.applied) {
      const extra = hw.formats.filter((f) => !up.formats.includes(f));
      const formats = `format${extra.length > 1 ? 's' : ''} ${extra.join(', ')}`;
      if (extra.length) out.push(finding(RULES.widensParent, valueSpan(r.formats.node), parent.source.formats.level === parentLevel
        ? `${label} adds ${formats} that its ${parentName} does not list${narrow}`
        : `${label} adds ${formats} beyond its ${parentName}'s formats${from(parent.source.formats)}${narrow}`));
    }
    if (r.channelsMin && r.channelsMin.result.value !== 0 && hw.channelsMin < up.channelsMin) {
      out.push(finding(RULES.widensParent, valueSpan(r.channelsMin.node),
        `channels-min ${hw.channelsMin} is below its ${parentName}'s ${up.channelsMin}${from(parent.source.channelsMin)}${narrow}`));
    }
    if (r.channelsMax && r.channelsMax.result.value !== 0 && hw.channelsMax > up.channelsMax) {
      out.push(finding(RULES.widensParent, valueSpan(r.channelsMax.node),
        `channels-max ${hw.channelsMax} is above its ${parentName}'s ${up.channelsMax}${from(parent.source.channelsMax)}${narrow}`));
    }
    if (r.bufferSize && r.bufferSize.result.value !== 0 && hw.bufferBytesMax > up.bufferBytesMax) {
      out.push(finding(RULES.widensParent, valueSpan(r.bufferSize.node),
        `buffer-size ${hw.bufferBytesMax} is above its ${parentName}'s ${up.bufferBytesMax}${from(parent.source.bufferBytes)}${narrow}`));
    }
  }
  return out;
}

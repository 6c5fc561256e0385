/**
 * xl.cfg(5): "the underlying layer must be a subset of the upper layer range". The kernel does
 * not check it (a level's values simply replace the inherited ones), so this is a warning that
 * can be switched off.
 */
import { explained, finding, Finding, RULES } from '../../tables/rules';
import { RuleContext, valueSpan } from '../context';
import { capitalize } from '../../text/words';

export function widensParentRules(ctx: RuleContext): Finding[] {
  if (!ctx.options.narrowingWarnings) return [];
  const out: Finding[] = [];
  for (const { level, resolved, parent, label } of ctx.levels) {
    if (!parent) continue;
    const hw = resolved.hw;
    const up = parent.hw;
    const parentName = level === 'stream' ? 'PCM' : 'card';
    const why = (what: string) => explained(what, `${capitalize(label)}: the Linux frontend accepts it, but xl.cfg(5) says a lower level must narrow its parent's range (setting sndif.narrowingWarnings).`);
    const r = resolved.reads;
    if (r.rates?.applied && !up.continuous) {
      const extra = hw.rates.filter((x) => !up.rates.includes(x));
      if (extra.length) out.push(finding(RULES.widensParent, valueSpan(r.rates.node),
        why(`Rate${extra.length > 1 ? 's' : ''} ${few(extra)} not in its ${parentName}'s list: add ${extra.length > 1 ? 'them' : 'it'} there or remove ${extra.length > 1 ? 'them' : 'it'}`)));
    } else if (r.rates?.applied && up.continuous && (hw.rateMin < up.rateMin || hw.rateMax > up.rateMax)) {
      out.push(finding(RULES.widensParent, valueSpan(r.rates.node),
        why(`Rates outside its ${parentName}'s ${up.rateMin}–${up.rateMax} Hz: narrow them or widen the ${parentName}'s`)));
    }
    if (r.formats?.applied) {
      const extra = hw.formats.filter((f) => !up.formats.includes(f));
      if (extra.length) out.push(finding(RULES.widensParent, valueSpan(r.formats.node),
        why(`Format${extra.length > 1 ? 's' : ''} ${few(extra)} not in its ${parentName}'s list: add ${extra.length > 1 ? 'them' : 'it'} there or remove ${extra.length > 1 ? 'them' : 'it'}`)));
    }
    if (r.channelsMin && r.channelsMin.result.value !== 0 && hw.channelsMin < up.channelsMin) {
      out.push(finding(RULES.widensParent, valueSpan(r.channelsMin.node),
        why(`Minimum channels ${hw.channelsMin} below its ${parentName}'s ${up.channelsMin}: raise it or lower the ${parentName}'s`)));
    }
    if (r.channelsMax && r.channelsMax.result.value !== 0 && hw.channelsMax > up.channelsMax) {
      out.push(finding(RULES.widensParent, valueSpan(r.channelsMax.node),
        why(`Maximum channels ${hw.channelsMax} above its ${parentName}'s ${up.channelsMax}: lower it or raise the ${parentName}'s`)));
    }
    if (r.bufferSize && r.bufferSize.result.value !== 0 && hw.bufferBytesMax > up.bufferBytesMax) {
      out.push(finding(RULES.widensParent, valueSpan(r.bufferSize.node),
        why(`Buffer ${hw.bufferBytesMax} bytes above its ${parentName}'s ${up.bufferBytesMax}: lower it or raise the ${parentName}'s`)));
    }
  }
  return out;
}

/** At most three values, so the sentence stays short: `96000, 192000`, `s8, u8, s24_le …`. */
function few(values: readonly (string | number)[]): string {
  return values.length <= 3 ? values.join(', ') : `${values.slice(0, 3).join(', ')} …`;
}

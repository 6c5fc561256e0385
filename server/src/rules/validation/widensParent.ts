/**
 * xl.cfg(5): "the underlying layer must be a subset of the upper layer range". The kernel does
 * not check it (a level's values simply replace the inherited ones), so this is a warning that
 * can be switched off.
 */
import { explained, finding, Finding, RULES } from '../../tables/rules';
import { RuleContext, valueSpan } from '../context';
import { capitalize } from '../../text/words';
import { levelWord } from '../../resolver/names';
import type { Provenance } from '../../resolver/hw';
import type { XsNode } from '../../tree/xenstoreTree';

export function widensParentRules(ctx: RuleContext): Finding[] {
  if (!ctx.options.narrowingWarnings) return [];
  const out: Finding[] = [];
  for (const visit of ctx.levels) {
    const { level, resolved, parent } = visit;
    if (!parent) continue;
    const hw = resolved.hw;
    const up = parent.hw;
    const parentLevel = level === 'stream' ? 'device' : 'card';
    const parentName = levelWord(parentLevel);
    // Where the parent's value comes from when the parent does not set it itself: the fix is then
    // at the level that does (or in this value), not in a list the parent never wrote.
    const from = (p: Provenance) => p.level === parentLevel ? ''
      : p.level === 'default' ? " (the frontend's default)" : ` (inherited from the ${levelWord(p.level)})`;
    // The short message says what and where from; the detail keeps every value and the rule's why.
    const say = (what: string | ((shown: number) => string), p: Provenance, action: string, full: string) => explained(
      short(what, (text) => `${text}${from(p)}: ${action}`),
      `${capitalize(visit.label)} ${full}${from(p)}. The Linux frontend accepts it, but xl.cfg(5) says a lower level must narrow its parent's range (setting sndif.narrowingWarnings).`);
    const them = (n: number) => n > 1 ? 'them' : 'it';
    const r = resolved.reads;
    const src = parent.source;
    // A list (rates, formats) with values the parent's list lacks: the fix depends on whether
    // the parent wrote that list itself.
    const listWidens = (noun: 'rate' | 'format', extra: readonly (string | number)[], node: XsNode, source: Provenance) => {
      if (!extra.length) return;
      const plural = extra.length > 1 ? 's' : '';
      const listed = `${noun}${plural} ${extra.join(', ')}`;
      const Noun = capitalize(noun);
      out.push(finding(RULES.widensParent, valueSpan(node), source.level === parentLevel
        ? say((k) => `${Noun}${plural} ${few(extra, k)} not in its ${parentName}'s list`, source,
          `add ${them(extra.length)} there or remove ${them(extra.length)}`, `adds ${listed} that its ${parentName} does not list`)
        : say((k) => `${Noun}${plural} ${few(extra, k)} beyond its ${parentName}'s`, source,
          `remove ${them(extra.length)}`, `adds ${listed} beyond its ${parentName}'s ${noun}s`)));
    };
    if (r.rates?.applied && !up.continuous) {
      listWidens('rate', hw.rates.filter((x) => !up.rates.includes(x)), r.rates.node, src.rates);
    } else if (r.rates?.applied && up.continuous && (hw.rateMin < up.rateMin || hw.rateMax > up.rateMax)) {
      out.push(finding(RULES.widensParent, valueSpan(r.rates.node),
        say(`Rates outside its ${parentName}'s ${up.rateMin}–${up.rateMax} Hz`, src.rates,
          from(src.rates) ? 'narrow them' : `narrow them or widen the ${parentName}'s`,
          `allows rates outside its ${parentName}'s ${up.rateMin}–${up.rateMax} Hz`)));
    }
    if (r.formats?.applied) listWidens('format', hw.formats.filter((f) => !up.formats.includes(f)), r.formats.node, src.formats);
    if (r.channelsMin && r.channelsMin.result.value !== 0 && hw.channelsMin < up.channelsMin) {
      out.push(finding(RULES.widensParent, valueSpan(r.channelsMin.node),
        say(`Minimum channels ${hw.channelsMin} below its ${parentName}'s ${up.channelsMin}`, src.channelsMin,
          from(src.channelsMin) ? 'raise it' : `raise it or lower the ${parentName}'s`,
          `sets channels-min ${hw.channelsMin}, below its ${parentName}'s ${up.channelsMin}`)));
    }
    if (r.channelsMax && r.channelsMax.result.value !== 0 && hw.channelsMax > up.channelsMax) {
      out.push(finding(RULES.widensParent, valueSpan(r.channelsMax.node),
        say(`Maximum channels ${hw.channelsMax} above its ${parentName}'s ${up.channelsMax}`, src.channelsMax,
          from(src.channelsMax) ? 'lower it' : `lower it or raise the ${parentName}'s`,
          `sets channels-max ${hw.channelsMax}, above its ${parentName}'s ${up.channelsMax}`)));
    }
    if (r.bufferSize && r.bufferSize.result.value !== 0 && hw.bufferBytesMax > up.bufferBytesMax) {
      out.push(finding(RULES.widensParent, valueSpan(r.bufferSize.node),
        say(`Buffer ${hw.bufferBytesMax} bytes above its ${parentName}'s ${up.bufferBytesMax}`, src.bufferBytes,
          from(src.bufferBytes) ? 'lower it' : `lower it or raise the ${parentName}'s`,
          `sets buffer-size ${hw.bufferBytesMax}, above its ${parentName}'s ${up.bufferBytesMax}`)));
    }
  }
  return out;
}

/** At most `shown` values, so the sentence stays short: `96000, 192000`, `s8, u8, s24_le …`. */
function few(values: readonly (string | number)[], shown = 3): string {
  return values.length <= shown ? values.join(', ') : `${values.slice(0, shown).join(', ')} …`;
}

/** The message with as many of its values (three down to one) as fit in 80 characters. */
function short(what: string | ((shown: number) => string), sentence: (text: string) => string): string {
  if (typeof what === 'string') return sentence(what);
  let message = sentence(what(3));
  for (let shown = 2; shown >= 1 && message.length > 80; shown--) message = sentence(what(shown));
  return message;
}

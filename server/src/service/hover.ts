/** Hover: the resolved hardware of a card, device or stream; docs of a key, rate or format. */
import { Analysis, findingsAt } from './analyze';
import { locate, LevelRef } from './locate';
import type { Span } from '../text/lineIndex';
import type { Enforcer, Finding } from '../tables/rules';
import type { Hw, HwSource, Provenance } from '../resolver/hw';
import { errnoText } from '../resolver/resolve';
import { unreadLines } from './report';
import { FORMAT_BY_NAME, KEY_BY_NAME } from '../tables/sndif';
import { compactHw, cutNote, describeChannels, describeFormats, describeRates, deviceLimitNote, formatMarkdown, framesPerPeriod, longestBufferMs, rateMarkdown, widestBits } from '../resolver/describe';
import { cardName, deviceName, levelWord, streamName } from '../resolver/names';
import { capitalize } from '../text/words';

export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}

export function hover(analysis: Analysis, offset: number, uri: string): HoverResult | undefined {
  const here = findingsAt(analysis, offset);
  const target = locate(analysis, offset);
  if (here.length === 0) return targetHover(analysis, target, uri);
  // VS Code shows the diagnostics' own messages above this: add only what they leave out, and
  // keep it short so "Quick Fix…" stays in sight.
  const problems = problemLines(here);
  const brief = target ? briefTarget(target) : undefined;
  // The range is the token under the cursor, as without diagnostics: a list element, not its key.
  const span = target && target.kind !== 'level' && target.element ? target.element.span : target?.span ?? here[0].span;
  return { markdown: brief ? `${problems}\n\n---\n${brief}` : problems, span };
}

const ENFORCED: Record<Enforcer, string> = {
  xl: 'xl rejects the config',
  guest: "the guest's card fails to probe",
  ignored: 'accepted, but silently ignored or changed',
  style: 'works; against the man page or likely unintended',
};

/** The rules broken at a position: who enforces each, and the mechanics behind the message. */
function problemLines(here: readonly Finding[]): string {
  return here.map((f) => `\`${f.rule.code}\` · ${ENFORCED[f.rule.enforcer]}${f.detail ? `  \n${f.detail}` : ''}`).join('\n\n');
}

/** One line about what is under the cursor, for hovers that already carry diagnostics. */
function briefTarget(target: NonNullable<ReturnType<typeof locate>>): string | undefined {
  if (target.kind === 'level') return `${levelTitle(target)} ⇢ ${compactHw(levelOf(target).hw)}`;
  if (target.element) return target.key === 'sample-rates' ? rateMarkdown(target.element.text) : formatMarkdown(target.element.text);
  const info = KEY_BY_NAME.get(target.key);
  return info ? `**${target.key}** — ${firstSentence(info.doc)} Default: ${info.defaultText}.` : undefined;
}

function firstSentence(text: string): string {
  const m = text.match(/^.*?[.!?](?=\s|$)/);
  return m ? m[0] : text;
}

function levelOf(ref: LevelRef) {
  return ref.stream ?? ref.device ?? ref.card;
}

function targetHover(analysis: Analysis, target: ReturnType<typeof locate>, uri: string): HoverResult | undefined {
  if (!target) return undefined;
  if (target.kind === 'level') return { markdown: levelMarkdown(analysis, target, uri), span: target.span };
  if (target.element) {
    const md = target.key === 'sample-rates' ? rateMarkdown(target.element.text) : formatMarkdown(target.element.text);
    return { markdown: md, span: target.element.span };
  }
  const md = keyMarkdown(analysis, target.key, target);
  if (!md) return undefined;
  // From any key of an item, the item's resolution is one line away.
  const resolved = target.card ? `\n\n---\n${levelTitle(target as LevelRef)} ⇢ ${compactHw(levelOf(target as LevelRef).hw)}  \n${REPORT_LINK}` : '';
  return { markdown: `${md}${resolved}`, span: target.span };
}

/** Opens the resolved configuration beside the source (VS Code runs it; other editors show the text). */
export const REPORT_LINK = '[Show the resolved sound configuration](command:sndif.showResolved)';

function lineLink(analysis: Analysis, uri: string, p: Provenance): string {
  const level = levelWord(p.level);
  if (!p.node || p.node.generated) return level;
  const line = analysis.lines.positionAt(p.node.keySpan.start).line + 1;
  return `${level} ([line ${line}](${uri}#L${line}))${cutNote(p)}`;
}

function levelTitle(ref: LevelRef): string {
  if (ref.stream && ref.device) {
    const s = ref.stream;
    const type = s.type === 'p' ? 'playback' : s.type === 'c' ? 'capture' : 'no valid type';
    return `**${capitalize(streamName(s))}** · ${type} · ${deviceName(ref.device)} · ${cardName(ref.card)}`;
  }
  if (ref.device) return `**${capitalize(deviceName(ref.device))}** · ${cardName(ref.card)}`;
  return ref.card.path ? `**${capitalize(cardName(ref.card))}** · \`${ref.card.path}\`` : `**${capitalize(cardName(ref.card))}**`;
}

/** Non-breaking spaces after a cell: VS Code's hover draws table columns without padding. */
const PAD = '&nbsp;&nbsp;&nbsp;';

function hwTable(analysis: Analysis, uri: string, hw: Hw, source: HwSource): string {
  const link = (p: Provenance) => lineLink(analysis, uri, p);
  const channelsBy = link(source.channelsMin) === link(source.channelsMax)
    ? link(source.channelsMin)
    : `min ${link(source.channelsMin)}, max ${link(source.channelsMax)}`;
  const row = (name: string, value: string, by: string) => `| ${name}${PAD} | ${value}${PAD} | ${by} |`;
  return [
    '| | resolved | set by |',
    '|:--|:--|:--|',
    row('formats', describeFormats(hw), link(source.formats)),
    row('rates', describeRates(hw), link(source.rates)),
    row('channels', describeChannels(hw), channelsBy),
    row('buffer', `≤ ${hw.bufferBytesMax} bytes`, link(source.bufferBytes)),
    row('period size', `${hw.periodBytesMin}–${hw.periodBytesMax} bytes`, `frontend: ${hw.periodBytesMin} bytes minimum; maximum = buffer`),
    row('periods', `${hw.periodsMin}–${hw.periodsMax}`, `frontend: ${hw.periodsMin} minimum; maximum = buffer / ${hw.periodBytesMin}`),
  ].join('\n');
}

function derivedLine(hw: Hw): string {
  const parts: string[] = [];
  const ms = longestBufferMs(hw);
  const bits = widestBits(hw);
  const widest = hw.formats.find((f) => FORMAT_BY_NAME.get(f)?.bits === bits);
  if (ms !== null) parts.push(`A full buffer holds at least ${ms.toFixed(1)} ms (at the highest byte rate: ${hw.rateMax} Hz, ${widest}, ${hw.channelsMax} ch)`);
  const frames = framesPerPeriod(hw);
  if (frames) parts.push(`${frames.min}–${frames.max} frames per period`);
  if (hw.periodsMax < hw.periodsMin) parts.push('**cannot be opened: fewer than 2 periods fit the buffer**');
  return parts.join(' · ');
}

/** The resolved table of a level: title, probe failure, table with provenance, derived figures. */
export function levelMarkdown(analysis: Analysis, ref: LevelRef, uri: string): string {
  const level = levelOf(ref);
  const probe = ref.card.probe.ok
    ? ''
    : `\n\n**The guest's card fails to probe:** ${errnoText(ref.card.probe.errno)}: ${ref.card.probe.message}`;
  const limit = !ref.device ? deviceLimitNote(ref.card) : undefined;
  const unread = unreadLines(analysis, level.node);
  const limitLine = (limit ? `\n\n${limit} (setting \`sndif.maxPcmDevices\`)` : '')
    + (unread.length ? `\n\n**Not read:** ${unread.join(', ')} of this ${ref.stream ? 'stream' : ref.device ? 'PCM' : 'card'} could not be read; its value is not used` : '');
  return `${levelTitle(ref)}${probe}${limitLine}\n\n${hwTable(analysis, uri, level.hw, level.source)}\n\n${derivedLine(level.hw)}`;
}

function keyMarkdown(analysis: Analysis, key: string, target: Partial<LevelRef> & { node?: { path: string } }): string | undefined {
  const info = KEY_BY_NAME.get(key);
  if (!info) return undefined;
  const where = info.items.length === 3 ? 'card, PCM and stream key' : `${info.items.map((i) => i.toUpperCase()).join(', ')} key`;
  let xenstore: string;
  if (!info.xenstore) xenstore = 'not written as a key (libxl resolves it into the backend path)';
  else if (target.node && analysis.language === 'xenstore') xenstore = `\`${target.node.path}\``;
  else if (target.card) {
    const card = target.card.path ?? '…';
    const dir = target.stream && target.device ? `${card}/${target.device.index}/${target.stream.index}`
      : target.device ? `${card}/${target.device.index}` : card;
    xenstore = `\`${dir}/${key}\``;
  } else xenstore = `\`…/device/vsnd/N/${info.items.includes('card') && info.items.length === 1 ? '' : 'I/J/'}${key}\``;
  return [
    `**${key}** — ${where}`,
    '',
    info.doc,
    '',
    `Accepted: ${info.values}  `,
    `Default: ${info.defaultText}  `,
    `XenStore: ${xenstore}`,
  ].join('\n');
}

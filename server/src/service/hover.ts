/** Hover: the resolved hardware of a card, device or stream; docs of a key, rate or format. */
import type { Analysis } from './analyze';
import { locate, LevelRef } from './locate';
import { Span, spanContains } from '../text/lineIndex';
import type { Enforcer, Finding } from '../tables/rules';
import type { Hw, HwSource, Provenance } from '../resolver/hw';
import { errnoText } from '../resolver/resolve';
import { fromBytes } from '../tree/xenstoreTree';
import { FORMAT_BY_NAME, KEY_BY_NAME } from '../tables/sndif';
import { describeChannels, describeFormats, describeRates, formatMarkdown, framesPerPeriod, longestBufferMs, rateMarkdown, widestBits } from '../resolver/describe';

export interface HoverResult {
  readonly markdown: string;
  readonly span: Span;
}

export function hover(analysis: Analysis, offset: number, uri: string): HoverResult | undefined {
  const result = targetHover(analysis, offset, uri);
  const here = analysis.findings.filter((f) => spanContains(f.span, offset));
  if (here.length === 0) return result;
  const problems = problemLines(here);
  if (!result) return { markdown: problems, span: here[0].span };
  return { markdown: `${result.markdown}\n\n---\n${problems}`, span: result.span };
}

const ENFORCED: Record<Enforcer, string> = {
  xl: 'xl rejects the config',
  guest: "the guest's card fails to probe",
  ignored: 'accepted, but silently ignored or changed',
  style: 'works; against the man page or likely unintended',
};

/** The rules broken at a position, each with who enforces it. */
function problemLines(here: readonly Finding[]): string {
  return here.map((f) => `\`${f.rule.code}\` · ${ENFORCED[f.rule.enforcer]}`).join('  \n');
}

function targetHover(analysis: Analysis, offset: number, uri: string): HoverResult | undefined {
  const target = locate(analysis, offset);
  if (!target) return undefined;
  if (target.kind === 'level') return { markdown: levelMarkdown(analysis, target, uri), span: target.span };
  if (target.element) {
    const md = target.key === 'sample-rates' ? rateMarkdown(target.element.text) : formatMarkdown(target.element.text);
    return { markdown: md, span: target.element.span };
  }
  const md = keyMarkdown(analysis, target.key, target);
  return md ? { markdown: md, span: target.span } : undefined;
}

function lineLink(analysis: Analysis, uri: string, p: Provenance): string {
  if (!p.node || p.node.generated) return p.level;
  const line = analysis.lines.positionAt(p.node.keySpan.start).line + 1;
  return `${p.level} ([line ${line}](${uri}#L${line}))`;
}

function levelTitle(ref: LevelRef): string {
  const card = ref.card;
  const cardName = card.shortName !== undefined ? ` "${fromBytes(card.shortName)}"` : '';
  if (ref.stream && ref.device) {
    const s = ref.stream;
    const type = s.type === 'p' ? 'playback' : s.type === 'c' ? 'capture' : 'no valid type';
    const id = s.uniqueId !== undefined ? ` · unique-id \`${fromBytes(s.uniqueId)}\`` : '';
    return `**Stream ${ref.device.index}/${s.index}** of ${card.label}${cardName} · ${type}${id}`;
  }
  if (ref.device) {
    const name = ref.device.name ? ` "${fromBytes(ref.device.name)}"` : '';
    return `**PCM device ${ref.device.index}**${name} of ${card.label}${cardName}`;
  }
  return `**${card.label.charAt(0).toUpperCase()}${card.label.slice(1)}**${cardName} · \`${card.path}\``;
}

function hwTable(analysis: Analysis, uri: string, hw: Hw, source: HwSource): string {
  const link = (p: Provenance) => lineLink(analysis, uri, p);
  const channelsBy = link(source.channelsMin) === link(source.channelsMax)
    ? link(source.channelsMin)
    : `min ${link(source.channelsMin)}, max ${link(source.channelsMax)}`;
  return [
    '| | resolved | set by |',
    '|:--|:--|:--|',
    `| formats | ${describeFormats(hw)} | ${link(source.formats)} |`,
    `| rates | ${describeRates(hw)} | ${link(source.rates)} |`,
    `| channels | ${describeChannels(hw)} | ${channelsBy} |`,
    `| buffer | ≤ ${hw.bufferBytesMax} bytes | ${link(source.bufferBytes)} |`,
    `| period size | ${hw.periodBytesMin}–${hw.periodBytesMax} bytes | |`,
    `| periods | ${hw.periodsMin}–${hw.periodsMax} | |`,
  ].join('\n');
}

function derivedLine(hw: Hw): string {
  const parts: string[] = [];
  const ms = longestBufferMs(hw);
  const bits = widestBits(hw);
  const widest = hw.formats.find((f) => FORMAT_BY_NAME.get(f)?.bits === bits);
  if (ms !== null) parts.push(`Longest buffer ${ms.toFixed(1)} ms (${hw.rateMax} Hz, ${widest}, ${hw.channelsMax} ch)`);
  const frames = framesPerPeriod(hw);
  if (frames) parts.push(`${frames.min}–${frames.max} frames per period`);
  if (hw.periodsMax < hw.periodsMin) parts.push('**cannot be opened: fewer than 2 periods fit the buffer**');
  return parts.join(' · ');
}

function levelMarkdown(analysis: Analysis, ref: LevelRef & { span: Span }, uri: string): string {
  const level = ref.stream ?? ref.device ?? ref.card;
  const probe = ref.card.probe.ok
    ? ''
    : `\n\n**The guest's card fails to probe:** ${errnoText(ref.card.probe.errno)}: ${ref.card.probe.message}`;
  return `${levelTitle(ref)}${probe}\n\n${hwTable(analysis, uri, level.hw, level.source)}\n\n${derivedLine(level.hw)}`;
}

function keyMarkdown(analysis: Analysis, key: string, target: Partial<LevelRef> & { node?: { path: string } }): string | undefined {
  const info = KEY_BY_NAME.get(key);
  if (!info) return undefined;
  const where = info.items.length === 3 ? 'card, PCM and stream key' : `${info.items.map((i) => i.toUpperCase()).join(', ')} key`;
  let xenstore: string;
  if (!info.xenstore) xenstore = 'not written as a key (libxl resolves it into the backend path)';
  else if (target.node && analysis.language === 'xenstore') xenstore = `\`${target.node.path}\``;
  else if (target.card) {
    const dir = target.stream && target.device ? `${target.card.path}/${target.device.index}/${target.stream.index}`
      : target.device ? `${target.card.path}/${target.device.index}` : target.card.path;
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

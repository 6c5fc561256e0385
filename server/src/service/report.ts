/** The `sndif resolve` and `sndif xenstore` outputs, shared by the CLI and the editor commands. */
import type { Analysis } from './analyze';
import type { Hw, HwSource, Provenance } from '../resolver/hw';
import type { ResolvedCard, ResolvedStream } from '../resolver/resolve';
import { errnoText } from '../resolver/resolve';
import { fromBytes } from '../tree/xenstoreTree';
import type { XsNode } from '../tree/xenstoreTree';
import { compactHw, cutNote, describeChannels, describeFormats, describeRates, deviceLimitNote, kib, longestBufferMs } from '../resolver/describe';
import { cardName, deviceName, levelWord, streamName } from '../resolver/names';
import { capitalize } from '../text/words';
import type { Level } from '../tables/sndif';

export interface HwJson {
  formats: string[];
  rates: number[];
  continuous: boolean;
  rateMin: number;
  rateMax: number;
  channelsMin: number;
  channelsMax: number;
  bufferBytesMax: number;
  periodBytesMin: number;
  periodBytesMax: number;
  periodsMin: number;
  periodsMax: number;
}

export interface SourceJson {
  formats: Level;
  rates: Level;
  channels: Level;
  channelsMin: Level;
  channelsMax: Level;
  bufferBytes: Level;
}

const LEVEL_ORDER: Level[] = ['default', 'card', 'device', 'stream'];

function sourceJson(source: HwSource): SourceJson {
  const channels = LEVEL_ORDER[Math.max(LEVEL_ORDER.indexOf(source.channelsMin.level), LEVEL_ORDER.indexOf(source.channelsMax.level))];
  return {
    formats: source.formats.level,
    rates: source.rates.level,
    channels,
    channelsMin: source.channelsMin.level,
    channelsMax: source.channelsMax.level,
    bufferBytes: source.bufferBytes.level,
  };
}

function hwJson(hw: Hw): HwJson {
  return { ...hw, formats: [...hw.formats], rates: [...hw.rates] };
}

function cardJson(card: ResolvedCard) {
  return {
    id: card.id,
    path: card.path,
    probe: card.probe.ok ? 'ok' as const : 'failed' as const,
    ...(card.probe.ok ? {} : { error: `${errnoText(card.probe.errno)}: ${card.probe.message}` }),
    shortName: card.shortName === undefined ? undefined : fromBytes(card.shortName),
    longName: card.longName === undefined ? undefined : fromBytes(card.longName),
    hw: hwJson(card.hw),
    source: sourceJson(card.source),
    devices: card.devices.map((d) => ({
      index: d.index,
      name: fromBytes(d.name),
      hw: hwJson(d.hw),
      source: sourceJson(d.source),
      streams: d.streams.map((s) => ({
        index: s.index,
        cardIndex: s.cardIndex,
        type: s.type ?? null,
        uniqueId: s.uniqueId === undefined ? null : fromBytes(s.uniqueId),
        hw: hwJson(s.hw),
        source: sourceJson(s.source),
      })),
    })),
  };
}

export function resolveJson(analysis: Analysis) {
  return { cards: analysis.cards.map(cardJson) };
}

function hwLines(hw: Hw, source: HwSource, indent: string): string[] {
  const from = (p: Provenance) => `(${levelWord(p.level)}${cutNote(p)})`;
  const ms = longestBufferMs(hw);
  return [
    `${indent}formats   ${describeFormats(hw)} ${from(source.formats)}`,
    `${indent}rates     ${describeRates(hw)} ${from(source.rates)}`,
    `${indent}channels  ${describeChannels(hw)} (min ${levelWord(source.channelsMin.level)}, max ${levelWord(source.channelsMax.level)})`,
    `${indent}buffer    ≤ ${hw.bufferBytesMax} bytes${ms !== null ? `, a full buffer holds ≥ ${ms.toFixed(1)} ms` : ''} ${from(source.bufferBytes)}`,
    `${indent}periods   ${hw.periodsMin}–${hw.periodsMax} of ${hw.periodBytesMin}–${hw.periodBytesMax} bytes`,
  ];
}

function typeName(stream: ResolvedStream): string {
  return stream.type === 'p' ? 'playback' : stream.type === 'c' ? 'capture' : 'NO VALID TYPE';
}

/** How a card probes, in words: `probes` or `FAILS -ENOENT (-2): …`. */
export function probeText(card: ResolvedCard): string {
  return card.probe.ok ? 'probes' : `FAILS to probe: ${errnoText(card.probe.errno)}: ${card.probe.message}`;
}

/** "line 4 (sample-formats)" for each dump line listed in this directory that could not be read. */
export function unreadLines(analysis: Analysis, node: XsNode): string[] {
  return (analysis.dump?.unreadable ?? []).filter((u) => u.parent === node)
    .map((u) => `line ${analysis.lines.positionAt(u.span.start).line + 1}${u.name ? ` (${u.name})` : ''}`);
}

function unreadNote(analysis: Analysis, node: XsNode, indent: string): string[] {
  const lines = unreadLines(analysis, node);
  return lines.length ? [`${indent}unread    ${lines.join(', ')}: could not be read, so not used`] : [];
}

export function resolveText(analysis: Analysis): string {
  if (analysis.cards.length === 0) return 'No vsnd card found.\n';
  const out: string[] = [];
  for (const card of analysis.cards) {
    const long = card.longName !== undefined ? ` (${fromBytes(card.longName)})` : '';
    out.push(`${capitalize(cardName(card))}${long}  ${card.path ?? '(the listing does not say where in XenStore)'}`);
    out.push(`  probe     ${probeText(card)}`);
    out.push(...hwLines(card.hw, card.source, '  '));
    out.push(...unreadNote(analysis, card.node, '  '));
    const limit = deviceLimitNote(card);
    if (limit) out.push(`  limit     ${limit}`);
    for (const device of card.devices) {
      out.push(`  ${deviceName(device)}: ${compactHw(device.hw)}`);
      out.push(...unreadNote(analysis, device.node, '    '));
      for (const stream of device.streams) {
        out.push(`    ${streamName(stream)} ${typeName(stream)}`);
        out.push(...hwLines(stream.hw, stream.source, '      '));
        out.push(...unreadNote(analysis, stream.node, '      '));
      }
    }
    out.push('');
  }
  return out.join('\n');
}

/** Markdown table cell text: pipes escaped, never empty. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|') || ' ';
}

/**
 * The resolved configuration as Markdown, for VS Code's Markdown preview: one section and one
 * table per card (card, PCM devices, streams), probe failures first and marked.
 */
export function resolveMarkdown(analysis: Analysis, title: string): string {
  const out: string[] = [`# Resolved sound configuration: ${cell(title)}`, ''];
  if (analysis.cards.length === 0) return `${out.join('\n')}No vsnd card found.\n`;
  out.push('What the Linux frontend (`sound/xen/xen_snd_front_cfg.c`) makes of each card; "from" names the level that set a value.', '');
  for (const card of analysis.cards) {
    const long = card.longName !== undefined ? ` — ${fromBytes(card.longName)}` : '';
    out.push(`## ${cell(capitalize(cardName(card)))}${cell(long)}`, '');
    out.push(card.probe.ok
      ? `✅ **Probes**${card.path ? ` · \`${card.path}\`` : ''}`
      : `> ❌ **Fails to probe** with ${errnoText(card.probe.errno)}: ${cell(card.probe.message)}`, '');
    const limit = deviceLimitNote(card);
    if (limit) out.push(`> ⚠️ ${limit} (setting \`sndif.maxPcmDevices\`)`, '');
    const unread = [
      ...unreadLines(analysis, card.node).map((l) => `${l} of ${cardName(card)}`),
      ...card.devices.flatMap((d) => [
        ...unreadLines(analysis, d.node).map((l) => `${l} of ${deviceName(d)}`),
        ...d.streams.flatMap((s) => unreadLines(analysis, s.node).map((l) => `${l} of ${streamName(s)}`)),
      ]),
    ];
    if (unread.length) out.push(`> **Not read:** ${cell(unread.join(', '))}: could not be read, so not used`, '');
    out.push('| | direction | rates | formats | channels | buffer | full buffer holds |');
    out.push('|:--|:--|:--|:--|:--|:--|:--|');
    const row = (own: Level, name: string, direction: string, hw: Hw, source: HwSource) => {
      const ms = longestBufferMs(hw);
      const from = (level: Level, own: Level) => (level === own ? '' : ` (from ${levelWord(level)})`);
      const channelsLevel = LEVEL_ORDER[Math.max(LEVEL_ORDER.indexOf(source.channelsMin.level), LEVEL_ORDER.indexOf(source.channelsMax.level))];
      out.push(`| ${cell(name)} | ${direction} | ${describeRates(hw)}${from(source.rates.level, own)} | ${describeFormats(hw)}${from(source.formats.level, own)} | ${describeChannels(hw)}${from(channelsLevel, own)} | ${kib(hw.bufferBytesMax)}${from(source.bufferBytes.level, own)} | ${ms === null ? '–' : `≥ ${ms.toFixed(1)} ms`} |`);
    };
    row('card', cardName(card), '', card.hw, card.source);
    for (const device of card.devices) {
      row('device', deviceName(device), '', device.hw, device.source);
      for (const stream of device.streams) row('stream', `↳ ${streamName(stream)}`, stream.type ? typeName(stream) : '**no valid type**', stream.hw, stream.source);
    }
    out.push('');
  }
  return out.join('\n');
}

/** The keys libxl would write, as `xenstore-ls -f` prints them. */
export function xenstoreKeysText(analysis: Analysis): string {
  if (!analysis.xl) return '';
  return analysis.xl.keys.map((k) => `${k.path} = "${escapeXenStore(k.value)}"`).join('\n') + (analysis.xl.keys.length ? '\n' : '');
}

/** sanitise_value of tools/xenstore/xs_lib.c. */
export function escapeXenStore(bytes: string): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (c >= 32 && c <= 126 && c !== 92) out += bytes[i];
    else if (c === 9) out += '\\t';
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 92) out += '\\\\';
    else if (c < 8) out += `\\${c.toString(8).padStart(3, '0')}`;
    else out += `\\x${c.toString(16).padStart(2, '0')}`;
  }
  return out;
}

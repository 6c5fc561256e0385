/** The `sndif resolve` and `sndif xenstore` outputs, shared by the CLI and the editor commands. */
import type { Analysis } from './analyze';
import type { Hw, HwSource } from '../resolver/hw';
import type { ResolvedCard } from '../resolver/resolve';
import { errnoText } from '../resolver/resolve';
import { fromBytes } from '../tree/xenstoreTree';
import { compactHw, describeChannels, describeFormats, describeRates, longestBufferMs } from '../resolver/describe';
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
  const from = (p: { level: Level }) => `(${p.level})`;
  const ms = longestBufferMs(hw);
  return [
    `${indent}formats   ${describeFormats(hw)} ${from(source.formats)}`,
    `${indent}rates     ${describeRates(hw)} ${from(source.rates)}`,
    `${indent}channels  ${describeChannels(hw)} (min ${source.channelsMin.level}, max ${source.channelsMax.level})`,
    `${indent}buffer    ≤ ${hw.bufferBytesMax} bytes${ms !== null ? ` (${ms.toFixed(1)} ms at ${hw.rateMax} Hz, widest format, ${hw.channelsMax} ch)` : ''} ${from(source.bufferBytes)}`,
    `${indent}periods   ${hw.periodsMin}–${hw.periodsMax} of ${hw.periodBytesMin}–${hw.periodBytesMax} bytes`,
  ];
}

export function resolveText(analysis: Analysis): string {
  if (analysis.cards.length === 0) return 'No vsnd card found.\n';
  const out: string[] = [];
  for (const card of analysis.cards) {
    const names = [card.shortName, card.longName].filter((n) => n !== undefined).map((n) => `"${fromBytes(n!)}"`).join(' ');
    out.push(`Card ${card.id}${names ? ` ${names}` : ''}  ${card.path}`);
    out.push(card.probe.ok ? '  probe     ok' : `  probe     FAILS ${errnoText(card.probe.errno)}: ${card.probe.message}`);
    out.push(...hwLines(card.hw, card.source, '  '));
    for (const device of card.devices) {
      out.push(`  PCM device ${device.index}${device.name ? ` "${fromBytes(device.name)}"` : ''}: ${compactHw(device.hw)}`);
      for (const stream of device.streams) {
        const type = stream.type === 'p' ? 'playback' : stream.type === 'c' ? 'capture' : 'NO VALID TYPE';
        const id = stream.uniqueId !== undefined ? ` unique-id "${fromBytes(stream.uniqueId)}"` : '';
        out.push(`    stream ${device.index}/${stream.index} ${type}${id}`);
        out.push(...hwLines(stream.hw, stream.source, '      '));
      }
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

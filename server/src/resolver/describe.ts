/** Human-readable figures shared by messages, hover, inlay hints and the CLI. */
import type { Hw } from './hw';
import { FORMAT_BY_NAME } from '../tables/sndif';

export function describeRates(hw: Hw): string {
  if (hw.continuous) return `continuous ${hw.rateMin}–${hw.rateMax} Hz`;
  return `${hw.rates.join(', ')} Hz`;
}

export function describeFormats(hw: Hw): string {
  return hw.formats.join(', ');
}

export function describeChannels(hw: Hw): string {
  return hw.channelsMin === hw.channelsMax ? `${hw.channelsMin}` : `${hw.channelsMin}–${hw.channelsMax}`;
}

export function kib(bytes: number): string {
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

export function khz(rate: number): string {
  const k = rate / 1000;
  return `${Number.isInteger(k) ? k : Number(k.toFixed(k < 10 ? 3 : 2))}`;
}

/** Widest physical sample width among the formats, in bits (null when none has a width). */
export function widestBits(hw: Hw): number | null {
  let best: number | null = null;
  for (const f of hw.formats) {
    const bits = FORMAT_BY_NAME.get(f)?.bits ?? null;
    if (bits !== null && (best === null || bits > best)) best = bits;
  }
  return best;
}

/** Longest buffer in milliseconds: at the highest rate, widest format and most channels. */
export function longestBufferMs(hw: Hw): number | null {
  const bits = widestBits(hw);
  if (bits === null || hw.rateMax === 0 || hw.channelsMax === 0) return null;
  const bytesPerFrame = (bits / 8) * hw.channelsMax;
  return (hw.bufferBytesMax / bytesPerFrame / hw.rateMax) * 1000;
}

/** Frames per period range for the widest format and most channels. */
export function framesPerPeriod(hw: Hw): { min: number; max: number } | null {
  const bits = widestBits(hw);
  if (bits === null || hw.channelsMax === 0) return null;
  const bytesPerFrame = (bits / 8) * hw.channelsMax;
  return { min: Math.max(1, Math.floor(hw.periodBytesMin / bytesPerFrame)), max: Math.floor(hw.periodBytesMax / bytesPerFrame) };
}

/** Compact one-line summary, e.g. `44.1–48 kHz · s16_le s32_le · 1–2 ch · 64 KiB`. */
export function compactHw(hw: Hw): string {
  const rates = hw.continuous
    ? `${khz(hw.rateMin)}–${khz(hw.rateMax)} kHz`
    : hw.rates.length === 1 ? `${khz(hw.rates[0])} kHz`
      : hw.rates.length <= 3 ? `${hw.rates.map(khz).join('/')} kHz` : `${khz(hw.rateMin)}–${khz(hw.rateMax)} kHz (${hw.rates.length} rates)`;
  return `${rates} · ${hw.formats.join(' ')} · ${describeChannels(hw)} ch · ${kib(hw.bufferBytesMax)}`;
}

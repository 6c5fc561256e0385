/** Human-readable figures shared by messages, hover, inlay hints and the CLI. */
import type { Hw } from '../resolver/hw';
import { FORMAT_BY_NAME } from '../tables/sndif';

/** Rates in Hz, as they are written in xl.cfg and XenStore (one unit everywhere). */
export function describeRates(hw: Hw): string {
  if (hw.continuous) return `continuous ${hw.rateMin}–${hw.rateMax} Hz`;
  return `${hw.rates.join(', ')} Hz`;
}

/** Rates in few characters: `48000 Hz`, `44100/48000 Hz`, `8000–96000 Hz (5 rates)`. */
export function compactRates(hw: Hw): string {
  if (hw.continuous) return `${hw.rateMin}–${hw.rateMax} Hz`;
  if (hw.rates.length <= 2) return `${hw.rates.join('/')} Hz`;
  return `${hw.rateMin}–${hw.rateMax} Hz (${hw.rates.length} rates)`;
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

/** Widest physical sample width among the formats, in bits (null when none has a width). */
export function widestBits(hw: Hw): number | null {
  let best: number | null = null;
  for (const f of hw.formats) {
    const bits = FORMAT_BY_NAME.get(f)?.bits ?? null;
    if (bits !== null && (best === null || bits > best)) best = bits;
  }
  return best;
}

/**
 * The time a full buffer holds at the highest byte rate (highest rate, widest format, most
 * channels): every configuration the stream allows buffers at least this long.
 */
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

/** Compact one-line summary, e.g. `44100/48000 Hz · s16_le s32_le · 1–2 ch · 64 KiB`. */
export function compactHw(hw: Hw): string {
  return `${compactRates(hw)} · ${hw.formats.join(' ')} · ${describeChannels(hw)} ch · ${kib(hw.bufferBytesMax)}`;
}

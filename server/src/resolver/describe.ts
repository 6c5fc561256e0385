/** Human-readable figures and value descriptions shared by messages, hover, completion, inlay hints and the CLI. */
import type { Hw, Provenance } from './hw';
import type { ResolvedCard } from './resolve';
import { deviceLimitCondition, FORMAT_BY_LIBXL_NAME, FORMAT_BY_NAME, RATES } from '../tables/sndif';
import { nearestNumbers } from '../model/suggest';

/**
 * After where a value was set: that the dump cut it (xenstore-ls `\...`), so the guest reads
 * a longer list than the one shown here.
 */
export function cutNote(p: Provenance): string {
  return p.node?.value?.truncated ? ', cut in the dump: the guest may read more' : '';
}

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

/** "PCM devices 8, 9 are past the guest's limit of 8 (…)" when the card has such devices. */
export function deviceLimitNote(card: ResolvedCard): string | undefined {
  const over = card.ignored.filter((i) => i.reason === 'limit').map((i) => i.node.name);
  if (over.length === 0) return undefined;
  const list = over.length > 4 ? `${over.slice(0, 3).join(', ')} … ${over[over.length - 1]}` : over.join(', ');
  return `PCM device${over.length === 1 ? '' : 's'} ${list} ignored: a guest ${deviceLimitCondition(card.deviceLimit)} reads ${card.deviceLimit}`;
}

/** Hover and completion text for one sample rate as written. */
export function rateMarkdown(text: string): string {
  const trimmed = text.trim();
  const rate = RATES.find((r) => r.name === text);
  if (rate) return `**${rate.value} Hz** — supported by the Linux frontend`;
  const n = Number.parseInt(trimmed, 10);
  const near = Number.isFinite(n) ? ` Nearest supported: ${nearestNumbers(n, RATES.map((r) => r.value)).join(', ')}.` : '';
  return `**${text}** — not a rate the Linux frontend supports: it is ignored.${near}`;
}

/** Hover and completion text for one sample format as written: what the frontend and xl make of it. */
export function formatMarkdown(text: string): string {
  const lower = text.toLowerCase();
  const kernel = FORMAT_BY_NAME.get(lower);
  const libxl = FORMAT_BY_LIBXL_NAME.get(lower);
  const size = (bits: number | null) => bits === null ? 'no fixed sample size' : bits < 8 ? `${bits} bits per sample` : `${bits / 8} byte${bits === 8 ? '' : 's'} per sample`;
  if (kernel) {
    const xl = kernel.libxlName === kernel.name ? 'xl accepts it' : `xl rejects it (libxl calls it ${kernel.libxlName}, which the frontend ignores)`;
    return `**${kernel.name}** — ${kernel.doc}, ${size(kernel.bits)}; supported by the Linux frontend; ${xl}`;
  }
  if (libxl) return `**${lower}** — libxl's name for ${libxl.name}: xl accepts it, but the Linux frontend does not know it and ignores it`;
  return `**${text}** — not a sample format the Linux frontend knows: it is ignored`;
}

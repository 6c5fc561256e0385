/**
 * One level of cfg_read_pcm_hw (Linux sound/xen/xen_snd_front_cfg.c): start from the parent's
 * snd_pcm_hardware (or the defaults), apply channels-min, channels-max, sample-rates,
 * sample-formats and buffer-size as found at this level, then run the fix-ups in order.
 */
import { FORMATS, HW_DEFAULTS, Level, LIMITS, RATES } from '../tables/sndif';
import { kernelReadUnsigned, KernelUnsignedResult } from '../model/numbers';
import type { XsNode } from '../tree/xenstoreTree';

export interface Hw {
  /** Shared between levels and readings: never changed in place. */
  formats: readonly string[];
  rates: readonly number[];
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

export interface Provenance {
  readonly level: Level;
  /** The key node that set the value (absent for defaults). */
  readonly node?: XsNode;
}

export interface HwSource {
  formats: Provenance;
  rates: Provenance;
  channelsMin: Provenance;
  channelsMax: Provenance;
  bufferBytes: Provenance;
}

export interface ListPieceRead {
  readonly index: number;
  readonly text: string;
  /** The supported name it matched, if any. */
  readonly match?: string;
  /** The last piece of a value xenstore-ls cut (`\...`): the start of an element whose end is unknown. */
  readonly partial?: boolean;
}

/** What a list value reads as, whichever node holds it: a dump repeats the same few lists thousands of times. */
interface ListMeaning {
  readonly pieces: readonly ListPieceRead[];
  readonly applied: boolean;
  /** The supported names it selects, in the table's order. */
  readonly selected: readonly string[];
  /** For a sample-rates list: the rates of `selected`. */
  readonly rateValues?: readonly number[];
  /**
   * The dump cut the value (xenstore-ls `\...`): the guest reads more elements than the dump
   * shows, so `selected` holds those known to be selected, and more may be.
   */
  readonly cut?: boolean;
}

export interface ListRead extends ListMeaning {
  readonly node: XsNode;
}

export interface NumberRead {
  readonly node: XsNode;
  readonly result: KernelUnsignedResult;
}

/** What one level read from XenStore, kept for the rules. */
export interface LevelReads {
  rates?: ListRead;
  formats?: ListRead;
  channelsMin?: NumberRead;
  channelsMax?: NumberRead;
  bufferSize?: NumberRead;
  /** channels-min was lowered to channels-max by the fix-up. */
  channelsClamped?: { from: number; to: number };
}

function defaultHw(): Hw {
  return {
    formats: HW_DEFAULTS.formats,
    rates: HW_DEFAULTS.rates,
    continuous: HW_DEFAULTS.continuous,
    rateMin: HW_DEFAULTS.rateMin,
    rateMax: HW_DEFAULTS.rateMax,
    channelsMin: HW_DEFAULTS.channelsMin,
    channelsMax: HW_DEFAULTS.channelsMax,
    bufferBytesMax: HW_DEFAULTS.bufferBytesMax,
    periodBytesMin: HW_DEFAULTS.periodBytesMin,
    periodBytesMax: HW_DEFAULTS.periodBytesMax,
    periodsMin: HW_DEFAULTS.periodsMin,
    periodsMax: HW_DEFAULTS.periodsMax,
  };
}

function defaultSource(): HwSource {
  const d: Provenance = { level: 'default' };
  return { formats: d, rates: d, channelsMin: d, channelsMax: d, bufferBytes: d };
}

/** The kernel's strncasecmp: compare at most n bytes, stopping at the end of both strings. */
export function strncasecmpEqual(a: string, b: string, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const ca = i < a.length ? lower(a.charCodeAt(i)) : 0;
    const cb = i < b.length ? lower(b.charCodeAt(i)) : 0;
    if (ca !== cb) return false;
    if (ca === 0) return true;
  }
  return true;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * What the frontend's C string functions see of a value: XenStore values are counted bytes and
 * may hold a NUL, but strsep, strncasecmp and strscpy stop at the first one.
 */
export function cString(bytes: string): string {
  const nul = bytes.indexOf('\0');
  return nul < 0 ? bytes : bytes.slice(0, nul);
}

/** ListMeanings by list kind and value; emptied when it holds this many (a dump of all-different lists). */
const LIST_CACHE_LIMIT = 4096;
const listCache = new Map<string, ListMeaning>();

/**
 * Split on `,` without trimming (strsep) and match each piece against the supported names. Of
 * a value the dump cut, the last piece is only the start of an element: it matches nothing.
 */
function readList(node: XsNode, names: readonly string[], maxLen: number): ListRead {
  const text = cString(node.valueText ?? '');
  // A NUL before the cut ends the list where the guest stops reading it: nothing is missing.
  const cut = node.value?.truncated === true && text.length === (node.valueText ?? '').length;
  const key = `${names === RATE_NAMES ? 'r' : 'f'}${cut ? 'c' : 'w'}${text}`;
  let meaning = listCache.get(key);
  if (!meaning) {
    const split = text.split(',');
    const pieces = split.map((piece, index): ListPieceRead => (cut && index === split.length - 1
      ? { index, text: piece, partial: true }
      : { index, text: piece, match: matchName(piece, names, maxLen) }));
    const selected = names.filter((name) => pieces.some((p) => p.match === name));
    const rateValues = names === RATE_NAMES ? selected.map((name) => RATE_VALUE.get(name)!) : undefined;
    meaning = { pieces, applied: selected.length > 0, selected, rateValues, ...(cut ? { cut } : {}) };
    if (listCache.size >= LIST_CACHE_LIMIT) listCache.clear();
    listCache.set(key, meaning);
  }
  return { node, ...meaning };
}

function matchName(piece: string, names: readonly string[], maxLen: number): string | undefined {
  for (const name of names) if (strncasecmpEqual(piece, name, maxLen)) return name;
  return undefined;
}

const RATE_NAMES = RATES.map((r) => r.name);
const RATE_VALUE = new Map(RATES.map((r) => [r.name, r.value]));
const FORMAT_NAMES = FORMATS.map((f) => f.name);

/** The child `key` of a node when it holds a value. */
function valued(node: XsNode, key: string): XsNode | undefined {
  const child = node.child(key);
  return child?.hasValue ? child : undefined;
}

function readNumber(node: XsNode, key: string): NumberRead | undefined {
  const child = valued(node, key);
  return child ? { node: child, result: kernelReadUnsigned(child.valueText!) } : undefined;
}

export function readLevel(node: XsNode, level: Level, parentHw: Hw | null, parentSource: HwSource | null): { hw: Hw; source: HwSource; reads: LevelReads } {
  // The rate and format arrays are shared with the parent and never changed in place: a level
  // that sets them gets new ones.
  const hw: Hw = parentHw ? { ...parentHw } : defaultHw();
  const source: HwSource = parentSource ? { ...parentSource } : defaultSource();

  const channelsMin = readNumber(node, 'channels-min');
  if (channelsMin && channelsMin.result.value !== 0) {
    hw.channelsMin = channelsMin.result.value;
    source.channelsMin = { level, node: channelsMin.node };
  }
  const channelsMax = readNumber(node, 'channels-max');
  if (channelsMax && channelsMax.result.value !== 0) {
    hw.channelsMax = channelsMax.result.value;
    source.channelsMax = { level, node: channelsMax.node };
  }

  const ratesNode = valued(node, 'sample-rates');
  const rates = ratesNode ? readList(ratesNode, RATE_NAMES, LIMITS.rateNameLength) : undefined;
  if (rates?.applied) {
    const values = rates.rateValues!;
    hw.rates = values;
    hw.continuous = false;
    hw.rateMin = values[0];
    hw.rateMax = values[values.length - 1];
    source.rates = { level, node: rates.node };
  }

  const formatsNode = valued(node, 'sample-formats');
  const formats = formatsNode ? readList(formatsNode, FORMAT_NAMES, LIMITS.formatNameLength) : undefined;
  if (formats?.applied) {
    hw.formats = formats.selected;
    source.formats = { level, node: formats.node };
  }

  const bufferSize = readNumber(node, 'buffer-size');
  if (bufferSize && bufferSize.result.value !== 0) {
    hw.bufferBytesMax = bufferSize.result.value;
    source.bufferBytes = { level, node: bufferSize.node };
  }

  // Fix-ups, in the kernel's order.
  let channelsClamped: LevelReads['channelsClamped'];
  if (hw.channelsMin > hw.channelsMax) {
    channelsClamped = { from: hw.channelsMin, to: hw.channelsMax };
    hw.channelsMin = hw.channelsMax;
    // The minimum is now the maximum's value: it comes from where that was set.
    source.channelsMin = source.channelsMax;
  }
  if (hw.rateMin > hw.rateMax) hw.rateMin = hw.rateMax;
  hw.periodBytesMax = hw.bufferBytesMax;
  hw.periodsMax = Math.floor(hw.periodBytesMax / hw.periodBytesMin);
  // Made whole at the end, so that every level's reads have one shape for the rules that walk them.
  const reads: LevelReads = { channelsMin, channelsMax, rates, formats, bufferSize, channelsClamped };
  return { hw, source, reads };
}

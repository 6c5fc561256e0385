/**
 * The one table of everything sndif knows: keys, sample rates, sample formats, limits and
 * defaults, with the documentation shown to users. Parser, libxl model, resolver, rules,
 * hover, completion and quick-fixes all read from here.
 *
 * Sources: Linux sound/xen/xen_snd_front_cfg.c (K), xen/include/public/io/sndif.h (P),
 * tools/xl/xl_parse.c (X), tools/libs/light/libxl_vsnd.c and libxl_types.idl (L).
 */

export type Level = 'default' | 'card' | 'device' | 'stream';
export type ItemType = 'card' | 'pcm' | 'stream';

export const ITEM_TYPES: readonly ItemType[] = ['card', 'pcm', 'stream'];

export const ITEM_DOCS: Record<ItemType, string> = {
  card: 'Sets keys of the whole virtual sound card. May appear anywhere in the card\'s list; its sample parameters are the defaults every PCM device inherits.',
  pcm: 'Starts a new PCM device (XenStore node `N/` below the card). Its parameters override the card\'s for this device and its streams.',
  stream: 'Adds a stream to the latest PCM device (xl creates a device first if there is none). Needs `type=p` or `type=c`, or the guest\'s card fails to probe.',
};

export type ValueKind = 'rates' | 'formats' | 'number' | 'string' | 'type' | 'backend';

export interface KeyInfo {
  readonly name: string;
  /** xl items that accept the key (X: parse_vsnd_*_param). */
  readonly items: readonly ItemType[];
  /** Level in XenStore where the key is written, or null when libxl does not write it there. */
  readonly xenstore: boolean;
  /** True for the five keys the kernel reads at every level (K: cfg_read_pcm_hw). */
  readonly common: boolean;
  readonly kind: ValueKind;
  readonly doc: string;
  readonly values: string;
  readonly defaultText: string;
}

const COMMON_ITEMS: readonly ItemType[] = ['card', 'pcm', 'stream'];

export const KEYS: readonly KeyInfo[] = [
  {
    name: 'sample-rates', items: COMMON_ITEMS, xenstore: true, common: true, kind: 'rates',
    doc: 'Sample rates the stream accepts. In xl.cfg separated by `;`, in XenStore by `,`. The Linux frontend keeps only the rates it knows; when none of them is known the inherited rates stay.',
    values: '5512 8000 11025 16000 22050 32000 44100 48000 64000 96000 176400 192000',
    defaultText: 'continuous 5512–48000 Hz (the ALSA 8000–48000 set)',
  },
  {
    name: 'sample-formats', items: COMMON_ITEMS, xenstore: true, common: true, kind: 'formats',
    doc: 'Sample formats the stream accepts. In xl.cfg separated by `;`, in XenStore by `,`. xl checks each name against libxl\'s list; the Linux frontend ignores names it does not know.',
    values: 's8 u8 s16_le s16_be u16_le u16_be s24_le s24_be u24_le u24_be s32_le s32_be u32_le u32_be iec958_subframe_le iec958_subframe_be mu_law a_law ima_adpcm mpeg gsm',
    defaultText: 'u8 s16_le',
  },
  {
    name: 'channels-min', items: COMMON_ITEMS, xenstore: true, common: true, kind: 'number',
    doc: 'Smallest number of channels. 0 or an unreadable number means "not set": the inherited value stays.',
    values: 'a positive decimal number', defaultText: '1',
  },
  {
    name: 'channels-max', items: COMMON_ITEMS, xenstore: true, common: true, kind: 'number',
    doc: 'Largest number of channels. When channels-min ends up above it, the frontend lowers channels-min to it.',
    values: 'a positive decimal number', defaultText: '2',
  },
  {
    name: 'buffer-size', items: COMMON_ITEMS, xenstore: true, common: true, kind: 'number',
    doc: 'Largest buffer in bytes (ALSA buffer_bytes_max). It is also the largest period; periods range from 2 to buffer-size / 64.',
    values: 'bytes, at least 128 for two periods of 64 bytes', defaultText: '65536',
  },
  {
    name: 'backend', items: ['card'], xenstore: false, common: false, kind: 'backend',
    doc: 'Backend domain, by name or id. libxl resolves it and writes the backend path, not this key.',
    values: 'a domain name or id', defaultText: 'Domain-0',
  },
  {
    name: 'short-name', items: ['card'], xenstore: true, common: false, kind: 'string',
    doc: 'Short name of the virtual sound card.', values: 'text without commas', defaultText: 'none',
  },
  {
    name: 'long-name', items: ['card'], xenstore: true, common: false, kind: 'string',
    doc: 'Long name of the virtual sound card.', values: 'text without commas', defaultText: 'none',
  },
  {
    name: 'name', items: ['pcm'], xenstore: true, common: false, kind: 'string',
    doc: 'Name of the PCM device. The Linux frontend keeps at most 79 bytes of it and makes it the ALSA PCM id the guest lists, which keeps 63.',
    values: 'text without commas, at most 63 bytes', defaultText: 'empty',
  },
  {
    name: 'unique-id', items: ['stream'], xenstore: true, common: false, kind: 'string',
    doc: 'Identifier of the stream, used by the backend to pick the host device. Should be unique within the card.',
    values: 'text without commas', defaultText: 'none',
  },
  {
    name: 'type', items: ['stream'], xenstore: true, common: false, kind: 'type',
    doc: 'Stream direction: `p` playback, `c` capture. Required by the guest: a stream without it makes the whole card fail to probe.',
    values: 'p, c', defaultText: 'none (the guest\'s card then fails to probe)',
  },
];

export const KEY_BY_NAME: ReadonlyMap<string, KeyInfo> = new Map(KEYS.map((k) => [k.name, k]));
export const COMMON_KEYS: readonly KeyInfo[] = KEYS.filter((k) => k.common);

export function keysForItem(item: ItemType): KeyInfo[] {
  return KEYS.filter((k) => k.items.includes(item));
}

/** Keys a frontend card, device or stream directory may hold besides the configuration. */
export const RUNTIME_KEYS: Record<'card' | 'device' | 'stream', readonly string[]> = {
  card: ['backend', 'backend-id', 'state', 'protocol'],
  device: [],
  stream: ['ring-ref', 'event-channel', 'evt-ring-ref', 'evt-event-channel'],
};

/** Config keys that the kernel reads at each XenStore level. */
export const CONFIG_KEYS_AT: Record<'card' | 'device' | 'stream', readonly string[]> = {
  card: ['short-name', 'long-name', ...COMMON_KEYS.map((k) => k.name)],
  device: ['name', ...COMMON_KEYS.map((k) => k.name)],
  stream: ['unique-id', 'type', ...COMMON_KEYS.map((k) => k.name)],
};

export interface RateInfo { readonly value: number; readonly name: string }

/** K: CFG_HW_SUPPORTED_RATES. */
export const RATES: readonly RateInfo[] = [5512, 8000, 11025, 16000, 22050, 32000, 44100, 48000, 64000, 96000, 176400, 192000]
  .map((value) => ({ value, name: String(value) }));

/** SNDRV_PCM_RATE_8000_48000: the rates of the default CONTINUOUS set. */
export const DEFAULT_RATES: readonly number[] = [8000, 11025, 16000, 22050, 32000, 44100, 48000];

export interface FormatInfo {
  /** Name in sndif.h and in the Linux frontend (P, K). */
  readonly name: string;
  /** Name libxl parses and writes (L), which differs for the float formats. */
  readonly libxlName: string;
  /** Physical bits per sample in ALSA, or null where the width varies (mpeg, gsm). */
  readonly bits: number | null;
  readonly doc: string;
}

function fmt(name: string, bits: number | null, doc: string, libxlName = name): FormatInfo {
  return { name, libxlName, bits, doc };
}

/** Protocol order (P). */
export const FORMATS: readonly FormatInfo[] = [
  fmt('s8', 8, 'signed 8-bit'),
  fmt('u8', 8, 'unsigned 8-bit'),
  fmt('s16_le', 16, 'signed 16-bit little-endian'),
  fmt('s16_be', 16, 'signed 16-bit big-endian'),
  fmt('u16_le', 16, 'unsigned 16-bit little-endian'),
  fmt('u16_be', 16, 'unsigned 16-bit big-endian'),
  fmt('s24_le', 32, 'signed 24-bit little-endian in 32-bit containers'),
  fmt('s24_be', 32, 'signed 24-bit big-endian in 32-bit containers'),
  fmt('u24_le', 32, 'unsigned 24-bit little-endian in 32-bit containers'),
  fmt('u24_be', 32, 'unsigned 24-bit big-endian in 32-bit containers'),
  fmt('s32_le', 32, 'signed 32-bit little-endian'),
  fmt('s32_be', 32, 'signed 32-bit big-endian'),
  fmt('u32_le', 32, 'unsigned 32-bit little-endian'),
  fmt('u32_be', 32, 'unsigned 32-bit big-endian'),
  fmt('float_le', 32, '32-bit float little-endian', 'f32_le'),
  fmt('float_be', 32, '32-bit float big-endian', 'f32_be'),
  fmt('float64_le', 64, '64-bit float little-endian', 'f64_le'),
  fmt('float64_be', 64, '64-bit float big-endian', 'f64_be'),
  fmt('iec958_subframe_le', 32, 'IEC958 (S/PDIF) subframe little-endian'),
  fmt('iec958_subframe_be', 32, 'IEC958 (S/PDIF) subframe big-endian'),
  fmt('mu_law', 8, 'G.711 mu-law'),
  fmt('a_law', 8, 'G.711 A-law'),
  fmt('ima_adpcm', 4, 'IMA ADPCM'),
  fmt('mpeg', null, 'MPEG audio'),
  fmt('gsm', null, 'GSM'),
];

export const FORMAT_BY_NAME: ReadonlyMap<string, FormatInfo> = new Map(FORMATS.map((f) => [f.name, f]));
export const FORMAT_BY_LIBXL_NAME: ReadonlyMap<string, FormatInfo> = new Map(FORMATS.map((f) => [f.libxlName, f]));

export const DEFAULT_FORMATS: readonly string[] = ['u8', 's16_le'];

export const STREAM_TYPES = [
  { name: 'p', doc: 'playback' },
  { name: 'c', doc: 'capture' },
] as const;

export const LIMITS = {
  /** XENSND_SAMPLE_RATE_MAX_LEN (P): strncasecmp length for rate names. */
  rateNameLength: 11,
  /** XENSND_SAMPLE_FORMAT_MAX_LEN (P). */
  formatNameLength: 24,
  /**
   * SNDRV_PCM_DEVICES (K, include/sound/pcm.h) without CONFIG_SND_DYNAMIC_MINORS, the Kconfig
   * default; the guest's limit is a setting (PCM_DEVICE_LIMITS).
   */
  maxDevices: 8,
  /** The frontend formats each index into `char node[3]`: indices from 100 on are cut to 2 digits. */
  indexNameBytes: 2,
  /** VSND_MAX_STREAM (K). */
  maxStreams: 8,
  /** sizeof(pcm_instance->name) - 1 (K: strlcpy into char[80]). */
  pcmNameBytes: 79,
  /**
   * sizeof(snd_pcm.id) - 1 (K: include/sound/pcm.h): the frontend passes the PCM name to
   * snd_pcm_new as the device's id, which keeps 63 bytes; that id is what the guest lists
   * (`aplay -l`, /proc/asound/pcm). Its `name` is always "Virtual card PCM".
   */
  alsaPcmIdBytes: 63,
  /** sizeof("p"): the stream type is compared over 2 bytes, so only "p"/"P" and "c"/"C" match. */
  typeCompareLength: 2,
} as const;

/** SND_DRV_PCM_HW_DEFAULT (K). */
export const HW_DEFAULTS = {
  formats: DEFAULT_FORMATS,
  rates: DEFAULT_RATES,
  continuous: true,
  rateMin: 5512,
  rateMax: 48000,
  channelsMin: 1,
  channelsMax: 2,
  bufferBytesMax: 65536,
  periodBytesMin: 64,
  periodBytesMax: 65536,
  periodsMin: 2,
  periodsMax: 1024,
} as const;

/**
 * How many PCM devices the guest's frontend reads per card: SNDRV_PCM_DEVICES, 8 without
 * CONFIG_SND_DYNAMIC_MINORS, SNDRV_OS_MINORS - 2 = 254 with it (Debian and Ubuntu kernels set it).
 */
export const PCM_DEVICE_LIMITS = [8, 254] as const;
export type MaxPcmDevices = (typeof PCM_DEVICE_LIMITS)[number];
export const DEFAULT_MAX_PCM_DEVICES: MaxPcmDevices = 8;

/** The kernel option behind a device limit, for messages. */
export function deviceLimitCondition(limit: MaxPcmDevices): string {
  return limit === 8 ? 'without CONFIG_SND_DYNAMIC_MINORS' : 'with CONFIG_SND_DYNAMIC_MINORS';
}

export function isMaxPcmDevices(n: unknown): n is MaxPcmDevices {
  return PCM_DEVICE_LIMITS.includes(n as MaxPcmDevices);
}

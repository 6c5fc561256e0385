/**
 * Random vsnd settings, valid and broken: misspelled and mis-cased keys, blanks around `=`,
 * `,` inside lists, hex and octal numbers, junk numbers, unknown and mis-cased formats, bad and
 * missing stream types, streams before any PCM, repeated card items, empty items. Seeded, so
 * a failing case can be replayed with SNDIF_SEED.
 */

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateConfig(rand: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const RATES = ['8000', '11025', '16000', '22050', '32000', '44100', '48000', '96000', '192000', '44000', '0x1f40', '044100', '010', 'lots', '96k', '-1', '4294967297', ' 48000', '48000 '];
  const FORMATS = ['s16_le', 's32_le', 'u8', 's8', 'S16_LE', 'U24_BE', 'f32_le', 'F64_BE', 'float_le', 'bogus', 'mu_law', 'gsm', 's16le', ' s16_le'];
  const NUMBERS = ['1', '2', '6', '0', '0x10', '010', '2x', 'lots', '-1', '65536', '4096', '4294967297', ' 2'];
  const TYPES = ['p', 'c', 'P', 'C', 'x', 'playback', '', 'p '];
  const NAMES = ['Main', 'Out 1', 'mic', 'ünï', 'a=b', ''];
  const list = (values: readonly string[]) => {
    const n = 1 + Math.floor(rand() * 3);
    const items = Array.from({ length: n }, () => pick(values));
    return items.join(chance(0.08) ? ', ' : ';') + (chance(0.04) ? ';' : '');
  };
  const value = (key: string): string => {
    switch (key) {
      case 'sample-rates': return chance(0.03) ? '' : list(RATES);
      case 'sample-formats': return chance(0.03) ? '' : list(FORMATS);
      case 'channels-min': case 'channels-max': case 'buffer-size': return pick(NUMBERS);
      case 'type': return pick(TYPES);
      default: return pick(NAMES);
    }
  };
  const COMMON = ['sample-rates', 'sample-formats', 'channels-min', 'channels-max', 'buffer-size'];
  const KEYS: Record<string, string[]> = {
    card: [...COMMON, 'short-name', 'long-name'],
    pcm: [...COMMON, 'name'],
    stream: [...COMMON, 'unique-id', 'type', 'type', 'type'],
  };
  const WRONG = ['id', 'Sample-Rates', 'sample_rates', 'rate', 'volume', 'name', 'unique-id', 'short-name', 'channels'];
  const param = (item: string): string => {
    let key = chance(0.07) ? pick(WRONG) : pick(KEYS[item]);
    const v = value(key);
    const eq = chance(0.05) ? pick([' =', '= ', ' = ']) : '=';
    if (chance(0.03)) key = key.toUpperCase();
    return `${chance(0.1) ? ' ' : ''}${key}${eq}${v}`;
  };
  const itemWord = (item: string) => (chance(0.03) ? pick(['PMC', 'STREEM', 'speaker', 'CARD ']) : pick([item.toUpperCase(), item, item[0].toUpperCase() + item.slice(1)]));
  const item = (kind: string) => {
    const params = Array.from({ length: Math.floor(rand() * 3) }, () => param(kind));
    return [itemWord(kind), ...params].join(chance(0.5) ? ', ' : ',');
  };
  const card = (): string => {
    const items: string[] = [];
    if (chance(0.6)) items.push(item('card'));
    const pcms = chance(0.05) ? 0 : 1 + Math.floor(rand() * 2);
    if (chance(0.08)) items.push(item('stream')); // a stream before any PCM
    for (let i = 0; i < pcms; i++) {
      items.push(item('pcm'));
      const streams = Math.floor(rand() * 3);
      for (let j = 0; j < streams; j++) items.push(item('stream'));
      if (chance(0.1)) items.push(item('card')); // card items may come anywhere
    }
    if (chance(0.05)) items.push('');
    const quote = (s: string) => (s.includes("'") ? `"${s}"` : `'${s}'`);
    return `[ ${items.map(quote).join(',\n      ')} ]`;
  };
  const cards = Array.from({ length: 1 + Math.floor(rand() * 2) }, card);
  return `name = "fuzz"\nkernel = "/boot/vmlinuz"\nvsnd = [\n    ${cards.join(',\n    ')},\n]\n`;
}

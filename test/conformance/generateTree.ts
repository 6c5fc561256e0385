/**
 * Random damaged XenStore trees for the sound frontend, as a guest could find them: keys with
 * junk, blank, signed, prefixed, huge and NUL-bearing values, lists with unknown, blank,
 * mis-cased and mis-separated pieces, missing and invalid stream types, gaps in device and
 * stream numbering, more devices or streams than the limits (a few with over 100 devices),
 * nodes that exist only because something lies below them, names that look numeric but are
 * not. Rendered as `xenstore-ls -f` or plain listings for sndif.
 */
import { escapeXenStore } from '../../server/src/service/report';
import type { Tree } from './realLinux';

export function randomTree(rand: () => number): Tree {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const chance = (p: number) => rand() < p;
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const RATES = ['8000', '11025', '16000', '22050', '32000', '44100', '48000', '64000', '96000', '176400', '192000', '5512', '88200',
    '44000', '0x1f40', '044100', '48000 ', ' 48000', '48000\t', '4800', '480000', '48000xyz', 'lots', '', '48000;44100', '192000000000'];
  const FORMATS = ['s8', 'u8', 's16_le', 's16_be', 'u16_le', 's24_le', 'u24_be', 's32_le', 'u32_be', 'f32_le', 'f64_be', 'iec958_subframe_le',
    'mu_law', 'a_law', 'ima_adpcm', 'mpeg', 'gsm', 'S16_LE', 'F32_Le', 'float_le', 's16le', ' s16_le', 's16_le ', 'bogus', '', 's16_le\x00s32_le'];
  const NUMBERS = ['1', '2', '6', '8', '0', '00', '010', '0x10', ' 2', '\t4', '\xa02', '+2', '-1', '2x', '2 ', 'lots', '', '65536', '4096',
    '1048576', '4294967295', '4294967296', '4294967297', '18446744073709551617', '99999999999999999999999', '3\x007'];
  const TYPES = ['p', 'c', 'P', 'C', 'p ', 'pc', 'x', '', 'playback', 'c\x00junk', '\x00', ' p'];
  const NAMES = ['Main', 'Out 1', 'mic', 'caf\xc3\xa9', 'a\x00b', '', 'x'.repeat(79), 'y'.repeat(80), 'z'.repeat(200), '\xff\xfe'];
  const NOISE_NAMES = ['01', '00', '1a', '-1', '_1', '@0', '08'];
  const list = (values: readonly string[]) => {
    const n = int(1, 3);
    return Array.from({ length: n }, () => pick(values)).join(chance(0.1) ? pick([';', ', ', ',,']) : ',') + (chance(0.05) ? ',' : '');
  };
  const nodes = new Map<string, string>();
  const cards: string[] = [];
  const hwKeys = (dir: string, p: number) => {
    if (chance(p)) nodes.set(`${dir}/sample-rates`, chance(0.1) ? pick(RATES) : list(RATES));
    if (chance(p)) nodes.set(`${dir}/sample-formats`, chance(0.1) ? pick(FORMATS) : list(FORMATS));
    if (chance(p)) nodes.set(`${dir}/channels-min`, pick(NUMBERS));
    if (chance(p)) nodes.set(`${dir}/channels-max`, pick(NUMBERS));
    if (chance(p)) nodes.set(`${dir}/buffer-size`, pick(NUMBERS));
    if (chance(0.03)) nodes.set(`${dir}/${pick(['Sample-Rates', 'sample_rates', 'rate', 'channels'])}`, pick(NUMBERS));
  };
  /** Indices 0..n-1, some dropped (a gap), some added past the end. */
  const indices = (n: number): number[] => {
    const out = Array.from({ length: n }, (_, i) => i);
    if (n > 0 && chance(0.12)) out.splice(int(0, n - 1), 1);
    if (chance(0.05)) out.push(n + int(1, 3));
    return out;
  };
  const domid = int(1, 3);
  nodes.set(`/local/domain/${domid}/name`, `guest-${domid}`);
  nodes.set(`/local/domain/${domid}/device/vif/0/mac`, '00:16:3e:00:00:01');
  const cardIndices = chance(0.15) ? [0, 1] : [chance(0.1) ? 1 : 0];
  for (const c of cardIndices) {
    const card = `/local/domain/${domid}/device/vsnd/${c}`;
    cards.push(card);
    nodes.set(`${card}/backend`, `/local/domain/0/backend/vsnd/${domid}/${c}`);
    if (chance(0.5)) nodes.set(`${card}/short-name`, pick(NAMES));
    hwKeys(card, 0.35);
    const r = rand();
    const deviceCount = r < 0.05 ? 0 : r < 0.75 ? int(1, 3) : r < 0.9 ? int(4, 9) : r < 0.97 ? int(10, 12) : int(99, 103);
    for (const d of indices(deviceCount)) {
      const device = `${card}/${d}`;
      if (chance(0.3) || deviceCount > 12) nodes.set(device, chance(0.8) ? '' : pick(NAMES));
      if (chance(0.5)) nodes.set(`${device}/name`, pick(NAMES));
      hwKeys(device, deviceCount > 12 ? 0.05 : 0.25);
      const sr = rand();
      const streamCount = sr < 0.15 ? 0 : sr < 0.93 ? int(1, 3) : int(7, 10);
      for (const s of indices(streamCount)) {
        const stream = `${device}/${s}`;
        if (chance(0.96)) nodes.set(`${stream}/type`, chance(0.92) ? pick(['p', 'c']) : pick(TYPES));
        else if (chance(0.5)) nodes.set(stream, '');
        if (chance(0.5)) nodes.set(`${stream}/unique-id`, pick(['pulse', 'alsa<hw:0;0>', '']));
        hwKeys(stream, 0.2);
        if (chance(0.03)) nodes.set(`${stream}/0/type`, 'p');
      }
      if (chance(0.04)) nodes.set(`${device}/${pick(NOISE_NAMES)}/type`, 'p');
    }
    if (chance(0.04)) nodes.set(`${card}/${pick(NOISE_NAMES)}/0/type`, 'p');
  }
  return { nodes, cards };
}

/** The tree as xenstore-ls prints it: every node (written ones and those above them), `-f` or plain. */
export function renderDump(tree: Tree, full: boolean): string {
  interface N { name: string; value: string; kids: Map<string, N> }
  const root: N = { name: '', value: '', kids: new Map() };
  for (const [path, value] of tree.nodes) {
    let node = root;
    for (const name of path.split('/').slice(1)) {
      let kid = node.kids.get(name);
      if (!kid) node.kids.set(name, (kid = { name, value: '', kids: new Map() }));
      node = kid;
    }
    node.value = value;
  }
  const lines: string[] = [];
  const walk = (node: N, path: string, depth: number) => {
    for (const kid of node.kids.values()) {
      const p = `${path}/${kid.name}`;
      lines.push(full ? `${p} = "${escapeXenStore(kid.value)}"` : `${' '.repeat(depth)}${kid.name} = "${escapeXenStore(kid.value)}"`);
      walk(kid, p, depth + 1);
    }
  };
  walk(root, '', 0);
  return `${lines.join('\n')}\n`;
}

/** How many devices 0, 1, … exist in a row below a card (what the frontend counts up to its limit). */
export function deviceRun(tree: Tree, card: string): number {
  const exists = (p: string) => [...tree.nodes.keys()].some((k) => k === p || k.startsWith(`${p}/`));
  let n = 0;
  while (exists(`${card}/${n}`)) n++;
  return n;
}

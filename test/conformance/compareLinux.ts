/** `sndif resolve --format json` against what the real Linux reader configured: every difference, in words. */
import { main } from '../../server/src/cli/main';
import { fromBytes } from '../../server/src/tree/xenstoreTree';
import type { HwJson } from '../../server/src/service/report';
import type { KernelCard, KernelHw } from './realLinux';

export interface OurStream { index: number; cardIndex?: number; type: 'p' | 'c' | null; hw: HwJson }
export interface OurCard {
  id: string;
  path: string;
  probe: 'ok' | 'failed';
  error?: string;
  hw: HwJson;
  devices: { index: number; name: string; hw: HwJson; streams: OurStream[] }[];
}

/** Runs the CLI in this process (same code path as the `sndif` binary, without a Node start per file). */
export async function sndifResolve(file: string, lang: 'xl' | 'xenstore', extra: string[] = []): Promise<OurCard[]> {
  let out = '';
  let err = '';
  const status = await main(['resolve', '--format', 'json', '--lang', lang, ...extra, file], { out: (t) => { out += t; }, err: (t) => { err += t; } });
  if (status === 2 || !out) throw new Error(`sndif resolve ${file} failed (${status}): ${err}`);
  return (JSON.parse(out) as { cards: OurCard[] }).cards;
}

const ERRNO: Record<number, string> = { 0: 'ok', [-19]: 'ENODEV', [-2]: 'ENOENT', [-22]: 'EINVAL' };

function hwProblems(where: string, ours: HwJson, kernel: KernelHw): string[] {
  const problems: string[] = [];
  if (kernel.otherFormatBits || kernel.otherRateBits) problems.push(`${where}: the kernel set bits outside its own tables`);
  const same = (name: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${where}: ${name} kernel ${JSON.stringify(b)}, sndif ${JSON.stringify(a)}`);
  };
  same('formats', [...ours.formats].sort(), [...kernel.formats].sort());
  same('rates', [...ours.rates].sort((a, b) => a - b), [...kernel.rates].sort((a, b) => a - b));
  for (const key of ['continuous', 'rateMin', 'rateMax', 'channelsMin', 'channelsMax', 'bufferBytesMax', 'periodBytesMin', 'periodBytesMax', 'periodsMin', 'periodsMax'] as const) {
    same(key, ours[key], kernel[key]);
  }
  return problems;
}

export function compareCard(ours: OurCard | undefined, kernel: KernelCard, cardPath: string): string[] {
  if (!ours) return [`${cardPath}: sndif finds no card here; the kernel returns ${kernel.ret}`];
  const problems: string[] = [];
  const kernelProbe = ERRNO[kernel.ret] ?? `errno ${kernel.ret}`;
  const ourProbe = ours.probe === 'ok' ? 'ok' : (ours.error?.match(/^-(E[A-Z]+)/)?.[1] ?? ours.error ?? '?');
  if (kernelProbe !== ourProbe) problems.push(`${cardPath}: probe: kernel ${kernelProbe}, sndif ${ourProbe}${ours.error ? ` (${ours.error})` : ''}`);
  if (kernel.card) problems.push(...hwProblems(`${cardPath} card`, ours.hw, kernel.card));
  if (kernel.ret === -2 || kernel.ret === -22) {
    // The stream whose type the kernel read last is the one that failed.
    const failed = kernel.lastTypePath?.replace(/\/type$/, '');
    if (failed && !ours.error?.includes(`Stream ${failed} `)) problems.push(`${cardPath}: the kernel fails on stream ${failed}; sndif says: ${ours.error}`);
  }
  if (kernel.ret !== 0 || ours.probe !== 'ok') return problems;
  if (ours.devices.length !== kernel.devices.length) {
    problems.push(`${cardPath}: kernel ${kernel.devices.length} PCM devices, sndif ${ours.devices.length}`);
    return problems;
  }
  kernel.devices.forEach((kd, i) => {
    const od = ours.devices[i];
    const where = `${cardPath}/${kd.id}`;
    if (od.index !== kd.id) problems.push(`${where}: device id kernel ${kd.id}, sndif ${od.index}`);
    if (od.name !== fromBytes(kd.name)) problems.push(`${where}: name kernel ${JSON.stringify(fromBytes(kd.name))}, sndif ${JSON.stringify(od.name)}`);
    problems.push(...hwProblems(where, od.hw, kd.hw));
    for (const [type, list] of [['p', kd.playback], ['c', kd.capture]] as const) {
      const mine = od.streams.filter((s) => s.type === type);
      if (mine.length !== list.length) {
        problems.push(`${where}: ${type} streams kernel ${list.length}, sndif ${mine.length}`);
        continue;
      }
      list.forEach((ks, j) => {
        const os = mine[j];
        const path = `${cardPath}/${od.index}/${os.index}`;
        if (ks.path !== path) problems.push(`${where}: ${type} stream ${j} is ${ks.path} for the kernel, ${path} for sndif`);
        if (ks.index !== os.cardIndex) problems.push(`${ks.path}: stream index kernel ${ks.index}, sndif ${os.cardIndex}`);
        problems.push(...hwProblems(ks.path, os.hw, ks.hw));
      });
    }
  });
  if (ours.devices.reduce((n, d) => n + d.streams.length, 0) !== kernel.streamCount) {
    problems.push(`${cardPath}: kernel ${kernel.streamCount} streams in all, sndif ${ours.devices.reduce((n, d) => n + d.streams.length, 0)}`);
  }
  return problems;
}

/**
 * Runs Debian's real xl 4.17 (`xl -N create`, a dry run) with the LD_PRELOAD shim fakexen.c,
 * built here with gcc, so that its config parsing runs untouched on a machine without Xen.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const XL = '/usr/lib/xen-4.17/bin/xl';
const SOURCE = join(__dirname, '..', '..', '..', 'test', 'conformance', 'fakexen.c');

export function xlAvailable(): boolean {
  return existsSync(XL) && spawnSync('gcc', ['--version']).status === 0;
}

let shim: string | undefined;
let scratch: string | undefined;

function buildShim(): string {
  if (shim) return shim;
  scratch = mkdtempSync(join(tmpdir(), 'sndif-xl-'));
  const out = join(scratch, 'fakexen.so');
  const gcc = spawnSync('gcc', ['-shared', '-fPIC', '-O2', '-o', out, SOURCE], { encoding: 'utf8' });
  if (gcc.status !== 0) throw new Error(`gcc failed: ${gcc.stderr}`);
  shim = out;
  return out;
}

export interface XlVsndParams {
  sample_rates?: number[];
  sample_formats?: string[];
  channels_min?: number;
  channels_max?: number;
  buffer_size?: number;
}

export interface XlVsnd {
  short_name?: string;
  long_name?: string;
  params: XlVsndParams;
  pcms?: { name?: string; params: XlVsndParams; streams?: { unique_id?: string; type?: string; params: XlVsndParams }[] }[];
}

export interface XlResult {
  /** 0 accepted; 1 rejected; a signal name when xl crashed. */
  readonly status: number | string;
  readonly vsnds: XlVsnd[];
  /** stderr without the "Parsing config from" line. */
  readonly messages: string[];
}

let counter = 0;

export function runXl(config: string): XlResult {
  const so = buildShim();
  const file = join(scratch!, `case-${counter++}.cfg`);
  writeFileSync(file, config);
  const r = spawnSync(XL, ['-N', 'create', file], { env: { ...process.env, LD_PRELOAD: so }, encoding: 'latin1', timeout: 20000 });
  const messages = Buffer.from(r.stderr, 'latin1').toString('utf8').split('\n').filter((l) => l && !l.startsWith('Parsing config from'));
  const status = r.signal ?? r.status ?? -1;
  let vsnds: XlVsnd[] = [];
  if (status === 0) {
    const json = JSON.parse(Buffer.from(r.stdout, 'latin1').toString('utf8')) as { vsnds?: XlVsnd[] };
    vsnds = json.vsnds ?? [];
  }
  return { status, vsnds, messages: messages.map((m) => m.replace(file, 'FILE')) };
}

/** What libxl writes for xl's parsed cards (libxl_vsnd.c), from xl's own JSON. */
export function keysFromXlJson(vsnds: XlVsnd[], domid: number): string[] {
  const out: string[] = [];
  const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('latin1');
  vsnds.forEach((card, n) => {
    const base = `/local/domain/${domid}/device/vsnd/${n}`;
    const params = (dir: string, p: XlVsndParams) => {
      if (p.sample_rates?.length) out.push(`${dir}/sample-rates=${p.sample_rates.join(',')}`);
      if (p.sample_formats?.length) out.push(`${dir}/sample-formats=${p.sample_formats.join(',')}`);
      if (p.channels_min) out.push(`${dir}/channels-min=${p.channels_min}`);
      if (p.channels_max) out.push(`${dir}/channels-max=${p.channels_max}`);
      if (p.buffer_size) out.push(`${dir}/buffer-size=${p.buffer_size}`);
    };
    if (card.long_name !== undefined) out.push(`${base}/long-name=${utf8(card.long_name)}`);
    if (card.short_name !== undefined) out.push(`${base}/short-name=${utf8(card.short_name)}`);
    params(base, card.params);
    (card.pcms ?? []).forEach((pcm, i) => {
      if (pcm.name !== undefined) out.push(`${base}/${i}/name=${utf8(pcm.name)}`);
      params(`${base}/${i}`, pcm.params);
      (pcm.streams ?? []).forEach((s, j) => {
        if (s.unique_id !== undefined) out.push(`${base}/${i}/${j}/unique-id=${utf8(s.unique_id)}`);
        if (s.type) out.push(`${base}/${i}/${j}/type=${s.type}`);
        params(`${base}/${i}/${j}`, s.params);
      });
    });
  });
  return out;
}

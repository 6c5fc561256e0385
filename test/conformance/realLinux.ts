/**
 * The real Linux sound frontend's configuration reader, run in user space: Debian's
 * linux-source-6.1 package holds sound/xen/xen_snd_front_cfg.c; the test extracts that file,
 * its header and sndif.h into a temporary directory, and gcc compiles them with our shim of the
 * kernel API (fakelinux/) twice: SNDRV_PCM_DEVICES 8 (the Kconfig default) and 254
 * (CONFIG_SND_DYNAMIC_MINORS). The kernel code (GPL-2.0 OR MIT) is never stored in this
 * repository; it only lives in temporary directories: the three extracted files are kept in
 * the system's temporary directory, named after the tarball's size and time, so that later
 * runs on the same machine skip the minute of decompression.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HwJson } from '../../server/src/service/report';

const SHIM = join(__dirname, '..', '..', '..', 'test', 'conformance', 'fakelinux');
const TOP = 'linux-source-6.1';
const MEMBERS = ['sound/xen/xen_snd_front_cfg.c', 'sound/xen/xen_snd_front_cfg.h', 'include/xen/interface/io/sndif.h'];

export type DeviceLimit = 8 | 254;

/** Debian's kernel source tarball, as `apt-get install linux-source-6.1` leaves it. */
export function linuxSourceTarball(): string | undefined {
  const file = `/usr/src/${TOP}.tar.xz`;
  return existsSync(file) ? file : undefined;
}

export function linuxReaderAvailable(): boolean {
  return linuxSourceTarball() !== undefined && spawnSync('gcc', ['--version']).status === 0 && spawnSync('tar', ['--version']).status === 0;
}

/** The reader's snd_pcm_hardware in sndif's JSON shape, plus any bits outside its own tables. */
export interface KernelHw extends HwJson {
  otherFormatBits: number;
  otherRateBits: number;
}

export interface KernelStream { index: number; path: string; hw: KernelHw }

export interface KernelCard {
  /** xen_snd_front_cfg_card's return value: 0 or a negative errno. */
  ret: number;
  streamCount: number;
  /** The last `type` node the reader asked for: the failing stream's, when ret is -ENOENT or -EINVAL. */
  lastTypePath: string | null;
  card?: KernelHw;
  devices: { id: number; name: string; hw: KernelHw; playback: KernelStream[]; capture: KernelStream[] }[];
}

/** A XenStore tree: written nodes (path to value bytes, one char per byte) and the cards to read. */
export interface Tree {
  nodes: Map<string, string>;
  cards: string[];
}

export interface LinuxReaders {
  readonly dir: string;
  /** Wall-clock milliseconds to extract the kernel files from the tarball (0 when reused). */
  readonly extractMs: number;
  readonly reused: boolean;
  read(limit: DeviceLimit, trees: Tree[]): KernelCard[][];
  dispose(): void;
}

const hex = (bytes: string) => (bytes.length ? Buffer.from(bytes, 'latin1').toString('hex') : '-');
const unhex = (h: string) => Buffer.from(h, 'hex').toString('latin1');

/** The three kernel files, extracted once per tarball into the temporary directory. */
function extractKernelFiles(tarball: string): { source: string; extractMs: number; reused: boolean } {
  const stat = statSync(tarball);
  const source = join(tmpdir(), `sndif-${TOP}-${stat.size}-${Math.floor(stat.mtimeMs)}`);
  if (MEMBERS.every((m) => existsSync(join(source, m)))) return { source, extractMs: 0, reused: true };
  const partial = mkdtempSync(join(tmpdir(), 'sndif-linux-extract-'));
  const started = Date.now();
  const tar = spawnSync('tar', ['-xJf', tarball, '-C', partial, '--strip-components=1', ...MEMBERS.map((m) => `${TOP}/${m}`)], { encoding: 'utf8' });
  const extractMs = Date.now() - started;
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
  try {
    renameSync(partial, source);
  } catch {
    // Another run got there first: use its copy.
    rmSync(partial, { recursive: true, force: true });
  }
  return { source, extractMs, reused: false };
}

export function buildLinuxReaders(): LinuxReaders {
  const tarball = linuxSourceTarball();
  if (!tarball) throw new Error(`/usr/src/${TOP}.tar.xz is missing: apt-get install linux-source-6.1`);
  const { source, extractMs, reused } = extractKernelFiles(tarball);
  const dir = mkdtempSync(join(tmpdir(), 'sndif-linux-'));
  // Our headers, then the kernel's sndif.h beside our ring.h and grant_table.h stand-ins.
  const include = join(dir, 'include');
  mkdirSync(include, { recursive: true });
  cpSync(join(SHIM, 'include'), include, { recursive: true });
  cpSync(join(source, 'include'), include, { recursive: true });
  const binaries = new Map<DeviceLimit, string>();
  for (const limit of [8, 254] as const) {
    const out = join(dir, `reader-${limit}`);
    const args = ['-O1', '-g', '-fsanitize=address,undefined', '-fno-sanitize-recover=all', '-Wall', '-Wno-unused', '-Wno-format-truncation',
      '-I', join(source, 'sound', 'xen'), '-I', include, '-include', 'fakelinux.h',
      ...(limit === 254 ? ['-DCONFIG_SND_DYNAMIC_MINORS'] : []), join(SHIM, 'reader.c'), '-o', out];
    const gcc = spawnSync('gcc', args, { encoding: 'utf8' });
    if (gcc.status !== 0) throw new Error(`gcc failed: ${gcc.stderr}`);
    binaries.set(limit, out);
  }
  return {
    dir,
    extractMs,
    reused,
    read(limit, trees) {
      const input: string[] = [];
      for (const tree of trees) {
        input.push('T');
        for (const [path, value] of tree.nodes) input.push(`N ${hex(path)} ${hex(value)}`);
        for (const card of tree.cards) input.push(`C ${hex(card)}`);
      }
      const r = spawnSync(binaries.get(limit)!, [], {
        input: `${input.join('\n')}\n`, encoding: 'utf8', maxBuffer: 1 << 30,
        env: { ...process.env, ASAN_OPTIONS: 'detect_leaks=0:abort_on_error=0', UBSAN_OPTIONS: 'print_stacktrace=1' },
      });
      if (r.status !== 0) throw new Error(`the kernel reader failed (status ${r.status ?? r.signal}): ${r.stderr}`);
      const lines = r.stdout.split('\n').filter((l) => l);
      const results: KernelCard[][] = [];
      let next = 0;
      for (const tree of trees) {
        results.push(tree.cards.map(() => {
          const card = JSON.parse(lines[next++]) as KernelCard;
          card.lastTypePath = card.lastTypePath === null ? null : unhex(card.lastTypePath);
          for (const d of card.devices) {
            d.name = unhex(d.name);
            for (const s of [...d.playback, ...d.capture]) s.path = unhex(s.path);
          }
          return card;
        }));
      }
      return results;
    },
    dispose() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * `npm run bench`: speed and memory on generated inputs of 100 KB to 50 MB, against the floor
 * (reading the file and splitting it into lines) and against yaml-language-server on the same
 * dump as YAML. Prints one table and writes bench/results.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, analyzeForEditing } from '../server/src/service/analyze';
import { reanalyze } from '../server/src/service/incremental';
import { hover } from '../server/src/service/hover';
import { completion } from '../server/src/service/completion';
import { parseXenStoreDump } from '../server/src/syntax/xenstore/parser';
import { parseXl } from '../server/src/syntax/xl/parser';
import type { SndifLanguage } from '../server/src/service/language';
import { random } from '../test/conformance/generate';
import { dump, xlConfig } from './generate';
import { timeServerFresh } from './lsp';
import { toYaml } from './yaml';
import { scaling } from './scaling';
import { newKeyLine, sampleRatesInsertionOffset, typeIntoFresh } from './typing';
import { LineIndex } from '../server/src/text/lineIndex';
import { xlKeystroke, XlKeystrokeResult } from './xlKeystroke';

const ROOT = join(__dirname, '..', '..');
const MB = 1e6;
const SIZES = (process.env.BENCH_SIZES ?? '0.1,1,10,50').split(',').map(Number);
const XL_MAX = Number(process.env.BENCH_XL_MAX ?? 10);
const LSP_MAX = Number(process.env.BENCH_LSP_MAX ?? 10);
const TYPING_SIZES = (process.env.BENCH_TYPING_SIZES ?? '1,10').split(',').filter(Boolean).map(Number);
const TYPING_RUNS = Number(process.env.BENCH_TYPING_RUNS ?? 3);
const CLI_SIZES = (process.env.BENCH_CLI_SIZES ?? '10,50').split(',').filter(Boolean).map(Number);
/** `typing` runs only the typing scenario; `cli` only the CLI's; `table` all but typing. */
const ONLY = process.env.BENCH_ONLY;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

function timed(fn: () => unknown, runs: number): number {
  fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  return median(times);
}

interface Row {
  input: string; bytes: number; floorMs: number; parseMs: number; analysisMs: number; xFloor: number; mbPerS: number;
  hoverP50: number; hoverP95: number; completionP50: number; completionP95: number; editMs: number;
  rssPeakMB: number; heapPeakMB: number; rssPerInput: number; cards: number;
  lspOpenMs?: number; lspChangeMs?: number; yamlOpenMs?: number; yamlRatio?: number;
}

async function measure(name: string, text: string, language: SndifLanguage, dir: string): Promise<Row> {
  const file = join(dir, `${name}.${language === 'xl' ? 'cfg' : 'txt'}`);
  writeFileSync(file, text);
  const bytes = Buffer.byteLength(text);
  const runs = bytes > 20 * MB ? 3 : bytes > 5 * MB ? 5 : bytes > 0.5 * MB ? 10 : 20;
  const floorMs = timed(() => readFileSync(file, 'utf8').split('\n'), runs);
  const parseMs = timed(() => (language === 'xl' ? parseXl(text) : parseXenStoreDump(text)), runs);
  const analysisMs = timed(() => analyze(text, language), runs);
  const analysis = analyze(text, language);

  // Hover and completion at random positions inside vsnd lines.
  const rand = random(42);
  const lines = analysis.lines;
  const positions: number[] = [];
  const interesting = language === 'xl' ? /'(CARD|PCM|STREAM)/ : /vsnd|sample|type|channels|buffer|name/;
  while (positions.length < 300) {
    const line = Math.floor(rand() * lines.lineCount);
    const lineText = text.slice(lines.lineStart(line), lines.lineEnd(line));
    if (!interesting.test(lineText)) continue;
    positions.push(lines.lineStart(line) + Math.floor(rand() * Math.max(1, lineText.length)));
  }
  const latencies = (fn: (offset: number) => unknown) => positions.map((o) => {
    const t0 = performance.now();
    fn(o);
    return performance.now() - t0;
  });
  const hovers = latencies((o) => hover(analysis, o, 'file:///bench'));
  const completions = latencies((o) => completion(analysis, o));

  // A one-character edit in the middle of a vsnd value, analysed again.
  const editAt = text.indexOf(language === 'xl' ? 'channels-max=' : 'channels-max = "', Math.floor(text.length / 2));
  const valueAt = editAt + (language === 'xl' ? 'channels-max='.length : 'channels-max = "'.length);
  // One keystroke after another into that value, each re-analysed as the language server does
  // (incrementally where the edit allows it); the texts are made before the clock starts.
  const keys = 20;
  const texts = Array.from({ length: keys }, (_, i) => text.slice(0, valueAt) + '1'.repeat(i + 1) + text.slice(valueAt));
  let editable = analyzeForEditing(text, language);
  const editTimes = texts.map((next, i) => {
    const t0 = performance.now();
    editable = reanalyze(editable, { start: valueAt + i, end: valueAt + i, text: '1' }, next);
    return performance.now() - t0;
  });
  const editMs = median(editTimes);

  const mem = spawnSync(process.execPath, ['--expose-gc', join(__dirname, 'memory.js'), file, language], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const memory = JSON.parse(mem.stdout) as { rssPeakBytes: number; heapPeakBytes: number };

  const row: Row = {
    input: name, bytes, floorMs, parseMs, analysisMs, xFloor: analysisMs / floorMs, mbPerS: bytes / MB / (analysisMs / 1000),
    hoverP50: percentile(hovers, 50), hoverP95: percentile(hovers, 95), completionP50: percentile(completions, 50), completionP95: percentile(completions, 95),
    editMs, rssPeakMB: memory.rssPeakBytes / MB, heapPeakMB: memory.heapPeakBytes / MB, rssPerInput: memory.rssPeakBytes / bytes, cards: analysis.cards.length,
  };

  if (bytes <= LSP_MAX * MB * 1.05) {
    const pos = lines.positionAt(valueAt);
    // Each client in a process of its own, as an editor's is (see bench/lsp.ts).
    const sndif = timeServerFresh({
      command: [process.execPath, join(ROOT, 'bin', 'sndif.js'), 'lsp', '--stdio'], uri: `file://${file}`, languageId: language === 'xl' ? 'xl-cfg' : 'xenstore', textFile: file, edit: pos,
    });
    row.lspOpenMs = sndif.openMs;
    row.lspChangeMs = sndif.changeMs;
    if (language === 'xenstore' && bytes >= MB * 0.9) {
      writeFileSync(`${file}.yaml`, toYaml(text));
      const peer = timeServerFresh({
        command: [process.execPath, join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
        uri: `file://${file}.yaml`, languageId: 'yaml', textFile: `${file}.yaml`, settings: { validate: true, hover: true, completion: true },
      });
      row.yamlOpenMs = peer.openMs;
      row.yamlRatio = peer.openMs / sndif.openMs;
    }
  }
  return row;
}

const fmt = (n: number | undefined, digits = 1) => (n === undefined ? '–' : n.toFixed(digits));

interface TypingRow {
  input: string; scenario: string; server: string; runs: number; openMs: number; hoverP50: number; hoverP95: number; lastDiagnosticsMs: number | undefined; diagnostics: number;
  /** The protocol floor: only didOpen → (empty) diagnostics is measured. */
  openOnly?: boolean;
}

const TYPED = ',96000,192000,22050,'; // 20 characters into a sample-rates value
const TYPING_INTERVAL_MS = 60;

/**
 * Types into the middle of a `-f` host dump in sndif and, on the same content as YAML, in
 * yaml-language-server; medians over the runs (the p95 of each run's 20 hovers).
 */
async function typing(dir: string): Promise<TypingRow[]> {
  const rows: TypingRow[] = [];
  for (const size of TYPING_SIZES) {
    const text = dump(size * MB, 'full');
    const yaml = toYaml(text);
    const file = join(dir, `typing-${size}MB.txt`);
    writeFileSync(file, text);
    writeFileSync(`${file}.yaml`, yaml);
    const servers = [
      { server: 'sndif', command: [process.execPath, join(ROOT, 'bin', 'sndif.js'), 'lsp', '--stdio'], uri: `file://${file}`, languageId: 'xenstore', text, textFile: file, settings: {} },
      { server: 'yaml-language-server', command: [process.execPath, join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
        uri: `file://${file}.yaml`, languageId: 'yaml', text: yaml, textFile: `${file}.yaml`, settings: { validate: true, hover: true, completion: true } },
    ];
    // Each run's client is a process of its own, as an editor's is (see typeIntoFresh).
    for (const { text: content, ...s } of servers) {
      const offset = sampleRatesInsertionOffset(content, Math.floor(content.length / 2), s.server !== 'sndif');
      const runs = [];
      for (let r = 0; r < TYPING_RUNS; r++) {
        runs.push(typeIntoFresh({ ...s, at: new LineIndex(content).positionAt(offset), typed: TYPED, intervalMs: TYPING_INTERVAL_MS }));
      }
      const last = runs.map((r) => r.lastDiagnosticsMs);
      rows.push({
        input: `dump-full-${size}MB`, scenario: 'into a value', server: s.server, runs: runs.length,
        openMs: median(runs.map((r) => r.openMs)),
        hoverP50: median(runs.map((r) => percentile(r.hoverMs, 50))), hoverP95: median(runs.map((r) => percentile(r.hoverMs, 95))),
        lastDiagnosticsMs: last.includes(undefined) ? undefined : median(last as number[]), diagnostics: runs[0].diagnostics,
      });
      process.stderr.write(`typed into dump-full-${size}MB with ${s.server}\n`);
    }
    const { text: _, ...sndif } = servers[0];
    // The floor for didOpen: the same client and document, a server that only answers (nothing typed).
    const floor = [];
    for (let r = 0; r < TYPING_RUNS; r++) {
      floor.push(typeIntoFresh({ ...sndif, command: [process.execPath, join(__dirname, 'noopServer.js'), '--stdio'], at: { line: 0, character: 0 }, typed: '', intervalMs: 0 }));
    }
    rows.push({
      input: `dump-full-${size}MB`, scenario: 'open only', server: 'protocol floor (a server that only answers)', runs: floor.length,
      openMs: median(floor.map((r) => r.openMs)), hoverP50: NaN, hoverP95: NaN, lastDiagnosticsMs: undefined, diagnostics: 0, openOnly: true,
    });
    // A new key line below a card, typed character by character: half-typed lines read as
    // nothing, so hovers answer from the last analysis; the finished line is re-read by lines.
    const line = newKeyLine(text, Math.floor(text.length / 2));
    const runs = [];
    for (let r = 0; r < TYPING_RUNS; r++) {
      runs.push(typeIntoFresh({ ...sndif, at: new LineIndex(text).positionAt(line.offset), typed: line.typed, intervalMs: TYPING_INTERVAL_MS }));
    }
    const last = runs.map((r) => r.lastDiagnosticsMs);
    rows.push({
      input: `dump-full-${size}MB`, scenario: `a new line (${line.typed.length} characters)`, server: 'sndif', runs: runs.length,
      openMs: median(runs.map((r) => r.openMs)),
      hoverP50: median(runs.map((r) => percentile(r.hoverMs, 50))), hoverP95: median(runs.map((r) => percentile(r.hoverMs, 95))),
      lastDiagnosticsMs: last.includes(undefined) ? undefined : median(last as number[]), diagnostics: runs[0].diagnostics,
    });
    process.stderr.write(`typed a new line into dump-full-${size}MB with sndif\n`);
  }
  return rows;
}

/** The xl.cfg keystrokes (bench/xlKeystroke.ts) in a process of their own: a server with only that document open. */
function xlKeystrokeFresh(): XlKeystrokeResult {
  const run = spawnSync(process.execPath, [join(__dirname, 'xlKeystroke.js')], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`xlKeystroke.js failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as XlKeystrokeResult;
}

interface CliRow { input: string; bytes: number; floorMs: number; lintMs: number; xFloor: number; rssPeakMB: number; rssPerInput: number }

/** Wall time and peak RSS of one child process (median time of `runs`, largest RSS). */
function wholeProcess(args: string[], runs: number): { ms: number; rssBytes: number } {
  const times: number[] = [];
  let rssBytes = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    // The peak RSS of the child is measured by the child itself, on exit (resourceUsage).
    const child = spawnSync(process.execPath, ['-e', `
      process.on('exit', () => require('fs').writeSync(3, String(process.resourceUsage().maxRSS * 1024)));
      require(process.argv[1]);`, '--', ...args],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe'], encoding: 'utf8', maxBuffer: 1 << 20 });
    times.push(performance.now() - t0);
    if (child.status !== 0 && child.status !== 1) throw new Error(`${args.join(' ')} exited with ${child.status}`);
    rssBytes = Math.max(rssBytes, Number(child.output[3]));
  }
  return { ms: median(times), rssBytes };
}

/**
 * The CLI as scripts run it, whole process: `sndif lint --format json` of generated host
 * dumps against the floor (a node process that reads the file and splits it into lines).
 */
function cliLint(dir: string): CliRow[] {
  const floorScript = join(dir, 'floor.js');
  writeFileSync(floorScript, "require('fs').readFileSync(process.argv[2], 'utf8').split('\\n');\n");
  return CLI_SIZES.map((size) => {
    const file = join(dir, `cli-${size}MB.txt`);
    writeFileSync(file, dump(size * MB, 'full'));
    const runs = size >= 50 ? 3 : 5;
    const floor = wholeProcess([floorScript, file], runs);
    const lint = wholeProcess([join(ROOT, 'bin', 'sndif.js'), 'lint', '--format', 'json', file], runs);
    const bytes = Buffer.byteLength(readFileSync(file));
    process.stderr.write(`linted cli-${size}MB\n`);
    return { input: `dump-full-${size}MB`, bytes, floorMs: floor.ms, lintMs: lint.ms, xFloor: lint.ms / floor.ms, rssPeakMB: lint.rssBytes / MB, rssPerInput: lint.rssBytes / bytes };
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sndif-bench-'));
  const startLoad = loadavg();
  const rows: Row[] = [];
  for (const size of ONLY === 'typing' || ONLY === 'cli' ? [] : SIZES) {
    for (const form of ['full', 'plain'] as const) {
      rows.push(await measure(`dump-${form}-${size}MB`, dump(size * MB, form), 'xenstore', dir));
      process.stderr.write(`measured dump-${form}-${size}MB\n`);
    }
    if (size <= XL_MAX) {
      rows.push(await measure(`xl-${size}MB`, xlConfig(size * MB), 'xl', dir));
      process.stderr.write(`measured xl-${size}MB\n`);
    }
  }
  const header = ['input', 'MB', 'floor ms', 'parse ms', 'analysis ms', '× floor', 'MB/s', 'hover p50/p95 ms', 'completion p50/p95 ms', 'keystroke ms', 'LSP open ms', 'LSP change ms', 'yaml-ls open ms', 'yaml/sndif', 'RSS MB', 'heap MB', 'RSS/input'];
  const table = rows.map((r) => [r.input, fmt(r.bytes / MB, 2), fmt(r.floorMs), fmt(r.parseMs), fmt(r.analysisMs), fmt(r.xFloor), fmt(r.mbPerS), `${fmt(r.hoverP50, 3)}/${fmt(r.hoverP95, 3)}`, `${fmt(r.completionP50, 3)}/${fmt(r.completionP95, 3)}`, fmt(r.editMs), fmt(r.lspOpenMs), fmt(r.lspChangeMs), fmt(r.yamlOpenMs), fmt(r.yamlRatio), fmt(r.rssPeakMB), fmt(r.heapPeakMB), fmt(r.rssPerInput)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i])).join(' | ');
  const machine = { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, node: process.version };
  process.stdout.write(`${machine.cpu}, ${machine.cores} cores, Node ${machine.node}, load average ${startLoad.map((l) => l.toFixed(1)).join(' ')} at the start\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}\n${table.map(line).join('\n')}\n`);
  const typingRows = ONLY === 'table' || ONLY === 'cli' ? [] : await typing(dir);
  const xl = { fresh: xlKeystrokeFresh(), afterLargeInputs: xlKeystroke() };
  if (typingRows.length) {
    const typingHeader = ['input', 'typing', 'server', 'runs', 'didOpen → diagnostics ms', 'hover p50 ms', 'hover p95 ms', 'last key → diagnostics ms', 'diagnostics'];
    const ms = (n: number) => (Number.isFinite(n) ? fmt(n) : 'timeout');
    const typingTable = typingRows.map((r) => (r.openOnly
      ? [r.input, r.scenario, r.server, String(r.runs), fmt(r.openMs), '–', '–', '–', '0']
      : [r.input, r.scenario, r.server, String(r.runs), fmt(r.openMs), ms(r.hoverP50), ms(r.hoverP95), r.lastDiagnosticsMs === undefined ? 'timeout' : fmt(r.lastDiagnosticsMs), String(r.diagnostics)]));
    const tw = typingHeader.map((h, i) => Math.max(h.length, ...typingTable.map((row) => row[i].length)));
    const tline = (cells: string[]) => cells.map((c, i) => c.padStart(tw[i])).join(' | ');
    process.stdout.write(`\nTyping ${TYPED.length} characters into a sample-rates value (both servers), or a new key line (sndif), one didChange every ${TYPING_INTERVAL_MS} ms, each followed by a hover at the cursor (medians of the runs)\n${tline(typingHeader)}\n${tw.map((w) => '-'.repeat(w)).join('-|-')}\n${typingTable.map(tline).join('\n')}\n`);
  }
  const xlHeader = ['process', 'keystrokes', 'keystroke (re-analysis) p50 / p95 ms', 'whole analysis p50 / p95 ms'];
  const xlRows = (where: string, r: XlKeystrokeResult) => ([['first', r.first], ['last', r.last]] as const).map(([phase, l]) => [
    where, `${phase} 200`, `${fmt(l.keystrokeP50, 2)} / ${fmt(l.keystrokeP95, 2)}`, `${fmt(l.analysisP50, 2)} / ${fmt(l.analysisP95, 2)}`]);
  const xlTable = [xlHeader, ...xlRows('its own (only this document open)', xl.fresh), ...xlRows('the bench\'s, after the large inputs', xl.afterLargeInputs)];
  const xw = xlHeader.map((_, i) => Math.max(...xlTable.map((row) => row[i].length)));
  process.stdout.write(`\nTyping into an xl.cfg of ${xl.fresh.cards} cards (${xl.fresh.bytes} bytes): ${xl.fresh.keystrokes} keystrokes into a sample-rates value, back to back\n`
    + `${xlTable.map((row) => row.map((c, i) => (i > 1 ? c.padStart(xw[i]) : c.padEnd(xw[i]))).join(' | ')).join('\n')}\n`);
  const cli = ONLY === 'typing' ? [] : cliLint(dir);
  if (cli.length) {
    const cliHeader = ['input', 'MB', 'floor ms', '`sndif lint --format json` ms', '× floor', 'peak RSS MB', 'RSS/input'];
    const cliTable = cli.map((r) => [r.input, fmt(r.bytes / MB, 2), fmt(r.floorMs), fmt(r.lintMs), fmt(r.xFloor), fmt(r.rssPeakMB), fmt(r.rssPerInput)]);
    const cw = cliHeader.map((h, i) => Math.max(h.length, ...cliTable.map((row) => row[i].length)));
    const cline = (cells: string[]) => cells.map((c, i) => c.padStart(cw[i])).join(' | ');
    const ratio = cli.length > 1 ? `; ${cli.at(-1)!.input} takes ${fmt(cli.at(-1)!.lintMs / cli[0].lintMs, 2)}× the time of ${cli[0].input}` : '';
    process.stdout.write(`\nCLI, whole process (node startup included; floor: a node process reading the file and splitting it into lines)${ratio}\n${cline(cliHeader)}\n${cw.map((w) => '-'.repeat(w)).join('-|-')}\n${cliTable.map(cline).join('\n')}\n`);
  }
  const scale = ONLY === 'typing' || ONLY === 'cli' ? [] : scaling();
  const scaleWidth = Math.max(...scale.map((r) => r.input.length));
  process.stdout.write(`\nScaling on pathological inputs (analysis ms at 1 MB and 2 MB; a ratio near 2 is linear)\n${scale.map((r) => `${r.input.padEnd(scaleWidth)} | ${fmt(r.msAtN).padStart(8)} | ${fmt(r.msAt2N).padStart(8)} | ${fmt(r.ratio, 2)}`).join('\n')}\n`);
  writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, load: { start: startLoad, end: loadavg() }, rows, typing: typingRows, xlKeystroke: xl, cli, scaling: scale }, null, 2)}\n`);
}

void main();

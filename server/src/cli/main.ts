/**
 * `sndif`: lint and resolve xl.cfg files and xenstore-ls dumps in scripts and CI, print the
 * keys libxl would write, explain a rule, or run the language server (`sndif lsp --stdio`).
 * Exit codes: 0 clean, 1 an error-severity finding (lint) or a config xl rejects (xenstore, resolve),
 * 2 usage or I/O errors.
 */
import { resolve as resolvePath } from 'node:path';
import { analyze, Analysis } from '../service/analyze';
import { detectLanguage, SndifLanguage } from '../service/language';
import { resolveJson, resolveText, xenstoreKeysText } from '../service/report';
import { rulePage } from '../service/rulePage';
import { collectInputs, decodeDocument, Input, InputError, readDocument } from './inputs';
import { Format, FORMATS, formatGithub, formatJson, formatSarif, formatText, LintedDocument, lintedDocument } from './formats';


import { DEFAULTS, SERVER_INFO } from '../tables/defaults';
import { isMaxPcmDevices, MaxPcmDevices } from '../tables/sndif';
import { RULES } from '../tables/rules';

const VERSION = SERVER_INFO.version;

const COMMON = `Input: FILE may be - for standard input (with --stdin-filename NAME for messages and
language detection); --lang xl|xenstore forces the language, else it comes from the name and
the content.`;

const HELP: Record<string, string> = {
  lint: `Usage: sndif lint [options] PATH...
Report problems in xl.cfg files and xenstore-ls dumps. A directory is walked for *.xl,
*.xl.cfg, xl.cfg, *.cfg inside a xen/ directory, *.xenstore and xenstore*.txt, skipping what
.gitignore files exclude, in name order.
Options:
  --format text|json|sarif|github  output (default text; sarif is SARIF 2.1.0, github
                                   prints workflow annotations)
  --lang xl|xenstore               force the language
  --stdin-filename NAME            name of the document read from -
  --exclude PATTERN                skip paths matching a gitignore-style pattern (repeatable)
  --domid N, --backend-domid N     domain ids for the XenStore paths of an xl.cfg
  --max-pcm-devices 8|254          PCM devices per card the guest kernel reads: 8 (default),
                                   or 254 with CONFIG_SND_DYNAMIC_MINORS
${COMMON}
Exit codes: 0 no error-severity problem, 1 at least one, 2 usage or I/O error.
`,
  resolve: `Usage: sndif resolve [--format text|json] [--lang xl|xenstore] [--max-pcm-devices 8|254] [--stdin-filename NAME] FILE
Print what the Linux frontend resolves for every card, PCM device and stream.
--max-pcm-devices: PCM devices per card the guest kernel reads, 8 (default) or 254 with
CONFIG_SND_DYNAMIC_MINORS.
${COMMON}
Exit codes: 0 done, 1 xl would reject the config (said first, on stderr), 2 usage or I/O error.
`,
  xenstore: `Usage: sndif xenstore [--domid N] [--backend-domid N] [--stdin-filename NAME] FILE.cfg
Print the keys libxl would write for an xl.cfg, as xenstore-ls -f lines. A card's backend=
domid (digits only) is used as libxl uses it; --backend-domid stands for a domain name.
${COMMON}
Exit codes: 0 done, 1 xl would reject the config, 2 usage or I/O error.
`,
  explain: `Usage: sndif explain CODE
Print the documentation page of a rule (sndif rules lists the codes).
Exit codes: 0 done, 2 unknown code.
`,
  rules: `Usage: sndif rules
List every rule: code, default severity, who enforces it, summary.
`,
  lsp: `Usage: sndif lsp [--stdio | --node-ipc | --socket=PORT]
Run the language server (default --stdio).
`,
};

const USAGE = `Usage:
  sndif lint [--format text|json|sarif|github] [--lang xl|xenstore] [--exclude PATTERN] [--max-pcm-devices 8|254] PATH...
  sndif resolve [--format text|json] [--lang xl|xenstore] [--max-pcm-devices 8|254] FILE
  sndif xenstore [--domid N] [--backend-domid N] FILE.cfg
  sndif explain CODE
  sndif rules
  sndif lsp [--stdio | --node-ipc]
  sndif --version | --help | COMMAND --help
PATH may be a directory (walked) or - (standard input).
Exit codes: 0 no error, 1 an error-severity diagnostic (lint) or a config xl rejects
(xenstore), 2 usage or I/O error.
`;

export class UsageError extends Error {}

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Standard input, read whole (tests pass their own). */
  stdin?(): Promise<Buffer>;
  cwd?: string;
}

function readProcessStdin(): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.once('end', () => resolve(Buffer.concat(chunks)));
    process.stdin.once('error', reject);
  });
}

interface Parsed {
  command: string;
  files: string[];
  format: Format;
  lang?: SndifLanguage;
  stdinFilename?: string;
  exclude: string[];
  domid: number;
  backendDomid: number;
  maxPcmDevices: MaxPcmDevices;
  help: boolean;
}

function parseArgs(command: string, rest: string[]): Parsed {
  const parsed: Parsed = { command, files: [], format: 'text', exclude: [], domid: DEFAULTS.domid, backendDomid: DEFAULTS.backendDomid, maxPcmDevices: DEFAULTS.maxPcmDevices, help: false };
  let optionsEnded = false;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (optionsEnded || a === '-' || !a.startsWith('-')) {
      parsed.files.push(a);
      continue;
    }
    if (a === '--') {
      optionsEnded = true;
      continue;
    }
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v === undefined) throw new UsageError(`${a.replace(/=.*/, '')} needs a value`);
      return v;
    };
    const flag = a.replace(/=.*/, '');
    if (flag === '--help' || flag === '-h') {
      parsed.help = true;
    } else if (flag === '--format') {
      const v = value();
      const allowed: readonly string[] = command === 'lint' ? FORMATS : ['text', 'json'];
      if (!allowed.includes(v)) throw new UsageError(`--format takes ${allowed.join(', ')}, not "${v}"`);
      parsed.format = v as Format;
    } else if (flag === '--lang') {
      const v = value();
      if (v !== 'xl' && v !== 'xenstore') throw new UsageError(`--lang takes xl or xenstore, not "${v}"`);
      parsed.lang = v;
    } else if (flag === '--stdin-filename') {
      parsed.stdinFilename = value();
    } else if (flag === '--exclude') {
      parsed.exclude.push(value());
    } else if (flag === '--domid' || flag === '--backend-domid') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) > 0x7fef) throw new UsageError(`${flag} takes a domain id (0–32751), not "${v}"`);
      if (flag === '--domid') parsed.domid = Number(v);
      else parsed.backendDomid = Number(v);
    } else if (flag === '--max-pcm-devices') {
      const v = value();
      if (!/^\d+$/.test(v) || !isMaxPcmDevices(Number(v))) {
        throw new UsageError(`--max-pcm-devices takes 8 (no CONFIG_SND_DYNAMIC_MINORS) or 254 (with it), not "${v}"`);
      }
      parsed.maxPcmDevices = Number(v) as MaxPcmDevices;
    } else {
      throw new UsageError(`unknown option ${a}`);
    }
  }
  return parsed;
}

/** Reads each input once, in order; the text and the name shown for it. */
async function read(input: Input, args: Parsed, io: Io): Promise<{ name: string; text: string }> {
  if (!input.stdin) return { name: input.name, text: readDocument(input.path ?? input.name, input.name) };
  const name = args.stdinFilename ?? '-';
  return { name, text: decodeDocument(name === '-' ? 'standard input' : name, await (io.stdin ?? readProcessStdin)()) };
}

function analyzeText(name: string, text: string, lang: SndifLanguage | undefined, args: Parsed): Analysis {
  const language = lang ?? detectLanguage({ fileName: name === '-' ? undefined : name, text });
  return analyze(text, language, args);
}

/** The one document of resolve and xenstore: a file or standard input. */
async function single(args: Parsed, io: Io, lang?: SndifLanguage): Promise<{ name: string; analysis: Analysis }> {
  if (args.files.length !== 1) throw new UsageError(`${args.command} takes exactly one FILE`);
  const file = args.files[0];
  const doc = await read(file === '-' ? { name: '-', stdin: true } : { name: file, path: resolvePath(io.cwd ?? process.cwd(), file) }, args, io);
  return { name: doc.name, analysis: analyzeText(doc.name, doc.text, args.lang ?? lang, args) };
}

export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-V' || command === 'version') {
    io.out(`sndif ${VERSION}\n`);
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(rest[0] && HELP[rest[0]] ? HELP[rest[0]] : USAGE);
    return 0;
  }
  if (!command) {
    io.err(USAGE);
    return 2;
  }
  if (!HELP[command]) {
    io.err(`sndif: unknown command "${command}"\n${USAGE}`);
    return 2;
  }
  if (command === 'lsp') {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(HELP.lsp);
      return 0;
    }
    return lsp(rest, io);
  }
  try {
    const args = parseArgs(command, rest);
    if (args.help) {
      io.out(HELP[command]);
      return 0;
    }
    switch (command) {
      case 'lint': return await lint(args, io);
      case 'resolve': return await resolve(args, io);
      case 'xenstore': return await xenstore(args, io);
      case 'explain': return explain(args, io);
      default: return rules(args, io);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`sndif: ${e.message}\n${HELP[command]}`);
      return 2;
    }
    if (e instanceof InputError) {
      io.err(`sndif: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

const TRANSPORTS = ['--stdio', '--node-ipc'];

/** The language server; vscode-languageserver reads the transport from process.argv. */
function lsp(rest: string[], io: Io): Promise<number> {
  const unknown = rest.filter((a) => !TRANSPORTS.includes(a) && !a.startsWith('--socket=') && !a.startsWith('--clientProcessId='));
  if (unknown.length) {
    io.err(`sndif: unknown lsp option ${unknown[0]}\n${HELP.lsp}`);
    return Promise.resolve(2);
  }
  if (!rest.some((a) => TRANSPORTS.includes(a) || a.startsWith('--socket='))) process.argv.push('--stdio');
  // Loaded only here, so lint and resolve do not pay for the protocol libraries.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startNodeServer } = require('../env/node') as typeof import('../env/node');
  startNodeServer();
  return new Promise<number>(() => undefined);
}

async function lint(args: Parsed, io: Io): Promise<number> {
  if (args.files.length === 0) throw new UsageError('lint needs at least one PATH (a file, a directory, or - for standard input)');
  if (args.stdinFilename !== undefined && !args.files.includes('-')) throw new UsageError('--stdin-filename needs - among the PATHs');
  const cwd = io.cwd ?? process.cwd();
  const inputs = collectInputs(args.files, { exclude: args.exclude, cwd }, (m) => io.err(`sndif: ${m}\n`));
  let failed = false;
  let ioError = false;
  const documents: LintedDocument[] = [];
  for (const input of inputs) {
    let doc: { name: string; text: string };
    try {
      doc = await read(input, args, io);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err(`sndif: ${e.message}\n`);
      ioError = true;
      continue;
    }
    const analysis = analyzeText(doc.name, doc.text, args.lang, args);
    const linted = lintedDocument(doc.name, analysis);
    if (linted.findings.some((f) => f.severity === 'error')) failed = true;
    documents.push(linted);
    // Text and annotations stream file by file; json and sarif are one document at the end.
    if (args.format === 'text') io.out(formatText([linted]));
    else if (args.format === 'github') io.out(formatGithub([linted]));
  }
  if (args.format === 'json') io.out(formatJson(documents));
  else if (args.format === 'sarif') io.out(formatSarif(documents, { name: 'sndif', version: VERSION }, cwd));
  return ioError ? 2 : failed ? 1 : 0;
}

async function resolve(args: Parsed, io: Io): Promise<number> {
  const { name, analysis } = await single(args, io);
  // Said first: what follows is what the guest would get if xl accepted the config.
  const rejection = xlRejection(analysis, name);
  if (rejection) io.err(`sndif: xl would reject ${rejection}; below is what the rest would give the guest\n`);
  io.out(args.format === 'json' ? `${JSON.stringify(resolveJson(analysis), null, 2)}\n` : resolveText(analysis));
  return rejection ? 1 : 0;
}

/** "FILE (FILE:L:C: message)" for the first error xl would stop at, if any. */
function xlRejection(analysis: Analysis, name: string): string | undefined {
  if (analysis.language !== 'xl') return undefined;
  const first = analysis.findings.find((f) => f.rule.enforcer === 'xl' && f.rule.severity === 'error');
  if (!first) return undefined;
  const pos = analysis.lines.positionAt(first.span.start);
  return `${name} (${name}:${pos.line + 1}:${pos.character + 1}: ${first.message})`;
}

async function xenstore(args: Parsed, io: Io): Promise<number> {
  const { name, analysis } = await single(args, io, 'xl');
  if (analysis.language !== 'xl') throw new UsageError(`${name} is a XenStore dump; xenstore takes an xl.cfg`);
  io.out(xenstoreKeysText(analysis));
  const rejection = xlRejection(analysis, name);
  if (rejection) {
    io.err(`sndif: xl would reject ${rejection}; the keys above are what the rest would give\n`);
    return 1;
  }
  return 0;
}

function explain(args: Parsed, io: Io): number {
  if (args.files.length !== 1) throw new UsageError('explain takes exactly one CODE');
  const page = rulePage(args.files[0]);
  if (!page) throw new InputError(`no rule "${args.files[0]}" (sndif rules lists the codes)`);
  io.out(page);
  return 0;
}

function rules(args: Parsed, io: Io): number {
  if (args.files.length) throw new UsageError('rules takes no arguments');
  for (const r of Object.values(RULES)) io.out(`${r.code.padEnd(26)} ${r.severity.padEnd(12)} ${r.enforcer.padEnd(8)} ${r.summary}\n`);
  return 0;
}

/**
 * The process's streams. A reader that closes the pipe early (`sndif lint . | head -1`)
 * ends the output quietly: later writes are dropped, the exit code stays the real one.
 */
export function processIo(): Io {
  let stdoutClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
  });
  return {
    out: (t) => {
      if (!stdoutClosed) process.stdout.write(t);
    },
    err: (t) => process.stderr.write(t),
  };
}

/** The command-line entry (bin/sndif.js and `node main.js`). */
export function run(argv: string[] = process.argv.slice(2)): void {
  main(argv).then((code) => {
    process.exitCode = code;
  }, (e) => {
    process.stderr.write(`sndif: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  });
}

if (require.main === module) run();

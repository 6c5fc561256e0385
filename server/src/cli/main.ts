/**
 * `sndif`: lint and resolve xl.cfg files and xenstore-ls dumps in scripts and CI, print the
 * keys libxl would write, or run the language server (`sndif lsp --stdio`).
 * Exit codes: 0 clean, 1 an error-severity finding (lint) or a config xl rejects (xenstore),
 * 2 usage or I/O errors.
 */
import { readFileSync, statSync } from 'node:fs';
import { analyze, Analysis } from '../service/analyze';
import { detectLanguage, SndifLanguage } from '../service/language';
import { resolveJson, resolveText, xenstoreKeysText } from '../service/report';
import { DEFAULTS } from '../tables/defaults';
import { RULES } from '../tables/rules';

const USAGE = `Usage:
  sndif lint [--format text|json] [--lang xl|xenstore] FILE...
  sndif resolve [--format text|json] [--lang xl|xenstore] FILE
  sndif xenstore [--domid N] [--backend-domid N] FILE.cfg
  sndif lsp [--stdio | --node-ipc]
  sndif rules
Exit codes: 0 no error, 1 an error-severity diagnostic (lint) or a config xl rejects
(xenstore), 2 usage or I/O error.`;

export class UsageError extends Error {}

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

interface Parsed {
  command: string;
  files: string[];
  format: 'text' | 'json';
  lang?: SndifLanguage;
  domid: number;
  backendDomid: number;
}

function parseArgs(argv: string[]): Parsed {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') throw new UsageError('');
  const parsed: Parsed = { command, files: [], format: 'text', domid: DEFAULTS.domid, backendDomid: DEFAULTS.backendDomid };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : rest[++i];
      if (v === undefined) throw new UsageError(`${a.replace(/=.*/, '')} needs a value`);
      return v;
    };
    const flag = a.replace(/=.*/, '');
    if (flag === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json') throw new UsageError(`--format takes text or json, not "${v}"`);
      parsed.format = v;
    } else if (flag === '--lang') {
      const v = value();
      if (v !== 'xl' && v !== 'xenstore') throw new UsageError(`--lang takes xl or xenstore, not "${v}"`);
      parsed.lang = v;
    } else if (flag === '--domid' || flag === '--backend-domid') {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) > 0x7fef) throw new UsageError(`${flag} takes a domain id (0–32751), not "${v}"`);
      if (flag === '--domid') parsed.domid = Number(v);
      else parsed.backendDomid = Number(v);
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(`unknown option ${a}`);
    } else {
      parsed.files.push(a);
    }
  }
  return parsed;
}

export class InputError extends Error {}

/** Read a document, refusing what is not a text file with a one-line reason. */
function readDocument(file: string): string {
  let stat;
  try {
    stat = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${file}: no such file` : `${file}: cannot read (${code})`);
  }
  if (stat.isDirectory()) throw new InputError(`${file}: is a directory, not a file`);
  let buffer: Buffer;
  try {
    buffer = readFileSync(file);
  } catch (e) {
    throw new InputError(`${file}: cannot read (${(e as NodeJS.ErrnoException).code})`);
  }
  if (buffer.length === 0) throw new InputError(`${file}: the file is empty`);
  const nul = buffer.indexOf(0);
  if (nul >= 0) throw new InputError(`${file}: looks binary (a NUL byte at offset ${nul}), not an xl.cfg or a xenstore-ls dump`);
  return buffer.toString('utf8');
}

function load(file: string, lang: SndifLanguage | undefined, options: { domid: number; backendDomid: number }): Analysis {
  const text = readDocument(file);
  const language = lang ?? detectLanguage({ fileName: file, text });
  return analyze(text, language, options);
}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  if (argv[0] === 'lsp') return lsp(argv.slice(1), io);
  let args: Parsed;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) io.err(`sndif: ${e.message}\n`);
      io.err(`${USAGE}\n`);
      return e.message ? 2 : argv.length ? 0 : 2;
    }
    throw e;
  }
  try {
    switch (args.command) {
      case 'lint': return lint(args, io);
      case 'resolve': return resolve(args, io);
      case 'xenstore': return xenstore(args, io);
      case 'rules': return rules(io);
      default:
        io.err(`sndif: unknown command "${args.command}"\n${USAGE}\n`);
        return 2;
    }
  } catch (e) {
    if (e instanceof InputError || e instanceof UsageError) {
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
    io.err(`sndif: unknown lsp option ${unknown[0]}\n${USAGE}\n`);
    return Promise.resolve(2);
  }
  if (!rest.some((a) => TRANSPORTS.includes(a) || a.startsWith('--socket='))) process.argv.push('--stdio');
  // Loaded only here, so lint and resolve do not pay for the protocol libraries.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startServer } = require('../lsp/server') as typeof import('../lsp/server');
  startServer();
  return new Promise<number>(() => undefined);
}

function lint(args: Parsed, io: Io): number {
  if (args.files.length === 0) throw new UsageError('lint needs at least one FILE');
  let failed = false;
  let ioError = false;
  const results: unknown[] = [];
  for (const file of args.files) {
    let analysis: Analysis;
    try {
      analysis = load(file, args.lang, args);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      io.err(`sndif: ${e.message}\n`);
      ioError = true;
      continue;
    }
    // Findings as the rules state them: the CLI has no client to override severities.
    const findings = analysis.findings.map((f) => ({ finding: f, range: analysis.lines.rangeOf(f.span) }));
    if (findings.some(({ finding }) => finding.rule.severity === 'error')) failed = true;
    if (args.format === 'json') {
      results.push({
        file,
        language: analysis.language,
        diagnostics: findings.map(({ finding, range }) => ({
          code: finding.rule.code,
          severity: finding.rule.severity,
          enforcer: finding.rule.enforcer,
          message: finding.message,
          range,
        })),
      });
    } else {
      for (const { finding, range } of findings) {
        io.out(`${file}:${range.start.line + 1}:${range.start.character + 1}: ${finding.rule.severity} ${finding.rule.code} ${finding.message}\n`);
      }
    }
  }
  if (args.format === 'json') io.out(`${JSON.stringify(results, null, 2)}\n`);
  return ioError ? 2 : failed ? 1 : 0;
}

function resolve(args: Parsed, io: Io): number {
  if (args.files.length !== 1) throw new UsageError('resolve takes exactly one FILE');
  const analysis = load(args.files[0], args.lang, args);
  io.out(args.format === 'json' ? `${JSON.stringify(resolveJson(analysis), null, 2)}\n` : resolveText(analysis));
  return 0;
}

function xenstore(args: Parsed, io: Io): number {
  if (args.files.length !== 1) throw new UsageError('xenstore takes exactly one FILE');
  const analysis = load(args.files[0], args.lang ?? 'xl', args);
  if (analysis.language !== 'xl') throw new UsageError(`${args.files[0]} is a XenStore dump; xenstore takes an xl.cfg`);
  io.out(xenstoreKeysText(analysis));
  const rejected = analysis.findings.filter((f) => f.rule.enforcer === 'xl' && f.rule.severity === 'error');
  if (rejected.length) {
    const first = rejected[0];
    const pos = analysis.lines.positionAt(first.span.start);
    io.err(`sndif: xl would reject ${args.files[0]} (${args.files[0]}:${pos.line + 1}:${pos.character + 1}: ${first.message}); the keys above are what the rest would give\n`);
    return 1;
  }
  return 0;
}

function rules(io: Io): number {
  for (const r of Object.values(RULES)) io.out(`${r.code.padEnd(26)} ${r.severity.padEnd(12)} ${r.enforcer.padEnd(8)} ${r.summary}\n`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, (e) => {
    process.stderr.write(`sndif: internal error: ${e instanceof Error ? e.stack : String(e)}\n`);
    process.exitCode = 2;
  });
}

/**
 * The typing scenario, over the real protocol for any stdio language server: open a document,
 * wait for its first diagnostics, then type characters (into a value, or a new line), one
 * incremental didChange every `intervalMs`, each followed at once by a hover at the cursor. Reports the
 * hover latencies and the time from the last key to the diagnostics of the last version.
 *
 * A server that publishes a version is waited for that version; one that does not
 * (yaml-language-server) is taken at its first publish after the last key (it validates only
 * after a pause in typing, for the document as it is then).
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, PublishDiagnosticsNotification, PublishDiagnosticsParams,
  ShutdownRequest, ExitNotification, ConfigurationRequest, HoverRequest, Position,
} from 'vscode-languageserver-protocol/node';

export interface TypingOptions {
  readonly command: string[];
  readonly uri: string;
  readonly languageId: string;
  readonly text: string;
  /** Where the first character goes; the cursor moves right with each one. */
  readonly at: Position;
  readonly typed: string;
  readonly intervalMs: number;
  readonly settings?: unknown;
  /** Give up waiting for the typing's answers (a frozen server) this long after the last key; the result then says so. */
  readonly timeoutMs?: number;
}

export interface TypingResult {
  openMs: number;
  /** Each hover's latency; Infinity for one still unanswered at the timeout. */
  hoverMs: number[];
  /** From sending the last didChange to the diagnostics for its version; undefined after a timeout. */
  lastDiagnosticsMs: number | undefined;
  diagnostics: number;
}

export async function typeInto(o: TypingOptions): Promise<TypingResult> {
  const child = spawn(o.command[0], o.command.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: { at: number; params: PublishDiagnosticsParams }[] = [];
  const waiters: (() => void)[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== o.uri) return;
    published.push({ at: performance.now(), params });
    for (const w of waiters.splice(0)) w();
  });
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => o.settings ?? {}));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  let deadline = Infinity;
  const waitFor = async (match: (p: { at: number; params: PublishDiagnosticsParams }) => boolean) => {
    for (;;) {
      const found = published.find(match);
      if (found) return found;
      const left = deadline - performance.now();
      if (left <= 0) return undefined;
      await new Promise<void>((resolve) => {
        const timer = Number.isFinite(left) ? setTimeout(resolve, left) : undefined;
        waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  };
  try {
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null,
      capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { hover: { contentFormat: ['markdown'] } } },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    const t0 = performance.now();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: o.uri, languageId: o.languageId, version: 1, text: o.text } });
    const first = await waitFor(() => true);
    const openMs = (first?.at ?? performance.now()) - t0;

    const hovers: Promise<number>[] = [];
    let lastKeyAt = 0;
    let version = 1;
    let cursor = o.at;
    for (let i = 0; i < o.typed.length; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, o.intervalMs));
      const position = cursor;
      // The cursor after the character: a line break starts the next line.
      cursor = o.typed[i] === '\n' ? { line: cursor.line + 1, character: 0 } : { line: cursor.line, character: cursor.character + 1 };
      version++;
      lastKeyAt = performance.now();
      void connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: o.uri, version }, contentChanges: [{ range: { start: position, end: position }, text: o.typed[i] }],
      });
      const sent = performance.now();
      hovers.push(connection.sendRequest(HoverRequest.type, { textDocument: { uri: o.uri }, position: cursor }).then(() => performance.now() - sent));
    }
    const lastVersion = version;
    deadline = performance.now() + (o.timeoutMs ?? 60_000);
    const last = await waitFor((p) => p.params.version === lastVersion || (p.params.version === undefined && p.at > lastKeyAt));
    const timers: ReturnType<typeof setTimeout>[] = [];
    const hoverMs = await Promise.all(hovers.map((h) => Promise.race([h, new Promise<number>((resolve) => {
      timers.push(setTimeout(() => resolve(Infinity), Math.max(0, deadline - performance.now())));
    })])));
    for (const timer of timers) clearTimeout(timer);
    if (!last || hoverMs.includes(Infinity)) return { openMs, hoverMs, lastDiagnosticsMs: last ? last.at - lastKeyAt : undefined, diagnostics: last?.params.diagnostics.length ?? -1 };
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    return { openMs, hoverMs, lastDiagnosticsMs: last ? last.at - lastKeyAt : undefined, diagnostics: last?.params.diagnostics.length ?? -1 };
  } finally {
    connection.dispose();
    child.kill();
  }
}

/**
 * Where a new key line goes in the middle of a `-f` dump, and the line: the end of the first
 * `sample-rates` line after `from`, then a line break and a key of the same card.
 */
export function newKeyLine(text: string, from: number): { offset: number; typed: string } {
  const at = text.indexOf('/sample-rates = "', from);
  if (at < 0) throw new Error('no sample-rates line to type after');
  const card = text.slice(text.lastIndexOf('\n', at) + 1, at);
  return { offset: text.indexOf('\n', at), typed: `\n${card}/channels-max = "1"` };
}

/** The offset just before the closing quote of the first `sample-rates` value after `from`. */
export function sampleRatesInsertionOffset(text: string, from: number, yaml: boolean): number {
  const key = yaml ? '"sample-rates": "' : 'sample-rates = "';
  const at = text.indexOf(key, from);
  if (at < 0) throw new Error('no sample-rates value to type into');
  return text.indexOf('"', at + key.length);
}

/**
 * As a script: one typing run in a process of its own, options as JSON in argv[2] with the
 * text in the file `textFile`; prints the result as JSON. The bench's own process holds the
 * garbage of analysing 50 MB in process, and its collections would be timed as the server's.
 */
if (require.main === module) {
  void (async () => {
    const { textFile, ...options } = JSON.parse(process.argv[2]) as Omit<TypingOptions, 'text'> & { textFile: string };
    const result = await typeInto({ ...options, text: readFileSync(textFile, 'utf8') });
    // Infinity (a hover unanswered at the timeout) has no JSON form: -1 stands for it.
    // Then exit: the timeouts of hovers that did answer are still pending.
    process.stdout.write(JSON.stringify({ ...result, hoverMs: result.hoverMs.map((h) => (Number.isFinite(h) ? h : -1)) }), () => process.exit(0));
  })();
}

/** typeInto in a fresh node process (see above). */
export function typeIntoFresh(options: Omit<TypingOptions, 'text'> & { textFile: string }): TypingResult {
  const run = spawnSync(process.execPath, [__filename, JSON.stringify(options)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`typing run failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout) as TypingResult;
  return { ...result, hoverMs: result.hoverMs.map((h) => (h < 0 ? Infinity : h)) };
}

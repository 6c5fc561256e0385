/** Time from didOpen / didChange to publishDiagnostics, for any stdio language server. */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, PublishDiagnosticsNotification, PublishDiagnosticsParams,
  ShutdownRequest, ExitNotification, ConfigurationRequest,
} from 'vscode-languageserver-protocol/node';

export interface LspTiming { openMs: number; changeMs?: number; diagnostics: number }

export async function timeServer(command: string[], uri: string, languageId: string, text: string, edit?: { line: number; character: number }, settings: unknown = {}): Promise<LspTiming> {
  const child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'ignore'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  let waiting: ((p: PublishDiagnosticsParams) => void) | undefined;
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => { if (p.uri === uri && waiting) waiting(p); });
  connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => settings));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  // A server that dies would leave the bench waiting on nothing (and node exiting silently).
  let died: ((e: Error) => void) | undefined;
  child.on('exit', (code) => died?.(new Error(`${command.join(' ')} exited with ${code} before publishing diagnostics`)));
  const next = () => new Promise<PublishDiagnosticsParams>((resolve, reject) => { waiting = resolve; died = reject; });
  try {
    await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
    await connection.sendNotification(InitializedNotification.type, {});
    const opened = next();
    const t0 = performance.now();
    await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
    const first = await opened;
    const openMs = performance.now() - t0;
    let changeMs: number | undefined;
    if (edit) {
      const changed = next();
      const t1 = performance.now();
      await connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: edit, end: edit }, text: '1' }],
      });
      await changed;
      changeMs = performance.now() - t1;
    }
    died = undefined;
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
    return { openMs, changeMs, diagnostics: first.diagnostics.length };
  } finally {
    connection.dispose();
    child.kill();
  }
}

export interface TimeServerOptions {
  readonly command: string[];
  readonly uri: string;
  readonly languageId: string;
  /** The document's text is read from this file. */
  readonly textFile: string;
  readonly edit?: { line: number; character: number };
  readonly settings?: unknown;
}

/**
 * As a script: timeServer in a process of its own, options as JSON in argv[2]; prints the
 * timing as JSON. The bench's own process holds the garbage of the inputs it analysed in
 * process, and its collections would be timed as the server's (as in bench/typing.ts).
 */
if (require.main === module) {
  void (async () => {
    const o = JSON.parse(process.argv[2]) as TimeServerOptions;
    const timing = await timeServer(o.command, o.uri, o.languageId, readFileSync(o.textFile, 'utf8'), o.edit, o.settings ?? {});
    process.stdout.write(JSON.stringify(timing), () => process.exit(0));
  })();
}

/** timeServer with its client in a fresh node process (see above). */
export function timeServerFresh(options: TimeServerOptions): LspTiming {
  const run = spawnSync(process.execPath, [__filename, JSON.stringify(options)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`timing ${options.command.join(' ')} failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as LspTiming;
}

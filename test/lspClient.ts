/**
 * A minimal LSP client for protocol tests: starts the real server (`sndif lsp --stdio`) as a
 * child process and talks JSON-RPC to it. Tests wait for events (diagnostics of a given
 * version), never for fixed delays.
 */
import { spawn, ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, ProtocolConnection, StreamMessageReader, StreamMessageWriter,
  PublishDiagnosticsNotification, PublishDiagnosticsParams, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  ShutdownRequest, ExitNotification, ClientCapabilities, TextDocumentContentChangeEvent,
  ConfigurationRequest, DidChangeConfigurationNotification,
} from 'vscode-languageserver-protocol/node';

export const ROOT = join(__dirname, '..', '..');

export function fileUri(relative: string): string {
  return pathToFileURL(join(ROOT, relative)).toString();
}

export interface StartOptions {
  readonly capabilities?: ClientCapabilities;
  readonly settings?: Record<string, unknown>;
  /** Extra Node flags for the server process (e.g. --expose-gc). */
  readonly nodeArgs?: string[];
  readonly initializationOptions?: unknown;
}

export class LspClient {
  private readonly diagnostics = new Map<string, PublishDiagnosticsParams[]>();
  private readonly waiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  settings: Record<string, unknown>;

  private constructor(readonly process: ChildProcess, readonly connection: ProtocolConnection, settings: Record<string, unknown>) {
    this.settings = settings;
    connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
      const list = this.diagnostics.get(p.uri) ?? [];
      list.push(p);
      this.diagnostics.set(p.uri, list);
      for (const w of [...this.waiters]) {
        if (w.uri === p.uri && w.test(p)) {
          this.waiters.splice(this.waiters.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => item.section === 'sndif' ? this.settings : null));
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), join(ROOT, 'bin', 'sndif.js'), 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    const client = new LspClient(child, connection, options.settings ?? {});
    await connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(ROOT).toString(),
      initializationOptions: options.initializationOptions,
      capabilities: options.capabilities ?? {
        workspace: { configuration: true },
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ['markdown'] },
          completion: { completionItem: { snippetSupport: true } },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source.fixAll'] } } },
        },
      },
    });
    await connection.sendNotification(InitializedNotification.type, {});
    return client;
  }

  /** The next diagnostics for `uri` that satisfy `test` (already received ones count). */
  waitForDiagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const seen = (this.diagnostics.get(uri) ?? []).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ uri, test, resolve }));
  }

  published(uri: string): PublishDiagnosticsParams[] {
    return this.diagnostics.get(uri) ?? [];
  }

  async open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version, text } });
  }

  async change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /**
   * Change the settings and wait until the server has applied them: it re-publishes the
   * diagnostics of `waitFor` (an open document) once the new settings are in force.
   */
  async changeSettings(settings: Record<string, unknown>, waitFor?: string): Promise<void> {
    this.settings = settings;
    const count = waitFor ? this.published(waitFor).length : 0;
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { sndif: settings } });
    if (waitFor) await this.waitForDiagnostics(waitFor, (p) => this.published(waitFor).indexOf(p) >= count);
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  async stop(): Promise<void> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    await new Promise<void>((resolve) => {
      if (this.process.exitCode !== null) resolve();
      else this.process.once('exit', () => resolve());
    });
    this.connection.dispose();
  }
}

/** Apply LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lines: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.push(i + 1);
  const offset = (p: { line: number; character: number }) => (lines[p.line] ?? text.length) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  return out;
}

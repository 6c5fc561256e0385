/**
 * The language server: protocol wiring only. Every request goes to a handler in handlers/,
 * which calls the protocol-free language service. The same server runs in Node and in a
 * browser's Web Worker: it uses only vscode-languageserver's common API, and the environment
 * layer (server/src/env/node.ts, server/src/env/browser.ts) creates the connection and says
 * what the platform can report.
 */
import {
  CodeActionKind,
  Connection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DocumentStore } from './documentStore';
import { DEFAULT_SETTINGS, normalizeSettings, SndifSettings } from './settings';
import { diagnosticsFor } from './handlers/diagnostics';
import { hoverFor } from './handlers/hover';
import { completionFor } from './handlers/completion';
import { codeActionsFor } from './handlers/codeActions';
import { foldingFor, symbolsFor } from './handlers/symbols';
import { inlayHintsFor } from './handlers/inlayHints';
import { codeLensFor } from './handlers/codeLens';
import { COMMANDS, runCommand } from './handlers/commands';
import { FIX_ALL_KIND } from '../service/codeActions';
import { linkRuleDocumentation, RULE_DOCUMENTATION_COMMAND, ruleDocumentation, ruleDocumentationActions, ruleDocumentationClient, RuleDocumentationClient } from './handlers/ruleDocumentation';
import { SERVER_INFO } from '../tables/defaults';

/** Pause after the last edit before diagnostics are pushed. */
const DIAGNOSTICS_DELAY_MS = 50;

/** What differs between the platforms the server runs on, beyond the connection. */
export interface ServerEnvironment {
  /** Heap and resident memory in bytes, where the platform can tell (Node can, a Web Worker cannot). */
  memoryUsage(): { heapUsed: number; rss: number } | undefined;
}

export function startServer(connection: Connection, environment: ServerEnvironment): Connection {
  const documents = new TextDocuments(TextDocument);
  let settings: SndifSettings = DEFAULT_SETTINGS;
  let canPullConfiguration = false;
  let clientPullsDiagnostics = false;
  const store = new DocumentStore(() => settings);
  let docsClient: RuleDocumentationClient = {};
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const guard = <T>(fallback: T, work: () => T): T => {
    try {
      return work();
    } catch (e) {
      // A bug must never take the editor's server down: log it and answer with nothing.
      connection.console.error(`sndif: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return fallback;
    }
  };

  const publish = (document: TextDocument) => {
    const diagnostics = guard([], () => linkRuleDocumentation(diagnosticsFor(store, settings, document), docsClient));
    void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  };

  const schedule = (document: TextDocument, delay: number) => {
    if (clientPullsDiagnostics) return;
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => {
      timers.delete(document.uri);
      const current = documents.get(document.uri);
      if (current) publish(current);
    }, delay));
  };

  const loadSettings = async () => {
    if (!canPullConfiguration) return;
    try {
      settings = normalizeSettings(await connection.workspace.getConfiguration('sndif'));
    } catch {
      settings = DEFAULT_SETTINGS;
    }
    store.invalidate();
  };

  connection.onInitialize((params) => {
    const caps = params.capabilities ?? {};
    canPullConfiguration = caps.workspace?.configuration === true;
    clientPullsDiagnostics = caps.textDocument?.diagnostic !== undefined;
    docsClient = ruleDocumentationClient(params.initializationOptions);
    if (params.initializationOptions && typeof params.initializationOptions === 'object') {
      settings = normalizeSettings(params.initializationOptions);
    }
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [',', '=', ';', "'", '"', '/', ' '] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        inlayHintProvider: true,
        codeLensProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [...Object.values(COMMANDS), RULE_DOCUMENTATION_COMMAND] },
        diagnosticProvider: clientPullsDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { ...SERVER_INFO },
    };
  });

  connection.onInitialized(async () => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sndif' }).catch(() => undefined);
      await loadSettings();
      for (const d of documents.all()) schedule(d, 0);
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullConfiguration) await loadSettings();
    else {
      const section = (change.settings as { sndif?: unknown } | undefined)?.sndif;
      if (section !== undefined) settings = normalizeSettings(section);
      store.invalidate();
    }
    for (const d of documents.all()) schedule(d, 0);
    if (clientPullsDiagnostics) connection.languages.diagnostics.refresh();
  });

  documents.onDidOpen((e) => schedule(e.document, 0));
  documents.onDidChangeContent((e) => schedule(e.document, DIAGNOSTICS_DELAY_MS));
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    store.forget(e.document.uri);
    if (!clientPullsDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // Each request answers for the document as it is now; a cancelled one answers nothing.
  const withDocument = <T>(uri: string, token: { isCancellationRequested: boolean }, fallback: T, work: (d: TextDocument) => T): T => {
    const document = documents.get(uri);
    if (!document || token.isCancellationRequested) return fallback;
    return guard(fallback, () => work(document));
  };

  connection.languages.diagnostics.on((params, token) => ({
    kind: DocumentDiagnosticReportKind.Full,
    items: withDocument(params.textDocument.uri, token, [], (d) => linkRuleDocumentation(diagnosticsFor(store, settings, d), docsClient)),
  }));
  connection.onHover((p, token) => withDocument(p.textDocument.uri, token, null, (d) => hoverFor(store, d, p.position)));
  connection.onCompletion((p, token) => withDocument(p.textDocument.uri, token, [], (d) => completionFor(store, d, p.position)));
  connection.onCodeAction((p, token) => withDocument(p.textDocument.uri, token, [], (d) => [
    ...codeActionsFor(store, d, p),
    ...(!p.context.only || p.context.only.includes(CodeActionKind.QuickFix) ? ruleDocumentationActions(p.context.diagnostics, docsClient) : []),
  ]));
  connection.onDocumentSymbol((p, token) => withDocument(p.textDocument.uri, token, [], (d) => symbolsFor(store, d)));
  connection.onFoldingRanges((p, token) => withDocument(p.textDocument.uri, token, [], (d) => foldingFor(store, d)));
  connection.languages.inlayHint.on((p, token) => withDocument(p.textDocument.uri, token, [], (d) => inlayHintsFor(store, settings, d, p.range)));
  connection.onCodeLens((p, token) => withDocument(p.textDocument.uri, token, [], (d) => codeLensFor(store, d)));
  connection.onExecuteCommand((p) => {
    if (p.command === RULE_DOCUMENTATION_COMMAND) return guard(null, () => ruleDocumentation(p.arguments));
    const uri = typeof p.arguments?.[0] === 'string' ? p.arguments[0] : undefined;
    return guard(null, () => runCommand(store, p.command, uri ? documents.get(uri) : undefined));
  });

  // Health of the server for users and tests: open documents and memory (after a full GC when
  // the server runs with --expose-gc; null where the platform cannot measure it).
  connection.onRequest('sndif/status', () => {
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) gc();
    const memory = environment.memoryUsage();
    return { documents: documents.keys().length, analyses: store.size, heapUsed: memory?.heapUsed ?? null, rss: memory?.rss ?? null, gcForced: gc !== undefined };
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

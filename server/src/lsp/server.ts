/**
 * The language server: protocol wiring only. Every request goes to a handler in handlers/,
 * which calls the protocol-free language service. The same server runs in Node and in a
 * browser's Web Worker: it uses only vscode-languageserver's common API, and the environment
 * layer (server/src/env/node.ts, server/src/env/browser.ts) creates the connection and says
 * what the platform can report.
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  Connection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  MarkupKind,
  TextDocuments,
  TextDocumentSyncKind,
  WorkDoneProgressReporter,
} from 'vscode-languageserver';
import { ChunkedDocument } from './chunkedDocument';
import { DocumentStore, StaleAnalysis } from './documentStore';
import { DEFAULT_SETTINGS, normalizeSettings, SndifSettings } from './settings';
import { PushPacing } from './pushPacing';
import { diagnosticsFor } from './handlers/diagnostics';
import { hoverFor, plainHover, staleHover } from './handlers/hover';
import { completionFor, staleCompletion, withoutSnippets } from './handlers/completion';
import { codeActionsFor } from './handlers/codeActions';
import { foldingFor, symbolsFor } from './handlers/symbols';
import { inlayHintsFor } from './handlers/inlayHints';
import { codeLensFor } from './handlers/codeLens';
import { COMMANDS, runCommand } from './handlers/commands';
import { FIX_ALL_KIND } from '../service/codeActions';
import { linkRuleDocumentation, RULE_DOCUMENTATION_COMMAND, ruleDocumentation, ruleDocumentationActions, ruleDocumentationClient, RuleDocumentationClient } from './handlers/ruleDocumentation';
import { SERVER_INFO } from '../tables/defaults';
import type { Analysis } from '../service/analyze';

/** An analysis expected to take longer than this shows a progress bar ($/progress). */
const PROGRESS_AFTER_MS = 500;

/** Hover and completion answer from the last analysis when a new one would take longer than this. */
const ANSWER_STALE_AFTER_MS = 30;

/**
 * A work-done progress bar created without waiting: reports before the client answered are
 * dropped (the bar starts at the next one), and one that is done before then never shows.
 */
function lateProgress(connection: Connection, message: string): { report: (fraction: number) => void; done: () => void } {
  let bar: WorkDoneProgressReporter | undefined;
  let finished = false;
  connection.window.createWorkDoneProgress().then((created) => {
    if (finished) return;
    bar = created;
    bar.begin('Xen sound', 0, message, false);
  }, () => undefined);
  return {
    report: (fraction) => bar?.report(Math.round(fraction * 100)),
    done: () => {
      if (finished) return;
      finished = true;
      bar?.done();
    },
  };
}

/** What differs between the platforms the server runs on, beyond the connection. */
export interface ServerEnvironment {
  /** Heap and resident memory in bytes, where the platform can tell (Node can, a Web Worker cannot). */
  memoryUsage(): { heapUsed: number; rss: number } | undefined;
}

export function startServer(connection: Connection, environment: ServerEnvironment): Connection {
  let settings: SndifSettings = DEFAULT_SETTINGS;
  let canPullConfiguration = false;
  let clientPullsDiagnostics = false;
  let clientTakesSnippets = false;
  let clientTakesMarkdown = true;
  let clientRefreshesHints = false;
  let clientRefreshesLenses = false;
  const store = new DocumentStore(() => settings);
  // The store sees each edit, to re-analyse only what it touches.
  const documents = new TextDocuments<ChunkedDocument>({ create: ChunkedDocument.create, update: (d, changes, version) => store.update(d, changes, version) });
  let docsClient: RuleDocumentationClient = {};
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  let settingsLoaded: Promise<void> = Promise.resolve();
  const pacing = new PushPacing();

  const logError = (e: unknown) => connection.console.error(`sndif: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);

  const guard = <T>(fallback: T, work: () => T): T => {
    try {
      return work();
    } catch (e) {
      // A bug must never take the editor's server down: log it and answer with nothing.
      logError(e);
      return fallback;
    }
  };

  /** The document's analysis without holding the thread (see DocumentStore.whenAnalysed); undefined if outdated first. */
  const analysed = async (document: ChunkedDocument, progress?: (fraction: number) => void): Promise<Analysis | undefined> => {
    try {
      return await store.whenAnalysed(document, progress);
    } catch (e) {
      logError(e);
      return undefined;
    }
  };

  const publish = async (uri: string) => {
    // Diagnostics made with the client's settings, not with the defaults before they arrive.
    await settingsLoaded;
    const document = documents.get(uri);
    if (!document) return;
    const version = document.version;
    // The bar is asked for without waiting for the client's answer: the analysis starts at once
    // (a client busy sending a 10 MB document answers late), and the bar shows when it can.
    const progress = store.expectedAnalysisMs(document) > PROGRESS_AFTER_MS
      ? lateProgress(connection, `Analysing ${decodeURIComponent(uri.slice(uri.lastIndexOf('/') + 1))}`)
      : undefined;
    try {
      const analysis = await analysed(document, progress?.report);
      // Outdated by an edit, which scheduled a push of its own.
      if (!analysis || documents.get(uri) !== document || document.version !== version) return;
      const started = performance.now();
      const diagnostics = guard([], () => linkRuleDocumentation(diagnosticsFor(store, settings, document), docsClient));
      progress?.done();
      void connection.sendDiagnostics({ uri, version, diagnostics });
      pacing.pushed(uri, performance.now() - started);
      void store.tidy(document).catch(() => undefined);
    } finally {
      progress?.done();
    }
  };

  const schedule = (document: ChunkedDocument, delay: number) => {
    if (clientPullsDiagnostics) return;
    clearTimeout(timers.get(document.uri));
    timers.set(document.uri, setTimeout(() => {
      timers.delete(document.uri);
      void publish(document.uri);
    }, delay));
  };

  const loadSettings = async () => {
    if (!canPullConfiguration) return;
    try {
      settings = normalizeSettings(await connection.workspace.getConfiguration('sndif'));
    } catch {
      settings = DEFAULT_SETTINGS;
    }
  };

  connection.onInitialize((params) => {
    const caps = params.capabilities ?? {};
    canPullConfiguration = caps.workspace?.configuration === true;
    clientPullsDiagnostics = caps.textDocument?.diagnostic !== undefined;
    clientTakesSnippets = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
    // A client that says nothing is taken to render Markdown, as most do.
    const hoverFormats = caps.textDocument?.hover?.contentFormat;
    clientTakesMarkdown = !Array.isArray(hoverFormats) || hoverFormats.includes(MarkupKind.Markdown);
    clientRefreshesHints = caps.workspace?.inlayHint?.refreshSupport === true;
    clientRefreshesLenses = caps.workspace?.codeLens?.refreshSupport === true;
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

  connection.onInitialized(() => {
    if (canPullConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'sndif' }).catch(() => undefined);
      settingsLoaded = loadSettings();
    }
  });

  connection.onDidChangeConfiguration(async (change) => {
    if (canPullConfiguration) await loadSettings();
    else {
      const section = (change.settings as { sndif?: unknown } | undefined)?.sndif;
      // The store redoes an analysis only if the new settings change how it is made.
      if (section !== undefined) settings = normalizeSettings(section);
    }
    for (const d of documents.all()) schedule(d, 0);
    // What the client shows of settings-dependent features is asked for again (PCM device
    // limit, hints on or off): the client asks only when told to.
    if (clientPullsDiagnostics) connection.languages.diagnostics.refresh();
    if (clientRefreshesHints) void connection.languages.inlayHint.refresh().catch(() => undefined);
    if (clientRefreshesLenses) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
  });

  documents.onDidOpen((e) => schedule(e.document, pacing.opened(e.document.uri, e.document.version)));
  documents.onDidChangeContent((e) => {
    const delay = pacing.changed(e.document.uri, e.document.version, guard(0, () => store.expectedAnalysisMs(e.document)) > 0);
    if (delay !== undefined) schedule(e.document, delay);
  });
  documents.onDidClose((e) => {
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    pacing.closed(e.document.uri);
    store.forget(e.document.uri);
    if (!clientPullsDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  /**
   * Each request answers for the document as it is now; a cancelled one answers nothing. It
   * waits for a whole analysis without holding the thread (other requests and edits go on),
   * and if an edit outdates the document meanwhile, it answers for the newer text.
   */
  const withDocument = async <T>(uri: string, token: { isCancellationRequested: boolean }, fallback: T, work: (d: ChunkedDocument) => T): Promise<T> => {
    for (;;) {
      const document = documents.get(uri);
      if (!document || token.isCancellationRequested) return fallback;
      const version = document.version;
      const analysis = await analysed(document);
      if (token.isCancellationRequested || documents.get(uri) !== document) return fallback;
      if (analysis && document.version === version) return guard(fallback, () => work(document));
    }
  };

  /**
   * The last analysis mapped through the edits since, when bringing it up to date means a
   * whole analysis: hover and completion answer from it at once. The whole analysis is left
   * to the diagnostics push after the typing pauses (each keystroke would stop it anyway).
   */
  const staleFor = (uri: string): [ChunkedDocument, StaleAnalysis] | undefined => {
    const document = documents.get(uri);
    if (!document || store.expectedAnalysisMs(document) < ANSWER_STALE_AFTER_MS) return undefined;
    const stale = store.stale(document);
    return stale && [document, stale];
  };

  connection.languages.diagnostics.on(async (params, token) => {
    const items = await withDocument(params.textDocument.uri, token, [], (d) => linkRuleDocumentation(diagnosticsFor(store, settings, d), docsClient));
    // The idle work that follows a push follows a pull too (VS Code pulls).
    const document = documents.get(params.textDocument.uri);
    if (document) void store.tidy(document).catch(() => undefined);
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });
  connection.onHover(async (p, token) => {
    const stale = staleFor(p.textDocument.uri);
    const hover = stale
      ? guard(null, () => staleHover(stale[1], stale[0], p.position))
      : await withDocument(p.textDocument.uri, token, null, (d) => hoverFor(store, d, p.position));
    return clientTakesMarkdown ? hover : plainHover(hover);
  });
  connection.onCompletion(async (p, token) => {
    const stale = staleFor(p.textDocument.uri);
    const items = (stale && guard(undefined, () => staleCompletion(stale[1], stale[0], p.position)))
      ?? await withDocument(p.textDocument.uri, token, [], (d) => completionFor(store, d, p.position));
    return clientTakesSnippets ? items : withoutSnippets(items);
  });
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

/**
 * The protocol floor of `didOpen → diagnostics`: a language server that does nothing but
 * answer `initialize` and push empty diagnostics for each opened document. What a server
 * takes beyond this is its own; below it no server can go with the same client and transport
 * (vscode-jsonrpc over stdio, the whole text in one message).
 */
import { createConnection, ProposedFeatures, TextDocumentSyncKind } from 'vscode-languageserver/node';

const connection = createConnection(ProposedFeatures.all);
connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental } }));
connection.onDidOpenTextDocument((p) => void connection.sendDiagnostics({ uri: p.textDocument.uri, version: p.textDocument.version, diagnostics: [] }));
connection.listen();

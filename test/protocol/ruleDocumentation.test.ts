/** Rule documentation over the protocol: codeDescription links, "Show documentation", the page command. */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../lspClient';
import { rulePage } from '../../server/src/service/rulePage';

const TEXT = "vsnd = [ [ 'CARD, short-name=A', 'PCM', 'STREAM, id=0, type=p', 'STREAM, id=1, type=c, sample-rates=44000;48000' ] ]\n";
const BASE = 'file:///opt/ext/docs/rules/';
const clients: LspClient[] = [];
after(async () => { await Promise.all(clients.map((c) => c.stop())); });

async function start(initializationOptions?: unknown): Promise<LspClient> {
  const client = await LspClient.start({ initializationOptions });
  clients.push(client);
  return client;
}

async function diagnosticsOf(client: LspClient, uri: string): Promise<Diagnostic[]> {
  await client.open(uri, 'xl-cfg', TEXT);
  return (await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0)).diagnostics;
}

const actionsFor = (client: LspClient, uri: string, diagnostics: Diagnostic[]) => client.request<CodeAction[]>('textDocument/codeAction', {
  textDocument: { uri },
  range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } },
  context: { diagnostics },
});

test('each diagnostic links its rule page; one "Show documentation" per code, running the client\'s command', async () => {
  const client = await start({ ruleDocumentation: { baseUri: BASE.slice(0, -1), command: 'sndif.showRuleDocumentation' } });
  const uri = fileUri('docs-test-1.xl');
  const diagnostics = await diagnosticsOf(client, uri);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.codeDescription?.href]), [
    ['vsnd-invalid-param', `${BASE}vsnd-invalid-param.md`],
    ['vsnd-invalid-param', `${BASE}vsnd-invalid-param.md`],
    ['rate-unsupported', `${BASE}rate-unsupported.md`],
  ]);
  const docs = (await actionsFor(client, uri, diagnostics)).filter((a) => a.title.startsWith('Show documentation'));
  assert.deepEqual(docs.map((a) => [a.title, a.kind, a.command, a.diagnostics?.length]), [
    ['Show documentation for vsnd-invalid-param', 'quickfix', { title: 'Show documentation for vsnd-invalid-param', command: 'sndif.showRuleDocumentation', arguments: ['vsnd-invalid-param'] }, 2],
    ['Show documentation for rate-unsupported', 'quickfix', { title: 'Show documentation for rate-unsupported', command: 'sndif.showRuleDocumentation', arguments: ['rate-unsupported'] }, 1],
  ]);
  // Fixes come first, documentation last, as in ESLint.
  const all = await actionsFor(client, uri, diagnostics);
  assert.ok(all.findIndex((a) => a.title.startsWith('Show documentation')) > all.findIndex((a) => a.edit !== undefined));
});

test('the page command returns the Markdown page; unknown codes give null', async () => {
  const client = await start();
  assert.equal(await client.request('workspace/executeCommand', { command: 'sndif.ruleDocumentation', arguments: ['rate-unsupported'] }), rulePage('rate-unsupported'));
  assert.equal(await client.request('workspace/executeCommand', { command: 'sndif.ruleDocumentation', arguments: ['nope'] }), null);
  assert.equal(await client.request('workspace/executeCommand', { command: 'sndif.ruleDocumentation', arguments: [] }), null);
});

test('a client that did not ask gets neither links nor an action it could not run', async () => {
  const client = await start();
  const uri = fileUri('docs-test-2.xl');
  const diagnostics = await diagnosticsOf(client, uri);
  assert.ok(diagnostics.every((d) => d.codeDescription === undefined));
  const actions = await actionsFor(client, uri, diagnostics);
  assert.ok(actions.length > 0 && actions.every((a) => !a.title.startsWith('Show documentation')));
});

/** The bundled server (dist/server.js, what the .vsix ships) starts and analyses over stdio. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, PublishDiagnosticsNotification, PublishDiagnosticsParams, ShutdownRequest, ExitNotification,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from '../lspClient';

test('dist/server.js answers initialize and publishes diagnostics', async () => {
  const server = join(ROOT, 'dist', 'server.js');
  assert.ok(existsSync(server), 'dist/server.js is missing: npm test bundles it first (npm run bundle)');
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  try {
  const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification(PublishDiagnosticsNotification.type, resolve));
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
  assert.equal(init.serverInfo?.name, 'sndif-language-server');
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: 'file:///tmp/b.cfg', languageId: 'xl-cfg', version: 1, text: "vsnd = [ [ 'CARD, id=1' ] ]\n" },
  });
  const { diagnostics } = await published;
  assert.deepEqual(diagnostics.map((d) => d.code), ['card-no-device', 'vsnd-invalid-param']);
  assert.equal(diagnostics[1].message, 'Invalid parameter: id=1: not a CARD key');
  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
  await new Promise((resolve) => child.once('exit', resolve));
  } finally {
    connection.dispose();
    child.kill();
  }
});

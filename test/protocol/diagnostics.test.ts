import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, fileUri, ROOT } from '../lspClient';

let client: LspClient;
before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

function read(relative: string): string {
  return readFileSync(join(ROOT, relative), 'utf8');
}

const short = (d: { code?: unknown; range: { start: { line: number; character: number }; end: { line: number; character: number } } }) =>
  `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;

test('xl.cfg with mistakes: exact codes and ranges, pushed on open', async () => {
  const uri = fileUri('examples/guest-mistakes.cfg');
  await client.open(uri, 'xl-cfg', read('examples/guest-mistakes.cfg'));
  const { diagnostics, version } = await client.waitForDiagnostics(uri);
  assert.equal(version, 1);
  assert.deepEqual(diagnostics.map(short), [
    'vsnd-invalid-param 9:21-9:25',
    'vsnd-invalid-param 10:21-10:25',
    'vsnd-list-comma 12:49-12:56',
    'channels-min-above-max 12:71-12:72',
    'buffer-too-small 13:39-13:41',
    'vsnd-invalid-format 13:65-13:73',
    'vsnd-invalid-stream-type 14:39-14:47',
    'stream-type-missing 15:12-15:33',
    'unique-id-duplicate 16:31-16:32',
    'rate-unsupported 16:55-16:60',
    'widens-parent 16:55-16:66',
    'number-base 16:80-16:86',
    'widens-parent 16:80-16:86',
  ]);
  const first = diagnostics[0];
  assert.equal(first.message, 'Invalid parameter: id=0: did you mean unique-id?');
  assert.equal(first.severity, 1);
  assert.equal(first.source, 'sndif');
  assert.deepEqual(first.data, {
    enforcer: 'xl',
    detail: 'xl rejects the config: "Invalid parameter: id=0". STREAM takes sample-rates, sample-formats, channels-min, channels-max, buffer-size, unique-id, type.',
    fixes: [{ title: 'Change to unique-id', edits: [{ range: first.range === undefined ? undefined : { start: { line: 9, character: 21 }, end: { line: 9, character: 23 } }, newText: 'unique-id' }], preferred: true, safe: true }],
  });
  const duplicate = diagnostics.find((d) => d.code === 'unique-id-duplicate')!;
  assert.deepEqual(duplicate.relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.message]), [[uri, 15, 'first use of this unique-id']]);
});

test('a dump is recognised by its content even with another languageId', async () => {
  const uri = 'file:///tmp/pasted-dump.log';
  await client.open(uri, 'plaintext', read('examples/xenstore-broken-f.txt'));
  const { diagnostics } = await client.waitForDiagnostics(uri);
  assert.deepEqual(diagnostics.map((d) => d.code), ['list-blank', 'xs-unknown-key', 'number-base', 'stream-type-invalid', 'format-unsupported', 'index-gap']);
});

test('clean examples have no diagnostics', async () => {
  for (const [file, lang] of [['examples/guest-clean.cfg', 'xl-cfg'], ['examples/xenstore-host.txt', 'xenstore']]) {
    const uri = fileUri(file);
    await client.open(uri, lang, read(file));
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
  }
});

test('a burst of edits leaves only the final document\'s diagnostics', async () => {
  const uri = 'file:///tmp/burst.cfg';
  const base = "name = \"g\"\nkernel = \"/k\"\nvsnd = [ [ 'PCM', 'STREAM, type=p' ] ]\n";
  await client.open(uri, 'xl-cfg', base);
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  // Type a bad key one character at a time: 'STREAM, type=p, x', then fix it to unique-id=a.
  const at = base.indexOf("p' ]") + 1;
  let version = 1;
  let col = at - base.lastIndexOf('\n', at - 1) - 1;
  for (const ch of [',', ' ', 'x', 'x', 'x']) {
    await client.change(uri, ++version, [{ range: { start: { line: 2, character: col }, end: { line: 2, character: col } }, text: ch }]);
    col++;
  }
  await client.change(uri, ++version, [{ range: { start: { line: 2, character: col - 3 }, end: { line: 2, character: col } }, text: 'unique-id=a' }]);
  const final = await client.waitForDiagnostics(uri, (p) => p.version === version);
  assert.deepEqual(final.diagnostics, []);
  const versions = client.published(uri).map((p) => p.version);
  assert.deepEqual(versions.filter((v) => v !== 1 && v !== version), [], `intermediate versions were published: ${versions}`);
});

test('settings: severity overrides and turning a rule off', async () => {
  const uri = 'file:///tmp/settings.cfg';
  await client.open(uri, 'xl-cfg', "vsnd = [ [ 'CARD, sample-rates=44000', 'PCM', 'STREAM, type=p' ] ]\n");
  await client.waitForDiagnostics(uri);
  await client.changeSettings({ severity: { 'rate-unsupported': 'off', 'rates-none-supported': 'information' } }, uri);
  const { diagnostics } = client.published(uri)[client.published(uri).length - 1];
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['rates-none-supported', 3]]);
  await client.changeSettings({}, uri);
});

test('setting maxPcmDevices: the guest kernel reads 8 or 254 PCM devices (diagnostics, hover, inlay hints)', async () => {
  const uri = 'file:///tmp/limit.cfg';
  // Each PCM sets its rates, so each PCM the guest reads has an inlay hint.
  const items = Array.from({ length: 9 }, (_, i) => `'PCM, name=d${i}, sample-rates=48000', 'STREAM, type=p'`).join(',\n  ');
  const text = `vsnd = [ [ 'CARD, short-name=Big',\n  ${items} ] ]\n`;
  await client.open(uri, 'xl-cfg', text);
  const first = await client.waitForDiagnostics(uri);
  assert.deepEqual(first.diagnostics.map((d) => [d.code, d.range.start.line]), [['too-many-devices', 9]]);
  const hover = async () => (await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 13 } })).contents.value;
  const hints = async () => (await client.request<unknown[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } } })).length;
  assert.match(await hover(), /\n\nPCM device 8 ignored: a guest without CONFIG_SND_DYNAMIC_MINORS reads 8 \(setting `sndif.maxPcmDevices`\)\n/);
  assert.equal(await hints(), 8);
  await client.changeSettings({ maxPcmDevices: 254 }, uri);
  assert.deepEqual(client.published(uri)[client.published(uri).length - 1].diagnostics, []);
  assert.doesNotMatch(await hover(), /CONFIG_SND_DYNAMIC_MINORS/);
  assert.equal(await hints(), 9);
  await client.changeSettings({}, uri);
  await client.close(uri);
});

test('pull diagnostics when the client asks for them', async () => {
  const pull = await LspClient.start({ capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } } });
  try {
    const uri = 'file:///tmp/pull.cfg';
    await pull.open(uri, 'xl-cfg', "vsnd = [ [ 'CARD, volume=11', 'PCM', 'STREAM, type=p' ] ]\n");
    const report = await pull.request<{ kind: string; items: { code: string }[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items.map((d) => d.code), ['vsnd-invalid-param']);
    assert.deepEqual(pull.published(uri), []);
  } finally {
    await pull.stop();
  }
});

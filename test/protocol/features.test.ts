/** Hover, completion, symbols, folding, inlay hints and commands through the real server. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CompletionItem, DocumentSymbol, FoldingRange, Hover, InlayHint } from 'vscode-languageserver-protocol';
import { LspClient, ROOT } from '../lspClient';
import { golden } from '../golden';

let client: LspClient;
before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

const XL_URI = 'file:///etc/xen/ivi-guest.cfg';
const DUMP_URI = 'file:///tmp/xenstore-host.txt';
const xlText = readFileSync(join(ROOT, 'examples', 'guest-clean.cfg'), 'utf8');
const dumpText = readFileSync(join(ROOT, 'examples', 'xenstore-host.txt'), 'utf8');

function position(text: string, needle: string, delta = 0, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} not found`);
  offset += delta;
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

async function hoverAt(uri: string, text: string, needle: string, delta = 1, nth = 0): Promise<Hover | null> {
  return client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: position(text, needle, delta, nth) });
}

test('setup: open both examples', async () => {
  await client.open(XL_URI, 'xl-cfg', xlText);
  await client.open(DUMP_URI, 'xenstore', dumpText);
  await client.waitForDiagnostics(XL_URI);
  await client.waitForDiagnostics(DUMP_URI);
});

const HOVERS: [string, string, string, string, number?][] = [
  ['xl-card', 'xl', 'CARD, short', 'card'],
  ['xl-device', 'xl', 'PCM, name=Navigation', 'device'],
  ['xl-stream', 'xl', 'STREAM, unique-id=media-in', 'stream'],
  ['xl-key', 'xl', 'buffer-size=16384', 'key'],
  ['xl-rate', 'xl', '44100;', 'rate'],
  ['xl-format', 'xl', 's32_le,', 'format'],
  ['dump-card', 'dump', '     0 = ""\n      backend = "/local/domain/0/backend/vsnd', 'card'],
  ['dump-stream', 'dump', 'unique-id = "media-in"', 'stream'],
  ['dump-key', 'dump', 'sample-formats = "s16_le,s32_le"', 'key'],
];

for (const [name, lang, needle] of HOVERS) {
  test(`hover ${name}`, async () => {
    const text = lang === 'xl' ? xlText : dumpText;
    const uri = lang === 'xl' ? XL_URI : DUMP_URI;
    // The stream hover in a dump sits on the stream's own line, one line above its unique-id.
    let pos = position(text, needle, needle.startsWith('     0') ? 5 : 1);
    if (name === 'dump-stream') pos = { line: pos.line - 1, character: 8 };
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: pos });
    assert.ok(hover, 'no hover');
    const contents = hover.contents as { kind: string; value: string };
    assert.equal(contents.kind, 'markdown');
    golden(`hover/${name}.md`, `${contents.value}\n`);
  });
}

test('hover on a card that fails to probe says why', async () => {
  const uri = 'file:///tmp/probe.cfg';
  const text = "vsnd = [ [ 'CARD, short-name=X', 'PCM', 'STREAM, unique-id=a' ] ]\n";
  await client.open(uri, 'xl-cfg', text);
  const hover = await hoverAt(uri, text, 'CARD');
  assert.match((hover!.contents as { value: string }).value, /\*\*The guest's card fails to probe:\*\* -ENOENT \(-2\): Stream \/local\/domain\/1\/device\/vsnd\/0\/0\/0 has no type/);
});

async function completeAt(uri: string, text: string, needle: string, delta: number): Promise<string[]> {
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: position(text, needle, delta) });
  return items.map((i) => i.label);
}

test('completion: item types, keys of the item, values of type, rates and formats', async () => {
  const uri = 'file:///tmp/complete.cfg';
  const text = "vsnd = [ [ 'C', 'PCM, na', 'STREAM, type=', 'CARD, sample-rates=48000;', 'CARD, sample-formats=s1' ] ]\n";
  await client.open(uri, 'xl-cfg', text);
  assert.deepEqual(await completeAt(uri, text, "'C'", 2), ['CARD', 'PCM', 'STREAM']);
  assert.deepEqual(await completeAt(uri, text, 'na', 2), ['sample-rates', 'sample-formats', 'channels-min', 'channels-max', 'buffer-size', 'name']);
  assert.deepEqual(await completeAt(uri, text, 'type=', 5), ['p', 'c']);
  const rates = await completeAt(uri, text, '48000;', 6);
  assert.deepEqual(rates.slice(0, 3), ['5512', '8000', '11025']);
  assert.equal(rates.length, 12);
  const formats = await completeAt(uri, text, 's1', 2);
  assert.equal(formats.length, 25);
  assert.ok(formats.includes('f32_le') && formats.includes('s16_le') && !formats.includes('float_le'));
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: position(text, 'na', 2) });
  assert.deepEqual(items.find((i) => i.label === 'name')!.textEdit, { range: { start: position(text, 'na'), end: position(text, 'na', 2) }, newText: 'name=' });
});

test('completion: a whole-card snippet between cards, keys under a dump node', async () => {
  const uri = 'file:///tmp/snippet.cfg';
  const text = "vsnd = [\n  \n]\n";
  await client.open(uri, 'xl-cfg', text);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 2 } });
  assert.deepEqual(items.map((i) => [i.label, i.insertTextFormat]), [['vsnd card', 2]]);
  const dumpUri = 'file:///tmp/complete-dump.txt';
  const dump = '0 = ""\n backend = "/local/domain/0/backend/vsnd/1/0"\n 0 = ""\n  0 = ""\n   ty\n';
  await client.open(dumpUri, 'xenstore', dump);
  const keys = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: dumpUri }, position: { line: 4, character: 5 } });
  assert.deepEqual(keys.map((k) => k.label), ['unique-id', 'type', 'sample-rates', 'sample-formats', 'channels-min', 'channels-max', 'buffer-size']);
});

test('document symbols: card → PCM device → stream', async () => {
  for (const uri of [XL_URI, DUMP_URI]) {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const tree = symbols.map((c) => [c.name, c.children!.map((d) => [d.name, d.children!.map((s) => `${s.name} (${s.detail})`)])]);
    assert.deepEqual(tree, [['IVI', [
      ['Media', ['media-out (playback · 44.1/48 kHz · s16_le s32_le · 1–2 ch · 64 KiB)', 'media-in (capture · 44.1/48 kHz · s16_le s32_le · 1 ch · 64 KiB)']],
      ['Navigation', ['nav-prompt (playback · 48 kHz · s16_le s32_le · 1–2 ch · 16 KiB)']],
    ]]], uri);
  }
});

test('folding ranges: xl lists and dump subtrees', async () => {
  const xl = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: XL_URI } });
  assert.deepEqual(xl.map((f) => [f.startLine, f.endLine]), [[10, 17], [11, 16]]);
  const dump = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: DUMP_URI } });
  assert.deepEqual(dump.slice(0, 3).map((f) => [f.startLine, f.endLine]), [[0, 1], [2, 83], [3, 83]]);
});

test('inlay hints after each PCM device and stream, and the switch to turn them off', async () => {
  const range = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };
  const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: XL_URI }, range });
  assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [
    [12, '⇢ 44.1/48 kHz · s16_le s32_le · 1–2 ch · 64 KiB (rates, formats, channels, buffer from card)'],
    [13, '⇢ 44.1/48 kHz · s16_le s32_le · 1–2 ch · 64 KiB (rates, formats, channels, buffer from card)'],
    [14, '⇢ 44.1/48 kHz · s16_le s32_le · 1 ch · 64 KiB (rates, formats, channels-min, buffer from card)'],
    [15, '⇢ 48 kHz · s16_le s32_le · 1–2 ch · 64 KiB (formats, channels, buffer from card)'],
    [16, '⇢ 48 kHz · s16_le s32_le · 1–2 ch · 16 KiB (rates from device; formats, channels from card)'],
  ]);
  await client.changeSettings({ inlayHints: false }, XL_URI);
  const none = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: XL_URI }, range });
  assert.deepEqual(none, []);
  await client.changeSettings({}, XL_URI);
});

test('commands: resolved table and the keys libxl would write', async () => {
  const table = await client.request<string>('workspace/executeCommand', { command: 'sndif.resolvedText', arguments: [XL_URI] });
  assert.match(table, /^Card 1\/0 "IVI" "Infotainment audio"  \/local\/domain\/1\/device\/vsnd\/0\n  probe     ok\n/);
  const keys = await client.request<string>('workspace/executeCommand', { command: 'sndif.xenstoreKeysText', arguments: [XL_URI] });
  assert.ok(keys.includes('/local/domain/1/device/vsnd/0/0/1/channels-max = "1"\n'));
});

test('hover names who enforces each rule broken there', async () => {
  const uri = 'file:///tmp/enforcer.cfg';
  const text = "vsnd = [ [ 'CARD, sample-rates=44000', 'PCM', 'STREAM, id=0, type=p' ] ]\n";
  await client.open(uri, 'xl-cfg', text);
  const onRate = await hoverAt(uri, text, '44000', 2);
  assert.equal((onRate!.contents as { value: string }).value,
    '**44000** — not a rate the Linux frontend supports: it is ignored. Nearest supported: 44100, 48000.\n\n---\n'
    + '`rate-unsupported` · accepted, but silently ignored or changed  \n`rates-none-supported` · accepted, but silently ignored or changed');
  const onKey = await hoverAt(uri, text, 'id=0', 1);
  assert.equal((onKey!.contents as { value: string }).value, '`vsnd-invalid-param` · xl rejects the config');
});

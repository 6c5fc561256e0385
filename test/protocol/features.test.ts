/** Hover, completion, symbols, folding, inlay hints and commands through the real server. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SymbolKind, type CompletionItem, type DocumentSymbol, type FoldingRange, type Hover, type InlayHint } from 'vscode-languageserver-protocol';
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

test('completion while an item\'s closing quote is not typed yet: as if it were', async () => {
  const uri = 'file:///tmp/complete-open-quote.cfg';
  const text = "vsnd = [ [ 'PCM, na\n] ]\n";
  await client.open(uri, 'xl-cfg', text);
  assert.deepEqual(await completeAt(uri, text, 'na', 2), ['sample-rates', 'sample-formats', 'channels-min', 'channels-max', 'buffer-size', 'name']);
  const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: position(text, 'na', 2) });
  assert.deepEqual(items.find((i) => i.label === 'name')!.textEdit, { range: { start: position(text, 'na'), end: position(text, 'na', 2) }, newText: 'name=' });
  const next = "vsnd = [ [ 'PCM, name=a',\n  'STREAM, type=\n] ]\n";
  await client.change(uri, 2, [{ text: next }]);
  assert.deepEqual(await completeAt(uri, next, 'type=', 5), ['p', 'c']);
  // A config of more than 100,000 characters is not analysed a second time for it.
  const big = `${'# padding\n'.repeat(10_001)}vsnd = [ [ 'PCM, na\n] ]\n`;
  await client.change(uri, 3, [{ text: big }]);
  assert.deepEqual(await completeAt(uri, big, "'PCM, na", 8), ['vsnd card']);
  // A quote closed further on the line is the item's own: nothing is added.
  const closed = "vsnd = [ [ 'PCM', 'STREAM, sample-formats=s16_le' ] ]\n";
  await client.change(uri, 4, [{ text: closed }]);
  assert.equal((await completeAt(uri, closed, 'formats=s', 9)).length, 25);
});

test('completion leaves out keys the item already has', async () => {
  const uri = 'file:///tmp/complete-present.cfg';
  const text = "vsnd = [ [ 'CARD', 'PCM', 'STREAM, type=p, unique-id=a, ' ] ]\n";
  await client.open(uri, 'xl-cfg', text);
  assert.deepEqual(await completeAt(uri, text, 'unique-id=a, ', 13), ['sample-rates', 'sample-formats', 'channels-min', 'channels-max', 'buffer-size']);
});

test("completion lists the parent's allowed rates and formats first", async () => {
  const uri = 'file:///tmp/complete-parent.cfg';
  const text = "vsnd = [ [ 'CARD, sample-formats=s32_le;s16_le', 'PCM, sample-rates=48000;16000', 'STREAM, type=p, sample-rates=, sample-formats=' ] ]\n";
  await client.open(uri, 'xl-cfg', text);
  const sorted = async (needle: string, delta: number) => {
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: position(text, needle, delta) });
    return items.sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label);
  };
  assert.deepEqual((await sorted('type=p, sample-rates=', 21)).slice(0, 3), ['16000', '48000', '5512']);
  assert.deepEqual((await sorted('sample-formats=\'', 15)).slice(0, 3), ['s16_le', 's32_le', 's8']);
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

test('completion for a client without snippet support: each snippet as plain text, placeholders at their defaults', async () => {
  const plain = await LspClient.start({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } } });
  try {
    const uri = 'file:///tmp/plain-snippet.cfg';
    await plain.open(uri, 'xl-cfg', "vsnd = [\n  \n]\n");
    const items = await plain.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 2 } });
    assert.deepEqual(items.map((i) => [i.label, i.insertTextFormat, i.insertText]), [['vsnd card', 1,
      "[ 'CARD, short-name=Main, sample-rates=44100;48000, sample-formats=s16_le',\n  'PCM, name=Main',\n    'STREAM, unique-id=out, type=p' ]"]]);
  } finally {
    await plain.stop();
  }
});

test('a settings change asks a client that can refresh them for inlay hints and code lenses again', { timeout: 30_000 }, async () => {
  const refreshing = await LspClient.start({
    capabilities: { workspace: { configuration: true, inlayHint: { refreshSupport: true }, codeLens: { refreshSupport: true } }, textDocument: { publishDiagnostics: {} } },
  });
  try {
    const asked: string[] = [];
    const both = new Promise<void>((resolve) => {
      for (const method of ['workspace/inlayHint/refresh', 'workspace/codeLens/refresh']) {
        refreshing.connection.onRequest(method, () => {
          asked.push(method);
          if (asked.length === 2) resolve();
          return null;
        });
      }
    });
    await refreshing.changeSettings({ maxPcmDevices: 254 });
    await both;
    assert.deepEqual(asked.sort(), ['workspace/codeLens/refresh', 'workspace/inlayHint/refresh']);
  } finally {
    await refreshing.stop();
  }
});

test('hover for a client that takes only plain text: the text without Markdown, table rows as cells side by side', async () => {
  const plain = await LspClient.start({ capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] } } } });
  try {
    const uri = 'file:///tmp/plain-hover.cfg';
    await plain.open(uri, 'xl-cfg', readFileSync(join(ROOT, 'examples', 'guest-clean.cfg'), 'utf8'));
    const hover = await plain.request<{ contents: { kind: string; value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line: 14, character: 11 } });
    assert.equal(hover.contents.kind, 'plaintext');
    assert.deepEqual(hover.contents.value.split('\n').slice(0, 5), [
      'Stream "media-in" · capture · PCM "Media" · card "IVI"',
      '',
      'resolved  set by',
      'formats  s16_le, s32_le  card (line 12)',
      'rates  44100, 48000 Hz  card (line 12)',
    ]);
  } finally {
    await plain.stop();
  }
});

test('document symbols: card → PCM device → stream, named as everywhere, every card with its probe status', async () => {
  for (const uri of [XL_URI, DUMP_URI]) {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const tree = symbols.map((c) => [`${c.name} (${c.detail}) ${c.kind}`, c.children!.map((d) => [`${d.name} ${d.kind}`, d.children!.map((s) => `${s.name} (${s.detail}) ${s.kind}`)])]);
    const card = uri === XL_URI ? 'card "IVI"' : 'card "IVI" of domain 1';
    assert.deepEqual(tree, [[`${card} (probes · 44100/48000 Hz · s16_le s32_le · 1–2 ch · 64 KiB) ${SymbolKind.Module}`, [
      [`PCM "Media" ${SymbolKind.Namespace}`, [`stream "media-out" (playback · 44100/48000 Hz · s16_le s32_le · 1–2 ch · 64 KiB) ${SymbolKind.Package}`, `stream "media-in" (capture · 44100/48000 Hz · s16_le s32_le · 1 ch · 64 KiB) ${SymbolKind.Package}`]],
      [`PCM "Navigation" ${SymbolKind.Namespace}`, [`stream "nav-prompt" (playback · 48000 Hz · s16_le s32_le · 1–2 ch · 16 KiB) ${SymbolKind.Package}`]],
    ]]], uri);
  }
});

test('document symbols: a card that fails to probe says so, unnamed levels go by index', async () => {
  const uri = 'file:///tmp/unnamed.cfg';
  // Each item sets a key, so libxl writes its node (an item that sets none writes nothing).
  await client.open(uri, 'xl-cfg', "vsnd = [ [ 'CARD', 'PCM, channels-max=2', 'STREAM, channels-max=2' ] ]\n");
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((c) => [c.name, c.detail, c.children!.map((d) => [d.name, d.children!.map((s) => `${s.name} (${s.detail})`)])]), [
    ['card 0', 'fails to probe (-ENOENT) · 5512–48000 Hz · u8 s16_le · 1–2 ch · 64 KiB', [['PCM 0', ['stream 0 (no type · 5512–48000 Hz · u8 s16_le · 1–2 ch · 64 KiB)']]]],
  ]);
});

test('folding ranges: xl lists and dump subtrees', async () => {
  const xl = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: XL_URI } });
  assert.deepEqual(xl.map((f) => [f.startLine, f.endLine]), [[10, 17], [11, 16]]);
  const dump = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: DUMP_URI } });
  assert.deepEqual(dump.slice(0, 3).map((f) => [f.startLine, f.endLine]), [[0, 1], [2, 83], [3, 83]]);
});

test('inlay hints: at the end of the line, what the level changes in at most 40 characters, the whole resolution in the tooltip', async () => {
  const range = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };
  const text = readFileSync(join(ROOT, 'examples', 'guest-clean.cfg'), 'utf8').split('\n');
  const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: XL_URI }, range });
  // media-out and the Media PCM only inherit: no hint.
  assert.deepEqual(hints.map((h) => [h.position.line, h.position.character === text[h.position.line].length, h.label]), [
    [14, true, '⇢ 1 ch'],
    [15, true, '⇢ 48000 Hz'],
    [16, true, '⇢ 16 KiB'],
  ]);
  const tooltip = hints[0].tooltip as { kind: string; value: string };
  assert.equal(tooltip.kind, 'markdown');
  golden('hover/inlay-tooltip.md', `${tooltip.value}\n`);
  await client.changeSettings({ inlayHints: false }, XL_URI);
  const none = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri: XL_URI }, range });
  assert.deepEqual(none, []);
  await client.changeSettings({}, XL_URI);
});

test('inlay hint labels stay within 40 characters: long format lists are shortened', async () => {
  const uri = 'file:///tmp/long-hint.cfg';
  const text = "vsnd = [ [ 'CARD', 'PCM, sample-formats=s8;u8;s16_le;s16_be;u16_le;u16_be;s24_le;s32_le, sample-rates=8000;11025;16000;22050;44100;48000, channels-max=8, buffer-size=131072', 'STREAM, type=p' ] ]\n";
  await client.open(uri, 'xl-cfg', text);
  const hints = await client.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } });
  assert.deepEqual(hints.map((h) => h.label), ['⇢ 8000–48000 Hz · … · 1–8 ch · 128 KiB']);
  assert.ok((hints[0].label as string).length <= 40);
});

test('code lens above each card: probe result and summary, opening the resolved configuration', async () => {
  const lenses = await client.request<{ range: { start: { line: number } }; command: { title: string; command: string; arguments: unknown[] } }[]>('textDocument/codeLens', { textDocument: { uri: XL_URI } });
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command.title, l.command.command, l.command.arguments]), [
    [11, '✓ Probes · 2 PCM devices, 3 streams · 44100/48000 Hz · s16_le s32_le · 1–2 ch · 64 KiB', 'sndif.showResolved', [XL_URI]],
  ]);
  const uri = 'file:///tmp/lens-fail.cfg';
  await client.open(uri, 'xl-cfg', "vsnd = [\n  [ 'CARD', 'PCM, channels-max=2', 'STREAM, channels-max=2' ],\n]\n");
  const failing = await client.request<{ command: { title: string } }[]>('textDocument/codeLens', { textDocument: { uri } });
  assert.deepEqual(failing.map((l) => l.command.title), ['✗ Fails to probe (-ENOENT (-2)) · 1 PCM device, 1 stream']);
});

test('commands: resolved table and the keys libxl would write', async () => {
  const table = await client.request<string>('workspace/executeCommand', { command: 'sndif.resolvedText', arguments: [XL_URI] });
  assert.match(table, /^Card "IVI" \(Infotainment audio\)  \/local\/domain\/1\/device\/vsnd\/0\n  probe     probes\n/);
  const markdown = await client.request<string>('workspace/executeCommand', { command: 'sndif.resolvedMarkdown', arguments: [XL_URI] });
  golden('report/xl-resolved.md', markdown);
  const keys = await client.request<string>('workspace/executeCommand', { command: 'sndif.xenstoreKeysText', arguments: [XL_URI] });
  assert.ok(keys.includes('/local/domain/1/device/vsnd/0/0/1/channels-max = "1"\n'));
});

test('hover on a token with diagnostics stays short: who enforces each rule, the mechanics, one line about the token', async () => {
  const uri = 'file:///tmp/enforcer.cfg';
  const text = "vsnd = [ [ 'CARD, sample-rates=44000', 'PCM', 'STREAM, id=0, type=p' ] ]\n";
  await client.open(uri, 'xl-cfg', text);
  const onRate = await hoverAt(uri, text, '44000', 2);
  golden('hover/diagnostic-rate.md', `${(onRate!.contents as { value: string }).value}\n`);
  const onKey = await hoverAt(uri, text, 'id=0', 1);
  golden('hover/diagnostic-key.md', `${(onKey!.contents as { value: string }).value}\n`);
  const mistakes = readFileSync(join(ROOT, 'examples', 'guest-mistakes.cfg'), 'utf8');
  const mistakesUri = 'file:///tmp/guest-mistakes.cfg';
  await client.open(mistakesUri, 'xl-cfg', mistakes);
  const onStream = await hoverAt(mistakesUri, mistakes, "'STREAM, unique-id=3'", 3);
  const value = (onStream!.contents as { value: string }).value;
  golden('hover/diagnostic-stream.md', `${value}\n`);
  // No table, no key documentation: VS Code's hover keeps its "Quick Fix…" link in sight.
  assert.ok(!value.includes('| formats') && value.split('\n').length <= 6, value);
});

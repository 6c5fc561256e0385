/**
 * The web extension in VS Code's web worker extension host (as on vscode.dev and github.dev):
 * its client on vscode-languageclient/browser, the server in a Web Worker. The project folder
 * is mounted read-only (scheme vscode-test-web); examples and golden files are opened from it
 * by URI, and untitled documents are edited in memory.
 */
import { assert } from 'chai';
import * as vscode from 'vscode';
import { asXl, codeOf, diagnosticsOf } from '../helpers';

const root = () => vscode.workspace.workspaceFolders![0].uri;
const uriOf = (relative: string) => vscode.Uri.joinPath(root(), ...relative.split('/'));
const readText = async (relative: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uriOf(relative)));
const openXl = async (relative: string) => asXl(await vscode.workspace.openTextDocument(uriOf(relative)));
const untitledXl = (content: string) => vscode.workspace.openTextDocument({ language: 'xl-cfg', content });

/** A position by the text at it, e.g. on the `S` of the stream whose line has `media-in`. */
function positionOf(document: vscode.TextDocument, lineNeedle: string, needle: string, delta = 0): vscode.Position {
  const line = document.getText().split('\n').findIndex((l) => l.includes(lineNeedle));
  assert.isAtLeast(line, 0, `no line with ${lineNeedle}`);
  return new vscode.Position(line, document.lineAt(line).text.indexOf(needle) + delta);
}

const labelOf = (hint: vscode.InlayHint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join(''));

suite('sndif on the web (vscode.dev, github.dev)', () => {
  test('runs in the web worker extension host, with the browser entry active', async () => {
    assert.equal(vscode.env.uiKind, vscode.UIKind.Web);
    assert.equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'a Node extension host');
    assert.equal(root().scheme, 'vscode-test-web');
    const extension = vscode.extensions.getExtension('xen-sndif.xen-sndif');
    assert.ok(extension, 'extension xen-sndif.xen-sndif is not loaded');
    await extension.activate();
    assert.isTrue(extension.isActive);
    // The shared commands are there; the live XenStore command (it runs xenstore-ls) is desktop only.
    const commands = await vscode.commands.getCommands(true);
    assert.includeMembers(commands, ['sndif.showResolved', 'sndif.showXenStoreKeys', 'sndif.showRuleDocumentation']);
    assert.notInclude(commands, 'sndif.openLiveXenStore');
  });

  test('exact diagnostics of an xl.cfg from the mounted folder', async () => {
    const document = await openXl('examples/guest-mistakes.cfg');
    // The client pulls diagnostics for the documents shown in editors.
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsOf(document.uri, (d) => d.length > 0);
    const E = vscode.DiagnosticSeverity.Error;
    const W = vscode.DiagnosticSeverity.Warning;
    assert.deepEqual(diagnostics.map((d) => [codeOf(d), d.severity, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message]), [
      ['vsnd-invalid-param', E, 9, 21, 9, 25, 'Invalid parameter: id=0 (did you mean unique-id?)'],
      ['vsnd-invalid-param', E, 10, 21, 10, 25, 'Invalid parameter: id=1 (did you mean unique-id?)'],
      ['vsnd-list-comma', E, 12, 49, 12, 56, "Invalid parameter: 48000 (inside an item, sample-rates values are separated by ';': xl splits items on ',')"],
      ['channels-min-above-max', W, 12, 71, 12, 72, 'channels-min 4 is above channels-max 2: the frontend lowers channels-min, so card 1 gets exactly 2 channels'],
      ['buffer-too-small', W, 13, 39, 13, 41, 'buffer-size 96 holds fewer than two periods of 64 bytes: periods_max becomes 1 while periods_min stays 2, so PCM device 0 of card 1 cannot be opened; use at least 128'],
      ['vsnd-invalid-format', E, 13, 65, 13, 73, "Invalid pcm format: float_le (libxl calls it f32_le, but the guest's frontend only knows float_le and ignores f32_le: float formats cannot be configured through xl)"],
      ['vsnd-invalid-stream-type', E, 14, 39, 14, 47, 'Invalid stream type: playback (use p for playback or c for capture)'],
      ['stream-type-missing', E, 15, 12, 15, 33, "Stream 0/1 of card 1 has no type: xl accepts that, but the guest's card fails to probe with -ENOENT (-2); add type=p (playback) or type=c (capture)"],
      ['unique-id-duplicate', W, 16, 31, 16, 32, 'unique-id "3" is already used by another stream of card 1: the backend cannot tell the two streams apart'],
      ['rate-unsupported', W, 16, 55, 16, 60, 'Sample rate 44000 is not supported by the Linux frontend, which ignores it (nearest supported: 44100, 48000)'],
      ['widens-parent', W, 16, 55, 16, 66, 'stream 0/2 of card 1 adds rate 96000 that its PCM device does not list; the kernel allows it, the man page says a lower level must narrow'],
      ['number-base', W, 16, 80, 16, 86, '"044100" starts with 0, so xl reads it as octal: 18496; drop the leading zeros for decimal'],
      ['widens-parent', W, 16, 80, 16, 86, "buffer-size 18496 is above its PCM device's 96; the kernel allows it, the man page says a lower level must narrow"],
    ]);
  });

  test('a XenStore dump is recognised by its first line and analysed', async () => {
    const document = await vscode.workspace.openTextDocument({ content: '/local/domain/1/device/vsnd/0/0/0/type = "x"\n' });
    assert.equal(document.languageId, 'xenstore');
    const diagnostics = await diagnosticsOf(document.uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message]), [
      ['stream-type-invalid', 0, 42, 0, 43, "Stream type \"x\" is neither p nor c (compared case-insensitively over 2 bytes): the guest's card fails to probe with -EINVAL (-22)"],
    ]);
  });

  test('hover on a stream: the resolved table equals the golden file', async () => {
    const document = await openXl('examples/guest-clean.cfg');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, positionOf(document, 'media-in', 'STREAM', 2));
    // The golden files end with a line break, the hover does not.
    const text = `${hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n')}\n`;
    // The golden was written for file:///etc/xen/ivi-guest.cfg; the line links point at this document here.
    const golden = (await readText('test/fixtures/hover/xl-stream.md')).replaceAll('file:///etc/xen/ivi-guest.cfg', document.uri.toString());
    assert.equal(text, golden);
  });

  test('a quick-fix applied to an untitled document gives the golden text', async () => {
    const document = await untitledXl(await readText('test/fixtures/fixes/misspelled-key.before.cfg'));
    const diagnostics = await diagnosticsOf(document.uri, (d) => d.some((x) => codeOf(x) === 'vsnd-invalid-param'));
    const target = diagnostics.find((d) => codeOf(d) === 'vsnd-invalid-param')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change to unique-id');
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.isTrue(fix.isPreferred);
    assert.isTrue(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(document.getText(), await readText('test/fixtures/fixes/misspelled-key.after.cfg'));
    await diagnosticsOf(document.uri, (d) => !d.some((x) => codeOf(x) === 'vsnd-invalid-param'));
  });

  test('fix-all applies every safe fix', async () => {
    const document = await untitledXl(await readText('test/fixtures/fixes/fix-all.before.cfg'));
    await diagnosticsOf(document.uri, (d) => d.length > 0);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, 'source.fixAll.sndif');
    assert.equal(actions.length, 1, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.isTrue(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.equal(document.getText(), await readText('test/fixtures/fixes/fix-all.after.cfg'));
  });

  test('completion offers the keys of a STREAM item', async () => {
    const document = await untitledXl("vsnd = [ [ 'PCM', 'STREAM, ty' ] ]\n");
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 29));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.includeMembers(labels, ['type', 'unique-id', 'sample-rates', 'sample-formats', 'channels-min', 'channels-max', 'buffer-size']);
    assert.notInclude(labels, 'short-name', 'a CARD key offered in a STREAM');
  });

  test('inlay hints after each PCM device and stream', async () => {
    const document = await openXl('examples/guest-clean.cfg');
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', document.uri, new vscode.Range(0, 0, document.lineCount, 0));
    assert.deepEqual(hints.map((h) => [h.position.line, labelOf(h)]), [
      [12, '⇢ 44.1/48 kHz · s16_le s32_le · 1–2 ch · 64 KiB (rates, formats, channels, buffer from card)'],
      [13, '⇢ 44.1/48 kHz · s16_le s32_le · 1–2 ch · 64 KiB (rates, formats, channels, buffer from card)'],
      [14, '⇢ 44.1/48 kHz · s16_le s32_le · 1 ch · 64 KiB (rates, formats, channels-min, buffer from card)'],
      [15, '⇢ 48 kHz · s16_le s32_le · 1–2 ch · 64 KiB (formats, channels, buffer from card)'],
      [16, '⇢ 48 kHz · s16_le s32_le · 1–2 ch · 16 KiB (rates from device; formats, channels from card)'],
    ]);
  });

  test('outline and folding', async () => {
    const document = await openXl('examples/guest-clean.cfg');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.deepEqual(symbols.map((c) => [c.name, c.children.map((d) => [d.name, d.children.map((s) => s.name)])]), [
      ['IVI', [['Media', ['media-out', 'media-in']], ['Navigation', ['nav-prompt']]]],
    ]);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    assert.deepEqual(folds.map((f) => [f.start, f.end]), [[10, 17], [11, 16]]);
  });

  test('both commands open their previews', async () => {
    const cfg = await openXl('examples/guest-clean.cfg');
    await vscode.window.showTextDocument(cfg);
    await vscode.commands.executeCommand('sndif.showResolved');
    const resolved = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sndif-preview' && d.uri.query === cfg.uri.toString() && d.uri.path.includes('resolved'));
    assert.ok(resolved, 'no resolved preview document');
    const header = 'Card 1/0 "IVI" "Infotainment audio"  /local/domain/1/device/vsnd/0\n  probe     ok\n';
    assert.equal(resolved.getText().slice(0, header.length), header);
    await vscode.window.showTextDocument(cfg);
    await vscode.commands.executeCommand('sndif.showXenStoreKeys');
    const keys = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sndif-preview' && d.uri.path.includes('XenStore keys'));
    assert.ok(keys, 'no XenStore keys preview');
    assert.equal(keys.languageId, 'xenstore');
    assert.include(keys.getText(), '/local/domain/1/device/vsnd/0/short-name = "IVI"\n');
    // A dump from the mounted folder resolves too.
    const dump = await vscode.workspace.openTextDocument(uriOf('examples/xenstore-host.txt'));
    assert.equal(dump.languageId, 'xenstore');
    await vscode.window.showTextDocument(dump);
    await vscode.commands.executeCommand('sndif.showResolved');
    const dumpResolved = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sndif-preview' && d.uri.query === dump.uri.toString());
    assert.ok(dumpResolved, 'no resolved preview of the dump');
    assert.equal(dumpResolved.getText().slice(0, header.length), header);
  });
});

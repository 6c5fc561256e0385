/// <reference types="mocha" />
/**
 * The extension in a real VS Code, through the VS Code API only: diagnostics, hover, code
 * actions and the document after applying one, completion, symbols, inlay hints, commands.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { asXl, codeOf, diagnosticsOf } from '../helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const example = (name: string) => vscode.Uri.file(path.join(ROOT, 'examples', name));

/** Open an example as xl.cfg. */
async function openXl(name: string): Promise<vscode.TextDocument> {
  return asXl(await vscode.workspace.openTextDocument(example(name)));
}

suite('sndif in VS Code', () => {
  test('the extension activates and its language server starts', async () => {
    const extension = vscode.extensions.getExtension('xen-sndif.xen-sndif');
    assert.ok(extension, 'extension xen-sndif.xen-sndif is not loaded');
    const t0 = performance.now();
    await extension.activate();
    // Reported for the benchmark notes; speed is not asserted in tests.
    console.log(`activation: ${(performance.now() - t0).toFixed(0)} ms${extension.isActive ? '' : ' (not active!)'}`);
    assert.equal(extension.isActive, true);
  });

  test('language ids from the file names', async () => {
    const dump = await vscode.workspace.openTextDocument(example('xenstore-host.txt'));
    assert.equal(dump.languageId, 'xenstore');
    const untitled = await vscode.workspace.openTextDocument({ content: '/local/domain/1/device/vsnd/0/short-name = "A"\n' });
    assert.equal(untitled.languageId, 'xenstore', 'first-line detection of a dump');
  });

  test('diagnostics of an xl.cfg with mistakes', async () => {
    const uri = example('guest-mistakes.cfg');
    await vscode.window.showTextDocument(await openXl('guest-mistakes.cfg'));
    const diagnostics = await diagnosticsOf(uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.slice(0, 3).map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.character]), [
      ['vsnd-invalid-param', 9, 21, 25], ['vsnd-invalid-param', 10, 21, 25], ['vsnd-list-comma', 12, 49, 56],
    ]);
    assert.equal(diagnostics.length, 13);
    assert.equal(diagnostics[0].message, 'Invalid parameter: id=0 (did you mean unique-id?)');
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
  });

  test('hover on a stream shows the resolved table', async () => {
    const uri = example('guest-clean.cfg');
    const document = await openXl('guest-clean.cfg');
    const line = document.getText().split('\n').findIndex((l) => l.includes('media-in'));
    const character = document.lineAt(line).text.indexOf('STREAM') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Stream 0\/1\*\* of card 0 "IVI" · capture · unique-id `media-in`/);
    assert.match(text, /\| rates \| 44100, 48000 Hz \| card/);
  });

  test('a quick-fix applied through the API changes the document', async () => {
    // An untitled copy: an edit to the example itself could be saved into the checkout.
    const content = (await vscode.workspace.fs.readFile(example('guest-mistakes.cfg'))).toString();
    const document = await vscode.workspace.openTextDocument({ language: 'xl-cfg', content });
    const uri = document.uri;
    const diagnostics = await diagnosticsOf(uri, (d) => d.length > 0);
    const target = diagnostics.find((d) => codeOf(d) === 'vsnd-invalid-param')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, target.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Change to unique-id');
    assert.ok(fix, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(document.lineAt(9).text, "            'STREAM, unique-id=0, type=p',");
    await diagnosticsOf(uri, (d) => !d.some((x) => codeOf(x) === 'vsnd-invalid-param' && x.range.start.line === 9));
  });

  test('completion offers the keys of a STREAM item', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'xl-cfg', content: "vsnd = [ [ 'PCM', 'STREAM, ty' ] ]\n" });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, 29));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const key of ['type', 'unique-id', 'sample-rates']) assert.ok(labels.includes(key), `${key} missing from ${labels.join(', ')}`);
  });

  test('document symbols: card → PCM device → stream', async () => {
    await openXl('guest-clean.cfg');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', example('guest-clean.cfg'));
    assert.deepEqual(symbols.map((c) => [c.name, c.children.map((d) => [d.name, d.children.map((s) => s.name)])]), [
      ['IVI', [['Media', ['media-out', 'media-in']], ['Navigation', ['nav-prompt']]]],
    ]);
  });

  test('inlay hints after PCM devices and streams', async () => {
    const uri = example('guest-clean.cfg');
    const document = await openXl('guest-clean.cfg');
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, document.lineCount, 0));
    assert.equal(hints.length, 5);
    assert.equal(typeof hints[4].label === 'string' ? hints[4].label : '', '⇢ 48 kHz · s16_le s32_le · 1–2 ch · 16 KiB (rates from device; formats, channels from card)');
  });

  test('both commands open their documents', async () => {
    await vscode.window.showTextDocument(await openXl('guest-clean.cfg'));
    await vscode.commands.executeCommand('sndif.showResolved');
    const resolved = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sndif-preview' && d.uri.path.includes('resolved'));
    assert.ok(resolved, 'no resolved preview document');
    assert.match(resolved.getText(), /^Card 1\/0 "IVI" "Infotainment audio"/);
    await vscode.window.showTextDocument(await openXl('guest-clean.cfg'));
    await vscode.commands.executeCommand('sndif.showXenStoreKeys');
    const keys = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sndif-preview' && d.uri.path.includes('XenStore keys'));
    assert.ok(keys, 'no XenStore keys document');
    assert.equal(keys.languageId, 'xenstore');
    assert.ok(keys.getText().includes('/local/domain/1/device/vsnd/0/short-name = "IVI"\n'));
  });
});

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
    // Wait for the analysis of the whole file (an earlier, partial push can come first).
    const diagnostics = await diagnosticsOf(uri, (d) => d.length >= 13);
    assert.deepEqual(diagnostics.slice(0, 3).map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.character]), [
      ['vsnd-invalid-param', 9, 21, 25], ['vsnd-invalid-param', 10, 21, 25], ['vsnd-list-comma', 12, 49, 56],
    ]);
    assert.equal(diagnostics.length, 13);
    assert.equal(diagnostics[0].message, 'Invalid parameter: id=0: did you mean unique-id?');
    // One short sentence each, so the Problems panel shows them whole.
    for (const d of diagnostics) assert.ok(d.message.length <= 80 && /^[A-Z]/.test(d.message), d.message);
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Error);
  });

  test('hover on a stream shows the resolved table', async () => {
    const uri = example('guest-clean.cfg');
    const document = await openXl('guest-clean.cfg');
    const line = document.getText().split('\n').findIndex((l) => l.includes('media-in'));
    const character = document.lineAt(line).text.indexOf('STREAM') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, character));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Stream "media-in"\*\* · capture · PCM "Media" · card "IVI"/);
    assert.match(text, /\| rates&nbsp;&nbsp;&nbsp; \| 44100, 48000 Hz&nbsp;&nbsp;&nbsp; \| card/);
    assert.match(text, /\| period size&nbsp;&nbsp;&nbsp; \| 64–65536 bytes&nbsp;&nbsp;&nbsp; \| frontend: 64 bytes minimum; maximum = buffer \|/);
  });

  test('hover on a token with a diagnostic stays short', async () => {
    const uri = example('guest-mistakes.cfg');
    const document = await openXl('guest-mistakes.cfg');
    await diagnosticsOf(uri, (d) => d.length > 0);
    const line = document.getText().split('\n').findIndex((l) => l.includes("'STREAM, unique-id=3',"));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, document.lineAt(line).text.indexOf('STREAM') + 2));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(!text.includes('| formats'), text);
    assert.match(text, /`stream-type-missing` · the guest's card fails to probe/);
    assert.ok(text.split('\n').length <= 8, text);
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

  test('"Disable CODE for the entire file" puts the directive on the first line', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'xl-cfg', content: "vsnd = [ [ 'CARD, volume=11', 'PCM', 'STREAM, type=p' ] ]\n" });
    const [diagnostic] = await diagnosticsOf(document.uri, (d) => d.some((x) => codeOf(x) === 'vsnd-invalid-param'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const disable = actions.find((a) => a.title === 'Disable vsnd-invalid-param for the entire file');
    assert.ok(disable, `actions: ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(disable.edit!));
    assert.equal(document.lineAt(0).text, '# sndif-disable vsnd-invalid-param');
    await diagnosticsOf(document.uri, (d) => !d.some((x) => codeOf(x) === 'vsnd-invalid-param'));
  });

  test('completion leaves out keys the item already has', async () => {
    const content = "vsnd = [ [ 'PCM', 'STREAM, type=p, unique-id=a, ' ] ]\n";
    const document = await vscode.workspace.openTextDocument({ language: 'xl-cfg', content });
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, new vscode.Position(0, content.indexOf("a, '") + 3));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('sample-rates'), labels.join(', '));
    assert.ok(!labels.includes('type') && !labels.includes('unique-id'), labels.join(', '));
  });

  test('a CodeLens above each card: probe result and summary, opening the report', async () => {
    await openXl('guest-clean.cfg');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', example('guest-clean.cfg'));
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.command]), [
      [11, '✓ Probes · 2 PCM devices, 3 streams · 44100/48000 Hz · s16_le s32_le · 1–2 ch · 64 KiB', 'sndif.showResolved'],
    ]);
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
    assert.deepEqual(symbols.map((c) => [c.name, c.detail, c.children.map((d) => [d.name, d.children.map((s) => s.name)])]), [
      ['card "IVI"', 'probes · 44100/48000 Hz · s16_le s32_le · 1–2 ch · 64 KiB', [['PCM "Media"', ['stream "media-out"', 'stream "media-in"']], ['PCM "Navigation"', ['stream "nav-prompt"']]]],
    ]);
  });

  test('inlay hints: short labels at the end of the line, the resolution in the tooltip', async () => {
    const uri = example('guest-clean.cfg');
    const document = await openXl('guest-clean.cfg');
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, document.lineCount, 0));
    assert.deepEqual(hints.map((h) => [h.position.line, h.position.character === document.lineAt(h.position.line).text.length, h.label]), [
      [14, true, '⇢ 1 ch'], [15, true, '⇢ 48000 Hz'], [16, true, '⇢ 16 KiB'],
    ]);
    // VS Code cuts labels at editor.inlayHints.maximumLength.
    const maximum = vscode.workspace.getConfiguration('editor.inlayHints').get<number>('maximumLength')!;
    for (const h of hints) assert.ok((h.label as string).length <= maximum);
    const tooltip = hints[2].tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /^\*\*Stream "nav-prompt"\*\* · playback · PCM "Navigation" · card "IVI"/);
    assert.match(tooltip.value, /\| buffer&nbsp;&nbsp;&nbsp; \| ≤ 16384 bytes&nbsp;&nbsp;&nbsp; \| stream \(\[line 17\]/);
  });

  test('the report opens in the Markdown preview beside the source, the keys beside it too, and the report follows edits', async () => {
    // An untitled copy: the edit below can never be saved into the checkout.
    const copy = await vscode.workspace.openTextDocument({ language: 'xl-cfg', content: (await openXl('guest-clean.cfg')).getText() });
    const source = await vscode.window.showTextDocument(copy);
    await vscode.commands.executeCommand('sndif.showResolved');
    const resolved = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sndif-preview' && d.uri.path.endsWith('resolved sound configuration.md') && d.uri.query === copy.uri.toString());
    assert.ok(resolved, 'no resolved document');
    assert.match(resolved.getText(), /^# Resolved sound configuration: (untitled:)?Untitled-\d+\n/);
    assert.match(resolved.getText(), /\n## Card "IVI" — Infotainment audio\n\n✅ \*\*Probes\*\*/);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const isPreview = (t: vscode.Tab) => t.input instanceof vscode.TabInputWebview && /markdown/i.test(t.input.viewType);
    // The preview's webview tab may open after the command returns: wait for the tab event.
    const preview = tabs().find(isPreview) ?? await new Promise<vscode.Tab>((resolve) => {
      const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
        const tab = tabs().find(isPreview);
        if (tab) {
          sub.dispose();
          resolve(tab);
        }
      });
    });
    assert.notEqual(vscode.window.tabGroups.all.find((g) => g.tabs.includes(preview))!.viewColumn, source.viewColumn, 'the preview is not beside the source');

    await vscode.window.showTextDocument(source.document, source.viewColumn);
    await vscode.commands.executeCommand('sndif.showXenStoreKeys');
    const keys = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'sndif-preview' && d.uri.path.includes('XenStore keys'));
    assert.ok(keys, 'no XenStore keys document');
    assert.equal(keys.languageId, 'xenstore');
    assert.ok(keys.getText().includes('/local/domain/1/device/vsnd/0/short-name = "IVI"\n'));
    const keysTab = tabs().find((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === keys.uri.toString());
    assert.ok(keysTab && !keysTab.isPreview, 'the keys tab is a preview tab and would be replaced');
    assert.ok(tabs().includes(preview), 'opening the keys closed the report');

    // An edit of the source reaches the report.
    const changed = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document.uri.toString() === resolved.uri.toString() && e.document.getText().includes('card "Renamed"')) {
          sub.dispose();
          resolve();
        }
      });
    });
    const line = source.document.getText().split('\n').findIndex((l) => l.includes('short-name=IVI'));
    const at = source.document.lineAt(line).text.indexOf('IVI');
    await source.edit((e) => e.replace(new vscode.Range(line, at, line, at + 3), 'Renamed'));
    await changed;
  });
});

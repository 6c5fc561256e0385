/// <reference types="mocha" />
/**
 * Rule documentation and Open Live XenStore in a real VS Code: the "Show documentation" code
 * action, the code link, the Markdown preview beside the editor, and xenstore-ls run from PATH
 * (a fake one written by the test: found, missing, permission denied).
 */
import * as assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..', '..');
const example = (name: string) => vscode.Uri.file(path.join(ROOT, 'examples', name));
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

function diagnosticsOf(uri: vscode.Uri, test: (d: readonly vscode.Diagnostic[]) => boolean): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolve) => {
    const check = () => {
      const current = vscode.languages.getDiagnostics(uri);
      if (!test(current)) return;
      sub.dispose();
      resolve(current);
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    check();
  });
}

/** Resolves with the first tab (in any group) that satisfies `test`, now or when tabs change. */
function tabWhere(test: (tab: vscode.Tab) => boolean): Promise<vscode.Tab> {
  return new Promise((resolve) => {
    const find = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find(test);
    const now = find();
    if (now) return resolve(now);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (!tab) return;
      sub.dispose();
      resolve(tab);
    });
  });
}

type LiveResult = { document: vscode.TextDocument } | { error: string };

suite('rule documentation and live XenStore', () => {
  test('each diagnostic links its rule page and offers "Show documentation", which opens the Markdown preview beside', async () => {
    const document = await vscode.workspace.openTextDocument(example('guest-mistakes.cfg'));
    const xl = document.languageId === 'xl-cfg' ? document : await vscode.languages.setTextDocumentLanguage(document, 'xl-cfg');
    await vscode.window.showTextDocument(xl, vscode.ViewColumn.One);
    const diagnostics = await diagnosticsOf(xl.uri, (d) => d.length > 0);
    const first = diagnostics[0];
    assert.equal(codeOf(first), 'vsnd-invalid-param');
    const target = typeof first.code === 'object' ? first.code.target : undefined;
    assert.ok(target, 'the code links its page');
    assert.ok(target.toString().endsWith('/docs/rules/vsnd-invalid-param.md'), target.toString());
    assert.equal(readFileSync(path.join(ROOT, 'docs', 'rules', 'vsnd-invalid-param.md'), 'utf8').split('\n')[0], '# vsnd-invalid-param');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', xl.uri, first.range, vscode.CodeActionKind.QuickFix.value);
    const show = actions.find((a) => a.title === 'Show documentation for vsnd-invalid-param');
    assert.ok(show?.command, `actions: ${actions.map((a) => a.title).join(', ')}`);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.indexOf('Change to unique-id') < titles.indexOf(show.title), `the fix comes first: ${titles.join(', ')}`);
    assert.deepEqual([show.command.command, show.command.arguments], ['sndif.showRuleDocumentation', ['vsnd-invalid-param']]);

    const shown = tabWhere((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('vsnd-invalid-param.md'));
    const pageUri = await vscode.commands.executeCommand<vscode.Uri>(show.command.command, ...show.command.arguments!);
    const tab = await shown;
    assert.match((tab.input as vscode.TabInputWebview).viewType, /markdown\.preview/);
    assert.equal(tab.group.viewColumn, vscode.ViewColumn.Two, 'beside the editor');
    // The document the preview renders: the server's page, equal to the checked-in one.
    const page = await vscode.workspace.openTextDocument(pageUri);
    assert.equal(page.getText(), readFileSync(path.join(ROOT, 'docs', 'rules', 'vsnd-invalid-param.md'), 'utf8'));

    // The next page replaces it, beside the editor again, instead of opening a third column.
    await vscode.window.showTextDocument(xl, vscode.ViewColumn.One);
    const next = tabWhere((t) => t.input instanceof vscode.TabInputWebview && t.label.includes('vsnd-list-comma.md'));
    await vscode.commands.executeCommand('sndif.showRuleDocumentation', 'vsnd-list-comma');
    assert.equal((await next).group.viewColumn, vscode.ViewColumn.Two);
    const pages = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /^Preview [a-z-]+\.md$/.test(t.label));
    assert.deepEqual(pages.map((t) => t.label), ['Preview vsnd-list-comma.md']);
  });

  suite('Open Live XenStore', () => {
    const savedPath = process.env.PATH;
    teardown(() => { process.env.PATH = savedPath; });

    /** A fake xenstore-ls on PATH that records its arguments and prints `stdout` (or fails). */
    function fakeTool(script: string): string {
      const dir = mkdtempSync(path.join(tmpdir(), 'sndif-fake-xenstore-'));
      writeFileSync(path.join(dir, 'xenstore-ls'), `#!/bin/sh\necho "$@" > "${dir}/args"\n${script}\n`);
      chmodSync(path.join(dir, 'xenstore-ls'), 0o755);
      process.env.PATH = `${dir}${path.delimiter}${savedPath}`;
      return dir;
    }

    test('runs xenstore-ls -f under one domain and opens the output as a checked xenstore document', async () => {
      const dump = [
        '/local/domain/1/device/vsnd/0/short-name = "Live"',
        '/local/domain/1/device/vsnd/0/0/name = "Media"',
        '/local/domain/1/device/vsnd/0/0/0/type = "x"',
      ].join('\n');
      const dir = fakeTool(`cat <<'EOF'\n${dump}\nEOF`);
      const result = await vscode.commands.executeCommand<LiveResult>('sndif.openLiveXenStore', '1');
      assert.ok('document' in result, JSON.stringify(result));
      assert.equal(readFileSync(path.join(dir, 'args'), 'utf8'), '-f /local/domain/1\n');
      assert.equal(result.document.languageId, 'xenstore');
      assert.equal(result.document.uri.scheme, 'untitled');
      assert.equal(result.document.getText(), `${dump}\n`);
      assert.equal(vscode.window.activeTextEditor?.document, result.document);
      const diagnostics = await diagnosticsOf(result.document.uri, (d) => d.length > 0);
      assert.deepEqual(diagnostics.map((d) => [codeOf(d), d.range.start.line]), [['stream-type-invalid', 2]]);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('the whole store without an argument path; a path is passed as given', async () => {
      const dir = fakeTool('echo "/tool = \\"\\""');
      const result = await vscode.commands.executeCommand<LiveResult>('sndif.openLiveXenStore', '/local/domain/3/device/vsnd/');
      assert.ok('document' in result, JSON.stringify(result));
      assert.equal(readFileSync(path.join(dir, 'args'), 'utf8'), '-f /local/domain/3/device/vsnd\n');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      const whole = await vscode.commands.executeCommand<LiveResult>('sndif.openLiveXenStore', '');
      assert.ok('document' in whole, JSON.stringify(whole));
      assert.equal(readFileSync(path.join(dir, 'args'), 'utf8'), '-f\n');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    });

    test('clear messages: tool missing, permission denied, other failures, bad input', async () => {
      process.env.PATH = mkdtempSync(path.join(tmpdir(), 'sndif-empty-path-'));
      const missing = await vscode.commands.executeCommand<LiveResult>('sndif.openLiveXenStore', '1');
      assert.deepEqual(missing, { error: 'xenstore-ls is not on PATH. Run this on a Xen host (dom0), for example over Remote-SSH; Debian and Ubuntu ship it in the package xenstore-utils.' });
      fakeTool('echo "xenstore-ls: xs_open: Permission denied" >&2; exit 1');
      const denied = await vscode.commands.executeCommand<LiveResult>('sndif.openLiveXenStore', '1');
      assert.deepEqual(denied, { error: 'xenstore-ls was denied access to XenStore (xenstore-ls: xs_open: Permission denied). XenStore is readable by root in dom0: open the remote session as root or run VS Code with sudo rights.' });
      fakeTool('echo "xenstore-ls: xs_directory (/local/domain/9): No such file or directory" >&2; exit 1');
      const absent = await vscode.commands.executeCommand<LiveResult>('sndif.openLiveXenStore', '9');
      assert.deepEqual(absent, { error: 'xenstore-ls /local/domain/9 failed: xenstore-ls: xs_directory (/local/domain/9): No such file or directory.' });
      const bad = await vscode.commands.executeCommand<LiveResult>('sndif.openLiveXenStore', '1; rm -rf /');
      assert.deepEqual(bad, { error: 'Give a domain id (e.g. 1) or a XenStore path (e.g. /local/domain/1/device/vsnd).' });
    });
  });
});

/** Every quick-fix, as golden before/after files applied through the real server. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-protocol';
import { LspClient, ROOT, applyEdits } from '../lspClient';
import { golden } from '../golden';

let client: LspClient;
before(async () => { client = await LspClient.start(); });
after(async () => { await client.stop(); });

interface FixCase {
  readonly name: string;
  readonly code: string;
  readonly title: string;
  readonly preferred?: boolean;
}

const CASES: FixCase[] = [
  { name: 'misspelled-key', code: 'vsnd-invalid-param', title: 'Change to unique-id', preferred: true },
  { name: 'key-blank', code: 'vsnd-key-blank', title: "Remove the blanks around '='", preferred: true },
  { name: 'list-comma', code: 'vsnd-list-comma', title: "Change ',' to ';'", preferred: true },
  { name: 'unknown-format', code: 'vsnd-invalid-format', title: 'Change to s16_le', preferred: true },
  { name: 'unsupported-rate', code: 'rate-unsupported', title: 'Change to 44100', preferred: true },
  { name: 'missing-type', code: 'stream-type-missing', title: 'Add type=c (capture)' },
  { name: 'empty-stream', code: 'item-writes-nothing', title: 'Add type=p (playback)' },
  { name: 'empty-stream-remove', code: 'item-writes-nothing', title: 'Remove the item' },
  { name: 'empty-pcm', code: 'item-writes-nothing', title: 'Remove the item' },
  { name: 'bad-type', code: 'vsnd-invalid-stream-type', title: 'Change to type=p (playback)', preferred: true },
  { name: 'channels-swap', code: 'channels-min-above-max', title: 'Swap channels-min and channels-max', preferred: true },
  { name: 'duplicate-unique-id', code: 'unique-id-duplicate', title: 'Change to out1' },
  { name: 'unknown-item', code: 'vsnd-invalid-item', title: "Change to 'PCM'", preferred: true },
  { name: 'number-junk', code: 'number-junk', title: 'Change to 96', preferred: true },
  { name: 'number-octal', code: 'number-base', title: 'Remove the leading zeros', preferred: true },
  { name: 'suppress', code: 'vsnd-invalid-param', title: 'Disable vsnd-invalid-param for this line' },
  { name: 'suppress-file', code: 'vsnd-invalid-param', title: 'Disable vsnd-invalid-param for the entire file' },
  { name: 'suppress-file-append', code: 'vsnd-invalid-param', title: 'Disable vsnd-invalid-param for the entire file' },
  { name: 'crlf', code: 'xl-crlf', title: 'Convert line endings to LF' },
  { name: 'wrapped-string', code: 'xl-lexical', title: 'Join the lines' },
  { name: 'wrapped-flowed', code: 'xl-lexical', title: 'Join the lines' },
  { name: 'comment-eof', code: 'xl-lexical', title: 'Add a line break at the end of the file' },
  { name: 'card-not-list', code: 'vsnd-card-not-list', title: 'Wrap the card in [ ]', preferred: true },
  { name: 'unknown-code', code: 'unknown-rule-code', title: 'Change to rate-unsupported', preferred: true },
  { name: 'dump-unknown-format', code: 'format-unsupported', title: 'Change to s16_le', preferred: true },
  { name: 'dump-list-blank', code: 'list-blank', title: 'Remove the blanks', preferred: true },
  { name: 'dump-bad-type', code: 'stream-type-invalid', title: 'Change to p (playback)', preferred: true },
  { name: 'dump-missing-type', code: 'stream-type-missing', title: 'Add type=p (playback)', preferred: true },
  { name: 'dump-unknown-key', code: 'xs-unknown-key', title: 'Rename to sample-rates', preferred: true },
  { name: 'dump-channels-swap', code: 'channels-min-above-max', title: 'Swap channels-min and channels-max', preferred: true },
];

let n = 0;
for (const c of CASES) {
  test(`quick-fix ${c.name}: ${c.title}`, async () => {
    const ext = c.name.startsWith('dump-') ? 'txt' : 'cfg';
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'fixes', `${c.name}.before.${ext}`), 'utf8');
    const uri = `file:///tmp/fix-${n++}.${ext === 'txt' ? 'xenstore' : 'cfg'}`;
    await client.open(uri, ext === 'txt' ? 'xenstore' : 'xl-cfg', text);
    const { diagnostics } = await client.waitForDiagnostics(uri);
    const diagnostic = diagnostics.find((d) => d.code === c.code);
    assert.ok(diagnostic, `no ${c.code} diagnostic; got ${diagnostics.map((d) => d.code).join(', ')}`);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
    const action = actions.find((a) => a.title === c.title);
    assert.ok(action, `no "${c.title}" action; got ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(action.kind, 'quickfix');
    assert.equal(action.isPreferred, c.preferred);
    assert.deepEqual(action.diagnostics, [diagnostic]);
    const after = applyEdits(text, action.edit!.changes![uri]);
    golden(`fixes/${c.name}.after.${ext}`, after);
    // The fixed document no longer has that problem where it was.
    await client.change(uri, 2, [{ text: after }]);
    const fixed = await client.waitForDiagnostics(uri, (p) => p.version === 2);
    if (c.title.startsWith('Disable') || c.code !== 'rate-unsupported') {
      assert.ok(!fixed.diagnostics.some((d: Diagnostic) => d.code === c.code && d.range.start.line === diagnostic.range.start.line && d.range.start.character === diagnostic.range.start.character),
        `${c.code} is still reported after the fix`);
    }
    await client.close(uri);
  });
}

test('source.fixAll applies every safe fix at once', async () => {
  const text = readFileSync(join(ROOT, 'test', 'fixtures', 'fixes', 'fix-all.before.cfg'), 'utf8');
  const uri = 'file:///tmp/fix-all.cfg';
  await client.open(uri, 'xl-cfg', text);
  await client.waitForDiagnostics(uri);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll'] },
  });
  assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Fix all safe sndif problems', 'source.fixAll.sndif']]);
  const after = applyEdits(text, actions[0].edit!.changes![uri]);
  golden('fixes/fix-all.after.cfg', after);
  await client.change(uri, 2, [{ text: after }]);
  const fixed = await client.waitForDiagnostics(uri, (p) => p.version === 2);
  // `id=0` became `unique-id=0`, which now duplicates the other stream's id: that is only
  // information (snd_be reads the id as its backend device), so fix-all leaves it.
  assert.deepEqual(fixed.diagnostics.map((d) => [d.code, d.severity]), [['unique-id-duplicate', 3]]);
});

test('no quick-fix is offered from a diagnostic of another source', async () => {
  const uri = 'file:///tmp/foreign.cfg';
  await client.open(uri, 'xl-cfg', 'a = 1\n');
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } },
    context: { diagnostics: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'Invalid parameter: id=0', source: 'other', code: 'vsnd-invalid-param' }] },
  });
  assert.deepEqual(actions, []);
});

test('a diagnostic of an older text, or one made up by a client, gets no action: fixes come from the current analysis', async () => {
  const text = readFileSync(join(ROOT, 'examples', 'guest-mistakes.cfg'), 'utf8');
  const uri = 'file:///tmp/stale-fix.cfg';
  await client.open(uri, 'xl-cfg', text);
  const { diagnostics } = await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const misspelled = diagnostics.find((d) => d.code === 'vsnd-invalid-param')!;
  const ask = (diagnostic: Diagnostic) => client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
  });
  // A line added above: the old diagnostic's range now points at other text.
  await client.change(uri, 2, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# a new line\n' }]);
  assert.deepEqual(await ask(misspelled), []);
  // The same problem one line down is fixed from the current text.
  const moved = { ...misspelled, range: { start: { ...misspelled.range.start, line: misspelled.range.start.line + 1 }, end: { ...misspelled.range.end, line: misspelled.range.end.line + 1 } } };
  const actions = await ask(moved);
  const fix = actions.find((a) => a.title === 'Change to unique-id')!;
  const line = moved.range.start.line;
  const fixed = applyEdits(`# a new line\n${text}`, fix.edit!.changes![uri]).split('\n')[line];
  assert.equal(fixed, `# a new line\n${text}`.split('\n')[line].replace(/\bid=/, 'unique-id='));
  // Edits a client puts in a diagnostic's data are never applied as they come.
  const forged = { ...moved, data: { enforcer: 'xl', fixes: [{ title: 'Delete everything', edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, newText: '' }], preferred: true, safe: true }] } };
  assert.deepEqual((await ask(forged)).map((a) => a.title), actions.map((a) => a.title));
  assert.deepEqual(await ask({ ...forged, code: 'number-base' }), []);
  await client.close(uri);
});

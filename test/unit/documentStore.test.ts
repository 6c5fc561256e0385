/**
 * The language server's document store: a big document's whole analysis runs in slices that
 * let other work in, stops when an edit outdates it, and meanwhile the last analysis answers
 * through exact offset mapping; edits inside values are replayed without any whole analysis.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { combineChanges, DocumentStore } from '../../server/src/lsp/documentStore';
import type { TextChange } from '../../server/src/service/incremental';
import { testSeed } from '../seed';
import { ChunkedDocument } from '../../server/src/lsp/chunkedDocument';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { analyze } from '../../server/src/service/analyze';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { dump } from '../../bench/generate';

const TEXT = dump(600_000, 'full', 7);
const URI = 'file:///store-dump.txt';

function open(text = TEXT): { store: DocumentStore; document: ChunkedDocument } {
  return { store: new DocumentStore(() => DEFAULT_SETTINGS), document: ChunkedDocument.create(URI, 'xenstore', 1, text) };
}

function insert(store: DocumentStore, document: ChunkedDocument, offset: number, text: string): void {
  const at = document.positionAt(offset);
  store.update(document, [{ range: { start: at, end: at }, text }], document.version + 1);
}

const sameDiagnostics = (a: Parameters<typeof toDiagnostics>[0], text: string) =>
  assert.deepEqual(toDiagnostics(a, URI), toDiagnostics(analyze(text, 'xenstore'), URI));

test('a big document is analysed in slices: timers run before it is done, and the result is a fresh analysis', async () => {
  const { store, document } = open();
  let timerRan = false;
  setTimeout(() => { timerRan = true; }, 0);
  const fractions: number[] = [];
  const analysis = await store.whenAnalysed(document, (f) => fractions.push(f));
  assert.ok(timerRan, 'the analysis held the thread to its end');
  assert.ok(fractions.length >= 1 && fractions.every((f, i) => f > 0 && f < 1 && (i === 0 || f >= fractions[i - 1])), fractions.join(' '));
  assert.ok(analysis);
  sameDiagnostics(analysis, TEXT);
  // Now current: no second analysis.
  assert.equal(store.ready(document), analysis);
});

test('an edit stops the analysis it outdates; the next one is of the new text', async () => {
  const { store, document } = open();
  const outdated = store.whenAnalysed(document);
  insert(store, document, 0, '# a comment\n');
  assert.equal(await outdated, undefined);
  const analysis = await store.whenAnalysed(document);
  assert.ok(analysis);
  assert.equal(analysis.text.toString(), `# a comment\n${TEXT}`);
  sameDiagnostics(analysis, analysis.text.toString());
});

test('edits inside a value and key lines below a card are replayed on the last analysis; a comment needs a whole analysis, and the last one answers through the edits', async () => {
  const { store, document } = open();
  const first = await store.whenAnalysed(document);
  assert.ok(first);
  const valueAt = TEXT.indexOf('"', TEXT.indexOf('sample-rates = "', TEXT.length / 2) + 'sample-rates = "'.length);
  insert(store, document, valueAt, ',9');
  const replayed = store.ready(document);
  assert.ok(replayed, 'an edit inside a value needs no whole analysis');
  sameDiagnostics(replayed, document.getText());

  // A new key line below a card: replayed too (the card is read again from its lines).
  const cardLine = TEXT.indexOf('/device/vsnd/0/sample-rates = ');
  const cardPath = TEXT.slice(TEXT.lastIndexOf('\n', cardLine) + 1, cardLine + '/device/vsnd/0'.length);
  const keyAt = TEXT.indexOf('\n', cardLine) + 1;
  insert(store, document, keyAt, `${cardPath}/channels-max = "1"\n`);
  const byLines = store.ready(document);
  assert.ok(byLines, 'a key line below a card needs no whole analysis');
  sameDiagnostics(byLines, document.getText());
  const afterKey = document.getText();

  // A comment near the top (its directives can reach any line): the last analysis stays, and
  // offsets map through the edit.
  const lineAt = TEXT.indexOf('\n', 100) + 1;
  insert(store, document, lineAt, '# sndif-disable rate-unsupported\n');
  assert.equal(store.ready(document), undefined);
  const stale = store.stale(document);
  assert.ok(stale);
  assert.equal(stale.analysis.text.toString(), afterKey);
  const inserted = '# sndif-disable rate-unsupported\n'.length;
  assert.equal(stale.toAnalysed(lineAt - 1), lineAt - 1);
  assert.equal(stale.toAnalysed(lineAt), lineAt);
  assert.equal(stale.toAnalysed(lineAt + 5), undefined, 'typed text was not analysed');
  assert.equal(stale.toAnalysed(lineAt + inserted), lineAt);
  const keyLength = `${cardPath}/channels-max = "1"\n`.length;
  const valueNow = valueAt + 2 + (keyAt < valueAt ? keyLength : 0);
  assert.equal(stale.toAnalysed(valueNow + inserted), valueNow);
  assert.equal(stale.toCurrent(valueNow), valueNow + inserted);
  assert.equal(stale.toCurrent(lineAt - 1), lineAt - 1);

  const fresh = await store.whenAnalysed(document);
  assert.ok(fresh);
  sameDiagnostics(fresh, document.getText());
  assert.equal(store.stale(document)?.analysis, fresh);
});

/** Every node of a dump's tree by path: its spans and its value's, as read now. */
function nodeSpans(analysis: NonNullable<ReturnType<DocumentStore['ready']>>): Map<string, string> {
  const spans = new Map<string, string>();
  const root = analysis.dump!.root;
  for (const node of [root, ...root.descendants()]) {
    spans.set(node.path, JSON.stringify([node.span, node.keySpan, node.value?.span, node.insertAt]));
  }
  return spans;
}

test('edits move the nodes lazily; idle time brings them all up to date, and a burst without a pause is bounded', async () => {
  const { store, document } = open();
  const first = await store.whenAnalysed(document);
  assert.ok(first);
  const root = first.dump!.root;
  let valueAt = TEXT.indexOf('"', TEXT.indexOf('sample-rates = "', TEXT.length / 3) + 'sample-rates = "'.length);
  for (let i = 0; i < 20; i++) {
    insert(store, document, valueAt++, ',');
    assert.ok(store.ready(document));
  }
  assert.equal(root.unsettledMoves, 20);
  await store.tidy(document);
  assert.equal(root.unsettledMoves, 0);
  const now = store.ready(document)!;
  assert.equal(now.dump!.root, root, 'the same tree, moved');
  assert.deepEqual(nodeSpans(now), nodeSpans(analyze(document.getText(), 'xenstore')));

  // 100 keystrokes with no idle time: the tree catches up at once every 64 moves.
  for (let i = 0; i < 100; i++) {
    insert(store, document, valueAt++, '1');
    assert.ok(store.ready(document));
  }
  assert.equal(root.unsettledMoves, 100 - 64);
  assert.deepEqual(nodeSpans(store.ready(document)!), nodeSpans(analyze(document.getText(), 'xenstore')));
});

test('a line edit below a card of 1,500 keys keeps every node in document order', async () => {
  const card = '/local/domain/1/device/vsnd/0';
  const keys = Array.from({ length: 1500 }, (_, i) => `${card}/k${i} = "${i}"\n`).join('');
  const text = `${card}/0/0/type = "p"\n${keys}/local/domain/2/device/vsnd/0/0/0/type = "c"\n`;
  const { store, document } = open(text);
  assert.ok(await store.whenAnalysed(document));
  // A new key line in the middle of the card: the card's 1,500 lines are read again.
  insert(store, document, text.indexOf(`${card}/k700 `), `${card}/channels-max = "1"\n`);
  const after = store.ready(document);
  assert.ok(after, 'a key line below a card needs no whole analysis');
  assert.deepEqual(nodeSpans(after), nodeSpans(analyze(document.getText(), 'xenstore')));
  // Then an edit inside a value after the card: found through the node list, in order.
  const valueAt = document.getText().indexOf('"c"') + 1;
  insert(store, document, valueAt, 'x');
  const last = store.ready(document);
  assert.ok(last);
  sameDiagnostics(last, document.getText());
  assert.deepEqual(nodeSpans(last), nodeSpans(analyze(document.getText(), 'xenstore')));
});

test('a small document is analysed at once', async () => {
  const { store, document } = open('/local/domain/1/device/vsnd/0/sample-rates = "48000,4800"\n');
  const analysis = store.whenAnalysed(document);
  // Already current when the promise is made: nothing waits for a timer.
  assert.ok(store.ready(document));
  assert.equal((await analysis)?.findings.map((f) => f.rule.code).join(), 'card-no-device,rate-unsupported');
});

test('edits taken as one give the same text as applied in order', (t) => {
  const seed = testSeed();
  t.diagnostic(`seed ${seed} (replay: SNDIF_SEED=${seed})`);
  fc.assert(fc.property(fc.array(fc.record({ at: fc.nat(), removed: fc.nat(6), text: fc.constantFrom('', 'a', 'bc', '\n', 'xyz\n') }), { minLength: 1, maxLength: 12 }), (recipes) => {
    const first = 'abcdefghij\nklmnop\nqrstuvwxyz\n';
    let text = first;
    const changes: TextChange[] = [];
    for (const r of recipes) {
      const start = r.at % (text.length + 1);
      const change = { start, end: Math.min(text.length, start + r.removed), text: r.text };
      changes.push(change);
      text = text.slice(0, change.start) + change.text + text.slice(change.end);
    }
    const one = combineChanges(changes, text);
    assert.equal(first.slice(0, one.start) + one.text + first.slice(one.end), text);
  }), { numRuns: 300, seed });
});

test('a key line typed character by character below a card ends without a whole analysis', async () => {
  const { store, document } = open();
  assert.ok(await store.whenAnalysed(document));
  const cardLine = TEXT.indexOf('/device/vsnd/0/sample-rates = ');
  const cardPath = TEXT.slice(TEXT.lastIndexOf('\n', cardLine) + 1, cardLine + '/device/vsnd/0'.length);
  let at = TEXT.indexOf('\n', cardLine);
  for (const typed of ['\n', ...`${cardPath}/channels-max = "1"`]) {
    insert(store, document, at, typed);
    at += typed.length;
  }
  // Half-typed keys read as nothing the fast paths take; the whole line does.
  const analysis = store.ready(document);
  assert.ok(analysis);
  sameDiagnostics(analysis, document.getText());
});

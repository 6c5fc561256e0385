/**
 * Big documents over the protocol: diagnostics are capped per document (errors first, with a
 * note saying how many more), and edits typed into a dump are analysed incrementally with the
 * same result as opening the edited text afresh.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LspClient, fileUri, ROOT } from '../lspClient';
import { dump } from '../../bench/generate';

const read = (relative: string) => readFileSync(join(ROOT, relative), 'utf8');
const clients: LspClient[] = [];
after(async () => { for (const c of clients) await c.stop(); });

test('sndif.maxNumberOfProblems caps the published diagnostics, errors first, with a note on top', async () => {
  const client = await LspClient.start();
  clients.push(client);
  const uri = fileUri('examples/guest-mistakes.cfg');
  await client.open(uri, 'xl-cfg', read('examples/guest-mistakes.cfg'));
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  await client.changeSettings({ maxNumberOfProblems: 3 }, uri);
  const { diagnostics } = client.published(uri).at(-1)!;
  assert.deepEqual(diagnostics.map((d) => [d.severity, d.code ?? null, `${d.range.start.line}:${d.range.start.character}`]), [
    [3, null, '0:0'],
    [1, 'vsnd-invalid-param', '9:21'],
    [1, 'vsnd-invalid-param', '10:21'],
    [1, 'vsnd-list-comma', '12:49'],
  ]);
  assert.equal(diagnostics[0].message,
    '10 more problems not shown: only the first 3 (errors first) are listed (setting sndif.maxNumberOfProblems); `sndif lint` lists them all');
  // Raised above the count: every problem, no note.
  await client.changeSettings({ maxNumberOfProblems: 1000 }, uri);
  const all = client.published(uri).at(-1)!.diagnostics;
  assert.equal(all.length, 13);
  assert.ok(all.every((d) => d.code !== undefined));
});

test('typing into a dump value: each hover answers, and the last version has the diagnostics of a fresh open', async () => {
  const client = await LspClient.start();
  clients.push(client);
  const text = read('examples/xenstore-broken-f.txt');
  const uri = 'file:///tmp/typed-dump.txt';
  await client.open(uri, 'xenstore', text);
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const at = text.indexOf('"', text.indexOf('sample-rates = "') + 'sample-rates = "'.length);
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - (text.lastIndexOf('\n', at - 1) + 1);
  const typed = ',96000,x';
  let version = 1;
  for (let i = 0; i < typed.length; i++) {
    const position = { line, character: character + i };
    await client.change(uri, ++version, [{ range: { start: position, end: position }, text: typed[i] }]);
    // The hover is for the list element under the cursor, on this version's text.
    const hover = await client.request<{ contents: { value: string }; range: { start: { line: number; character: number }; end: { character: number } } } | null>(
      'textDocument/hover', { textDocument: { uri }, position });
    assert.equal(hover?.range.start.line, line, `hover after key ${i}`);
    assert.ok(hover.range.start.character <= position.character && position.character <= hover.range.end.character, `hover after key ${i}`);
  }
  const typedText = `${text.slice(0, at)}${typed}${text.slice(at)}`;
  const last = await client.waitForDiagnostics(uri, (p) => p.version === version);
  const freshUri = 'file:///tmp/fresh-dump.txt';
  await client.open(freshUri, 'xenstore', typedText);
  const fresh = await client.waitForDiagnostics(freshUri, (p) => p.version === 1);
  const strip = (ds: typeof fresh.diagnostics) => JSON.stringify(ds).replaceAll(freshUri, uri);
  assert.equal(strip(last.diagnostics), strip(fresh.diagnostics));
  assert.ok(last.diagnostics.some((d) => d.code === 'rate-unsupported' || d.code === 'list-element-invalid' || d.code === 'number-base'));
});

test('opening a dump whose analysis takes longer than half a second shows work-done progress around it, with how far it got', async () => {
  const client = await LspClient.start({
    capabilities: { workspace: { configuration: true }, window: { workDoneProgress: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  clients.push(client);
  const events: string[] = [];
  const tokens: unknown[] = [];
  client.connection.onRequest('window/workDoneProgress/create', (p: { token: unknown }) => { tokens.push(p.token); events.push('create'); return null; });
  const percentages: number[] = [];
  client.connection.onNotification('$/progress', (p: { token: unknown; value: { kind: string; title?: string; message?: string; percentage?: number } }) => {
    assert.ok(tokens.includes(p.token));
    if (p.value.kind === 'report') {
      // The analysis runs in slices and says how far it got after each.
      percentages.push(p.value.percentage!);
      if (events.at(-1) !== 'report') events.push('report');
      return;
    }
    events.push(p.value.kind === 'begin' ? `begin ${p.value.title}: ${p.value.message} (${p.value.percentage}%)` : p.value.kind);
  });
  // 3 MB: above half a second at the pace the server assumes before it has measured one.
  const uri = 'file:///tmp/big-dump.txt';
  await client.open(uri, 'xenstore', dump(3_000_000, 'full'));
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  events.push('diagnostics');
  assert.deepEqual(events, ['create', 'begin Xen sound: Analysing big-dump.txt (0%)', 'report', 'end', 'diagnostics']);
  assert.ok(percentages.length >= 2, `${percentages.length} reports`);
  assert.ok(percentages.every((p, i) => Number.isInteger(p) && p >= 0 && p <= 100 && (i === 0 || p >= percentages[i - 1])), percentages.join(' '));
});

test('after a new line in a big dump, hover answers at once from the last analysis, before the new analysis is published', async () => {
  const client = await LspClient.start();
  clients.push(client);
  const text = dump(3_000_000, 'full', 5);
  const uri = 'file:///tmp/new-line-dump.txt';
  await client.open(uri, 'xenstore', text);
  await client.waitForDiagnostics(uri, (p) => p.version === 1);
  const positionOf = (offset: number, shift = 0) => {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1 + shift, character: before.at(-1)!.length };
  };
  type HoverAnswer = { contents: { value: string }; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
  const hoverAt = (position: { line: number; character: number }) =>
    client.request<HoverAnswer | null>('textDocument/hover', { textDocument: { uri }, position });
  // A card in the middle: a new line after its sample-rates line gives it other rates (a
  // later line of the same path owns the value); its short-name line stays where it is, and
  // a rate of another card further down moves two lines down.
  const ratesAt = text.indexOf('sample-rates = "', text.length / 2);
  const card = text.slice(text.lastIndexOf('\n', ratesAt) + 1, ratesAt - 1);
  const shortName = positionOf(text.indexOf(`${card}/short-name = `) + card.length + 2);
  const laterRate = text.indexOf('48000', text.indexOf('sample-rates = "', text.indexOf('\n', ratesAt) + 1));
  const before = await hoverAt(shortName);
  assert.match(before!.contents.value, /8000–48000 Hz \(4 rates\)/);
  const lineAfterRates = positionOf(text.indexOf('\n', ratesAt) + 1);
  // With a comment, which takes a whole analysis (its directives can reach any line).
  await client.change(uri, 2, [{ range: { start: lineAfterRates, end: lineAfterRates }, text: `${card}/sample-rates = "8000"\n# tuned\n` }]);

  const order: string[] = [];
  void client.waitForDiagnostics(uri, (p) => p.version === 2).then(() => order.push('diagnostics'));
  const staleCard = await hoverAt(shortName);
  const staleRate = await hoverAt({ ...positionOf(laterRate, 2), character: positionOf(laterRate).character + 2 });
  order.push('hovers');
  await client.waitForDiagnostics(uri, (p) => p.version === 2);
  assert.deepEqual(order, ['hovers', 'diagnostics']);
  // The last analysis answered: the card as it was, the rate at its new place.
  assert.deepEqual(staleCard, before);
  const rateLine = positionOf(laterRate, 2);
  assert.deepEqual(staleRate?.range, { start: rateLine, end: { line: rateLine.line, character: rateLine.character + 5 } });
  assert.match(staleRate!.contents.value, /^\*\*48000 Hz\*\*/);
  // The new analysis then answers for the new text.
  const fresh = await hoverAt(shortName);
  assert.match(fresh!.contents.value, /⇢ 8000 Hz/);
  assert.deepEqual(await hoverAt({ ...rateLine, character: rateLine.character + 2 }), staleRate);
});

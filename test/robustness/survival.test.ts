/**
 * The real server under a storm: thousands of random edits interleaved with hovers,
 * completions, code actions, symbols, inlay hints, cancelled requests and requests for closed
 * documents. Afterwards it must still answer exactly, and its heap after a forced GC must be
 * back near where it started.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol/node';
import { LspClient, ROOT } from '../lspClient';
import { random } from '../conformance/generate';

interface Status { documents: number; analyses: number; heapUsed: number; rss: number; gcForced: boolean }

const EDITS = Number(process.env.SNDIF_SURVIVAL_EDITS ?? 3000);
const NASTY = ["'", '"', '[', ']', ',', ';', '=', '\n', 'x', 'STREAM, type=p', 'sample-rates=44100;', '\\', '😀', '   ', '# c\n'];

function applyChange(text: string, start: number, end: number, insert: string): string {
  return text.slice(0, start) + insert + text.slice(end);
}

function position(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

test('server survival: random edits, requests and cancellations, then exact answers and no leak', { timeout: 300000 }, async (t) => {
  const client = await LspClient.start({ nodeArgs: ['--expose-gc'] });
  try {
    const rand = random(Number(process.env.SNDIF_SEED ?? 7));
    const seeds = ['guest-clean.cfg', 'guest-mistakes.cfg', 'xenstore-host.txt'].map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));
    const docs = seeds.map((text, i) => ({ uri: `file:///tmp/survival-${i}.${i === 2 ? 'xenstore' : 'cfg'}`, lang: i === 2 ? 'xenstore' : 'xl-cfg', text, version: 1, open: false }));

    const baselineUri = 'file:///tmp/survival-baseline.cfg';
    await client.open(baselineUri, 'xl-cfg', seeds[0]);
    await client.waitForDiagnostics(baselineUri);
    const before = await client.request<Status>('sndif/status', {});
    assert.equal(before.gcForced, true);

    let requests = 0;
    let cancelled = 0;
    let edits = 0;
    const pending: Promise<unknown>[] = [];
    for (const d of docs) {
      await client.open(d.uri, d.lang, d.text);
      d.open = true;
    }
    while (edits < EDITS) {
      const d = docs[Math.floor(rand() * docs.length)];
      const roll = rand();
      if (!d.open) {
        await client.open(d.uri, d.lang, d.text, ++d.version);
        d.open = true;
        continue;
      }
      if (roll < 0.55) {
        const start = Math.floor(rand() * (d.text.length + 1));
        const end = Math.min(d.text.length, start + (rand() < 0.5 ? 0 : Math.floor(rand() * 5)));
        const insert = rand() < 0.2 ? '' : NASTY[Math.floor(rand() * NASTY.length)];
        const range = { start: position(d.text, start), end: position(d.text, end) };
        d.text = applyChange(d.text, start, end, insert);
        await client.change(d.uri, ++d.version, [{ range, text: insert }]);
        edits++;
      } else if (roll < 0.97) {
        const pos = position(d.text, Math.floor(rand() * (d.text.length + 1)));
        const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/inlayHint', 'textDocument/foldingRange'];
        const method = methods[Math.floor(rand() * methods.length)];
        const params = method === 'textDocument/codeAction'
          ? { textDocument: { uri: d.uri }, range: { start: pos, end: pos }, context: { diagnostics: [], only: rand() < 0.5 ? ['source.fixAll'] : undefined } }
          : method === 'textDocument/inlayHint' ? { textDocument: { uri: d.uri }, range: { start: { line: 0, character: 0 }, end: pos } }
            : { textDocument: { uri: d.uri }, position: pos };
        const source = new CancellationTokenSource();
        const p = client.connection.sendRequest(method, params, source.token).catch((e: { code?: number }) => {
          if (e.code !== -32800) throw e; // RequestCancelled is the only acceptable error
          cancelled++;
        });
        if (rand() < 0.25) source.cancel();
        pending.push(p);
        requests++;
        if (pending.length > 50) await Promise.all(pending.splice(0));
      } else {
        // Close, then ask about the closed document before reopening it later.
        await client.close(d.uri);
        d.open = false;
        pending.push(client.request('textDocument/hover', { textDocument: { uri: d.uri }, position: { line: 0, character: 0 } }).then((r) => assert.equal(r, null)));
      }
    }
    await Promise.all(pending);
    t.diagnostic(`${edits} edits, ${requests} requests (${cancelled} cancelled)`);

    // It still answers, exactly: a known document gets its known diagnostics.
    const probe = 'file:///tmp/survival-probe.cfg';
    await client.open(probe, 'xl-cfg', seeds[1]);
    const { diagnostics } = await client.waitForDiagnostics(probe);
    assert.equal(diagnostics.length, 13);
    assert.equal(diagnostics[0].message, 'Invalid parameter: id=0: did you mean unique-id?');

    for (const d of docs) if (d.open) await client.close(d.uri);
    await client.close(probe);
    const after = await client.request<Status>('sndif/status', {});
    t.diagnostic(`heap after forced GC: ${(before.heapUsed / 1e6).toFixed(1)} MB before, ${(after.heapUsed / 1e6).toFixed(1)} MB after; ${after.analyses} cached analyses`);
    assert.equal(after.documents, 1);
    assert.equal(after.analyses, 1);
    assert.ok(after.heapUsed < before.heapUsed + 3e6, `heap grew from ${before.heapUsed} to ${after.heapUsed}`);
  } finally {
    await client.stop();
  }
});

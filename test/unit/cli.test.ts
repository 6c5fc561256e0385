import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../server/src/cli/main';
import { analyze } from '../../server/src/service/analyze';
import { resolveJson, xenstoreKeysText } from '../../server/src/service/report';

async function run(args: string[], stdin?: string, cwd?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => { out += t; },
    err: (t) => { err += t; },
    stdin: async () => { if (stdin === undefined) throw new Error('stdin read unexpectedly'); return Buffer.from(stdin); },
    cwd,
  });
  return { code, out, err };
}

test('lint text output and exit code 1 on errors', async () => {
  const r = await run(['lint', 'examples/guest-mistakes.cfg']);
  assert.equal(r.code, 1);
  const first = r.out.split('\n')[0];
  assert.equal(first, 'examples/guest-mistakes.cfg:10:22: error vsnd-invalid-param Invalid parameter: id=0 (did you mean unique-id?)');
});

test('lint JSON output has zero-based LSP ranges and the enforcer tag', async () => {
  const r = await run(['lint', '--format', 'json', 'examples/guest-mistakes.cfg']);
  const [file] = JSON.parse(r.out);
  assert.equal(file.file, 'examples/guest-mistakes.cfg');
  assert.deepEqual(file.diagnostics[0], {
    code: 'vsnd-invalid-param', severity: 'error', enforcer: 'xl',
    message: 'Invalid parameter: id=0 (did you mean unique-id?)',
    range: { start: { line: 9, character: 21 }, end: { line: 9, character: 25 } },
  });
});

test('lint exits 0 on clean files', async () => {
  const r = await run(['lint', 'examples/guest-clean.cfg', 'examples/xenstore-host.txt']);
  assert.deepEqual([r.code, r.out, r.err], [0, '', '']);
});

test('bad input: one clear line and exit 2, nothing written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sndif-'));
  writeFileSync(join(dir, 'empty.cfg'), '');
  writeFileSync(join(dir, 'bin.cfg'), Buffer.from([0x76, 0x00, 0x01]));
  mkdirSync(join(dir, 'sub'));
  const cases: [string, string][] = [
    [join(dir, 'missing.cfg'), 'no such file'],
    [join(dir, 'empty.cfg'), 'the file is empty'],
    [join(dir, 'bin.cfg'), 'looks binary (a NUL byte at offset 1), not an xl.cfg or a xenstore-ls dump'],
    [join(dir, 'sub'), 'no xl.cfg or xenstore-ls dump files in this directory (*.xl, *.xl.cfg, xl.cfg, *.cfg under xen/, *.xenstore, xenstore*.txt)'],
  ];
  for (const [file, reason] of cases) {
    const r = await run(['lint', file]);
    assert.equal(r.code, 2, file);
    assert.equal(r.err, `sndif: ${file}: ${reason}\n`);
  }
});

test('resolve JSON follows the documented shape', async () => {
  const r = await run(['resolve', '--format', 'json', 'examples/guest-clean.cfg']);
  const json = JSON.parse(r.out);
  const card = json.cards[0];
  assert.equal(card.probe, 'ok');
  assert.deepEqual(card.devices[1].streams[0].hw.rates, [48000]);
  assert.deepEqual(card.devices[1].streams[0].source, { formats: 'card', rates: 'device', channels: 'card', channelsMin: 'card', channelsMax: 'card', bufferBytes: 'stream' });
  assert.equal(card.devices[0].streams[1].hw.channelsMax, 1);
});

test('xenstore prints xenstore-ls -f lines for the chosen domid; exit 1 when xl would reject', async () => {
  const ok = await run(['xenstore', '--domid', '7', 'examples/guest-clean.cfg']);
  assert.equal(ok.code, 0);
  assert.ok(ok.out.includes('/local/domain/7/device/vsnd/0/0/1/channels-max = "1"\n'));
  const bad = await run(['xenstore', 'examples/guest-mistakes.cfg']);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /xl would reject examples\/guest-mistakes.cfg \(examples\/guest-mistakes.cfg:10:22: Invalid parameter: id=0/);
});

test('round trip: resolving `sndif xenstore` output as a dump equals resolving the xl.cfg', async () => {
  const { readFileSync } = await import('node:fs');
  for (const file of ['examples/guest-clean.cfg', 'examples/guest-mistakes.cfg']) {
    const direct = analyze(readFileSync(file, 'utf8'), 'xl');
    const dump = xenstoreKeysText(direct);
    const viaDump = analyze(dump, 'xenstore');
    const strip = (j: ReturnType<typeof resolveJson>) => j.cards.map((c) => ({ ...c }));
    assert.deepEqual(strip(resolveJson(viaDump)), strip(resolveJson(direct)), file);
  }
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/analyze';
import { xenstoreKeysText } from '../../server/src/service/report';
import { guest, spanOf } from '../helpers';

function keys(vsnd: string, domid = 1): string {
  return xenstoreKeysText(analyze(guest(vsnd), 'xl', { domid }));
}

test('libxl writes generic keys, names, lists joined by commas, decimals; zeros are left out', () => {
  const out = keys(`[ [ 'CARD, short-name=Main, long-name=Main card, sample-rates=0x1f40;044100;48000, sample-formats=S16_LE;f32_le, channels-min=0, buffer-size=0x1000',
    'PCM, name=Out',
    'STREAM, unique-id=0, type=P, channels-max=2' ] ]`);
  assert.equal(out, [
    '/local/domain/1/device/vsnd/0/backend = "/local/domain/0/backend/vsnd/1/0"',
    '/local/domain/1/device/vsnd/0/backend-id = "0"',
    '/local/domain/1/device/vsnd/0/state = "1"',
    '/local/domain/0/backend/vsnd/1/0/frontend = "/local/domain/1/device/vsnd/0"',
    '/local/domain/0/backend/vsnd/1/0/frontend-id = "1"',
    '/local/domain/0/backend/vsnd/1/0/online = "1"',
    '/local/domain/0/backend/vsnd/1/0/state = "1"',
    '/local/domain/1/device/vsnd/0/long-name = "Main card"',
    '/local/domain/1/device/vsnd/0/short-name = "Main"',
    '/local/domain/1/device/vsnd/0/sample-rates = "8000,18496,48000"',
    '/local/domain/1/device/vsnd/0/sample-formats = "s16_le,f32_le"',
    '/local/domain/1/device/vsnd/0/buffer-size = "4096"',
    '/local/domain/1/device/vsnd/0/0/name = "Out"',
    '/local/domain/1/device/vsnd/0/0/0/unique-id = "0"',
    '/local/domain/1/device/vsnd/0/0/0/type = "p"',
    '/local/domain/1/device/vsnd/0/0/0/channels-max = "2"',
    '',
  ].join('\n'));
});

test('a stream before any PCM gets an implicit device; an empty item is ignored; type only when given', () => {
  const out = keys(`[ [ '', 'STREAM, unique-id=a', 'PCM', 'STREAM, type=c' ] ]`, 5);
  const vsnd = out.split('\n').filter((l) => /\/device\/vsnd\/0\/\d/.test(l)).map((l) => l.replace('/local/domain/5/device/vsnd/0/', ''));
  assert.deepEqual(vsnd, ['0/0/unique-id = "a"', '1/0/type = "c"']);
});

test('each written value remembers the xl.cfg text it came from', () => {
  const text = guest(`[ [ 'PCM', 'STREAM, type=p, sample-rates=8000;48000' ] ]`);
  const a = analyze(text, 'xl');
  const stream = a.cards[0].devices[0].streams[0];
  const rates = stream.node.child('sample-rates')!;
  assert.deepEqual(rates.keySpan, spanOf(text, 'sample-rates'));
  assert.deepEqual(rates.value!.pieces, [spanOf(text, '8000'), spanOf(text, '48000')]);
  assert.deepEqual(stream.node.span, spanOf(text, "'STREAM, type=p, sample-rates=8000;48000'"));
});

test('the last vsnd = wins and += appends cards', () => {
  const text = `vsnd = [ [ 'PCM', 'STREAM, type=p' ] ]\nvsnd = [ [ 'PCM', 'STREAM, type=c' ] ]\nvsnd += [ [ 'PCM', 'STREAM, type=p' ] ]\n`;
  const a = analyze(text, 'xl');
  assert.deepEqual(a.cards.map((c) => c.devices[0].streams[0].type), ['c', 'p']);
  assert.equal(a.findings[0].rule.code, 'xl-duplicate-setting');
});

test('a card\'s backend= domid is where libxl puts its backend; a domain name is looked up on the host (the backend-domid option)', () => {
  const text = guest(`[ [ 'CARD, backend=7', 'PCM', 'STREAM, type=p' ], [ 'CARD, backend=sndbe', 'PCM', 'STREAM, type=c' ], [ 'CARD, backend=04294967298', 'PCM', 'STREAM, type=c' ] ]`);
  const out = xenstoreKeysText(analyze(text, 'xl', { domid: 5, backendDomid: 3 })).split('\n').filter((l) => /\/backend(-id)? = /.test(l));
  assert.deepEqual(out, [
    '/local/domain/5/device/vsnd/0/backend = "/local/domain/7/backend/vsnd/5/0"',
    '/local/domain/5/device/vsnd/0/backend-id = "7"',
    '/local/domain/5/device/vsnd/1/backend = "/local/domain/3/backend/vsnd/5/1"',
    '/local/domain/5/device/vsnd/1/backend-id = "3"',
    // strtoul in base 10 (the leading 0 is not octal), kept in a uint32.
    '/local/domain/5/device/vsnd/2/backend = "/local/domain/2/backend/vsnd/5/2"',
    '/local/domain/5/device/vsnd/2/backend-id = "2"',
  ]);
});

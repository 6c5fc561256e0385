import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/analyze';
import { resolveJson } from '../../server/src/service/report';

function dump(lines: string[]): string {
  return lines.map((l) => `/local/domain/1/device/vsnd/0${l}`).join('\n') + '\n';
}

function resolve(lines: string[]) {
  return resolveJson(analyze(dump(lines), 'xenstore')).cards[0];
}

test('defaults: u8 s16_le, continuous 5512–48000, 1–2 channels, 64 KiB, periods 2–1024', () => {
  const card = resolve(['/0 = ""', '/0/0 = ""', '/0/0/type = "p"']);
  assert.equal(card.probe, 'ok');
  assert.deepEqual(card.hw, {
    formats: ['u8', 's16_le'], rates: [8000, 11025, 16000, 22050, 32000, 44100, 48000], continuous: true,
    rateMin: 5512, rateMax: 48000, channelsMin: 1, channelsMax: 2, bufferBytesMax: 65536,
    periodBytesMin: 64, periodBytesMax: 65536, periodsMin: 2, periodsMax: 1024,
  });
  assert.deepEqual(card.source, { formats: 'default', rates: 'default', channels: 'default', channelsMin: 'default', channelsMax: 'default', bufferBytes: 'default' });
});

test('card → device → stream inheritance records the level that set each value', () => {
  const card = resolve([
    '/sample-rates = "44100,48000"', '/channels-max = "8"',
    '/0 = ""', '/0/sample-formats = "s32_le"',
    '/0/0 = ""', '/0/0/type = "p"', '/0/0/buffer-size = "16384"',
  ]);
  const stream = card.devices[0].streams[0];
  assert.deepEqual([stream.hw.rates, stream.hw.formats, stream.hw.channelsMax, stream.hw.bufferBytesMax, stream.hw.periodsMax], [[44100, 48000], ['s32_le'], 8, 16384, 256]);
  assert.deepEqual(stream.source, { formats: 'device', rates: 'card', channels: 'card', channelsMin: 'default', channelsMax: 'card', bufferBytes: 'stream' });
});

test('lists: no trimming, case-insensitive, unknown pieces skipped, none known keeps the parent', () => {
  const card = resolve([
    '/sample-rates = "48000, 44100,96000x,8000"', '/sample-formats = "S16_LE,bogus"',
    '/0 = ""', '/0/sample-rates = "44000"', '/0/0 = ""', '/0/0/type = "P"',
  ]);
  assert.deepEqual(card.hw.rates, [8000, 48000]);
  assert.deepEqual([card.hw.rateMin, card.hw.rateMax, card.hw.continuous], [8000, 48000, false]);
  assert.deepEqual(card.hw.formats, ['s16_le']);
  assert.deepEqual(card.devices[0].hw.rates, [8000, 48000]);
  assert.equal(card.devices[0].source.rates, 'card');
});

test('fix-ups: channels-min clamped to channels-max, periods from buffer-size / 64', () => {
  const card = resolve(['/channels-min = "6"', '/channels-max = "2"', '/buffer-size = "100"', '/0 = ""', '/0/0 = ""', '/0/0/type = "c"']);
  assert.deepEqual([card.hw.channelsMin, card.hw.channelsMax, card.hw.periodBytesMax, card.hw.periodsMax], [2, 2, 100, 1]);
});

test('kernel number reading: blanks, junk, signs, hex and zero', () => {
  const card = resolve(['/channels-min = " 2abc"', '/channels-max = "-4"', '/buffer-size = "0x8000"', '/0 = ""', '/0/channels-max = "0"', '/0/0 = ""', '/0/0/type = "p"']);
  assert.deepEqual([card.hw.channelsMin, card.hw.channelsMax, card.hw.bufferBytesMax], [2, 2, 65536]);
  assert.equal(card.devices[0].source.channelsMax, 'default');
});

test('enumeration: 8 devices at most, stop at the first gap, streams counted across the card', () => {
  const lines = ['/0 = ""', '/0/0 = ""', '/0/0/type = "p"', '/0/1 = ""', '/0/1/type = "c"', '/1 = ""', '/1/0 = ""', '/1/0/type = "p"', '/3 = ""', '/3/0 = ""', '/3/0/type = "p"'];
  const card = resolve(lines);
  assert.deepEqual(card.devices.map((d) => d.streams.map((s) => s.cardIndex)), [[0, 1], [2]]);
  const many = resolve(Array.from({ length: 10 }, (_, i) => [`/${i} = ""`, `/${i}/0 = ""`, `/${i}/0/type = "p"`]).flat());
  assert.equal(many.devices.length, 8);
});

test('probe failures: no device -ENODEV, no type -ENOENT, bad type -EINVAL, first in kernel order', () => {
  assert.match(resolve(['/short-name = "x"']).error!, /^-ENODEV \(-19\): No devices configured for sound card at \/local\/domain\/1\/device\/vsnd\/0$/);
  assert.match(resolve(['/0 = ""', '/0/0 = ""', '/0/0/unique-id = "a"']).error!, /^-ENOENT/);
  const bad = resolve(['/0 = ""', '/0/0 = ""', '/0/0/type = "playback"', '/0/1 = ""']);
  assert.equal(bad.probe, 'failed');
  assert.match(bad.error!, /^-EINVAL \(-22\): .*has type "playback"/);
});

test('PCM names keep at most 79 bytes', () => {
  const card = resolve(['/0 = ""', `/0/name = "${'n'.repeat(90)}"`, '/0/0 = ""', '/0/0/type = "p"']);
  assert.equal(card.devices[0].name.length, 79);
});

test('a NUL byte ends what the guest reads of a list or a PCM name (C strings), as the Linux reader does', () => {
  const card = resolve([
    '/sample-formats = "s16_le\\000s32_le,u8"', '/sample-rates = "44100,\\00048000"',
    '/0 = ""', '/0/name = "Main\\000Out"', '/0/0 = ""', '/0/0/type = "p\\000junk"',
  ]);
  assert.deepEqual([card.hw.formats, card.hw.rates, card.devices[0].name, card.probe], [['s16_le'], [44100], 'Main', 'ok']);
});

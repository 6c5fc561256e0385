import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/service/analyze';
import { resolveJson, resolveText } from '../../server/src/service/report';

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

test('a channels-min lowered to channels-max comes from where the maximum was set, below too', () => {
  const card = resolve([
    '/channels-min = "2"', '/channels-max = "4"', '/0 = ""', '/0/channels-max = "1"',
    '/0/0 = ""', '/0/0/type = "p"', '/0/0/channels-max = "6"', '/0/1 = ""', '/0/1/type = "c"',
  ]);
  const [playback, capture] = card.devices[0].streams;
  assert.deepEqual([card.devices[0].hw.channelsMin, card.devices[0].source.channelsMin], [1, 'device']);
  assert.deepEqual([playback.hw.channelsMin, playback.hw.channelsMax, playback.source.channelsMin, playback.source.channelsMax], [1, 6, 'device', 'stream']);
  assert.deepEqual([capture.hw.channelsMin, capture.source.channelsMin, capture.source.channelsMax], [1, 'device', 'device']);
  // The maximum inherited from the card: the minimum is the card's maximum.
  const inherited = resolve(['/channels-max = "2"', '/0 = ""', '/0/channels-min = "4"', '/0/0 = ""', '/0/0/type = "p"']);
  assert.deepEqual([inherited.devices[0].hw.channelsMin, inherited.devices[0].source.channelsMin], [2, 'card']);
});

test('a list the dump cut (xenstore-ls `\\...`): its last piece is the start of an unknown element and selects nothing', () => {
  const plain = (rates: string) => [
    'backend = "/local/domain/0/backend/vsnd/2/0"', `sample-rates = "${rates}"`, '0 = ""', ' 0 = ""', '  type = "p"', '',
  ].join('\n');
  const a = analyze(plain('8000,11025,16000,22050,32000,44100,48000,64000,96000,17\\...'), 'xenstore');
  assert.deepEqual(a.cards[0].hw.rates, [8000, 11025, 16000, 22050, 32000, 44100, 48000, 64000, 96000]);
  assert.deepEqual(a.findings.map((f) => f.rule.code), ['xs-truncated']);
  assert.match(resolveText(a), /\n {2}rates {5}8000, 11025, 16000, 22050, 32000, 44100, 48000, 64000, 96000 Hz \(card, cut in the dump: the guest may read more\)\n/);
  // Known pieces are still judged; nothing known selected is not "none supported": the rest may be.
  const unknown = analyze(plain('4800,4410,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,2\\...'), 'xenstore');
  const codes = unknown.findings.map((f) => f.rule.code);
  assert.equal(codes.filter((c) => c === 'rate-unsupported').length, 27);
  assert.ok(codes.includes('xs-truncated') && !codes.includes('rates-none-supported'), codes.join(' '));
  assert.equal(unknown.cards[0].source.rates.level, 'default');
});

test('a listing that does not say where its card is: no path, streams named from the card down', () => {
  const a = analyze('sample-rates = "48000"\n0 = ""\n 0 = ""\n  type = "x"\n', 'xenstore');
  assert.equal(a.cards[0].path, undefined);
  assert.equal(a.cards[0].probe.ok ? '' : a.cards[0].probe.message, 'Stream 0/0 has type "x", not p or c');
  assert.match(resolveText(a), /^Card 0 {2}\(the listing does not say where in XenStore\)\n/);
  assert.equal('path' in resolveJson(a).cards[0] && resolveJson(a).cards[0].path !== undefined, false);
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

test('xl.cfg: an item that sets nothing leaves no node, so the guest stops counting there', () => {
  const a = resolveJson(analyze(`vsnd = [[ 'card', 'pcm', 'pcm, name=x', 'stream, type=p' ]]\n`, 'xl')).cards[0];
  assert.equal(a.probe, 'failed');
  assert.equal(a.error, '-ENODEV (-19): No devices configured for sound card at /local/domain/1/device/vsnd/0');
  assert.equal(a.devices.length, 0);
  const b = resolveJson(analyze(`vsnd = [[ 'card', 'pcm, name=a', 'stream', 'stream, type=p' ]]\n`, 'xl')).cards[0];
  assert.equal(b.probe, 'ok');
  assert.deepEqual(b.devices.map((d) => [d.name, d.streams.length]), [['a', 0]]);
  const analysis = analyze(`vsnd = [[ 'card', 'pcm, name=a', 'stream', 'stream, type=p' ]]\n`, 'xl');
  assert.deepEqual(analysis.xl!.keys.filter((k) => /\/vsnd\/0\/\d/.test(k.path)).map((k) => `${k.path}=${k.value}`),
    ['/local/domain/1/device/vsnd/0/0/name=a', '/local/domain/1/device/vsnd/0/0/1/type=p']);
  assert.equal(analysis.xl!.root.child('local')!.child('domain')!.child('1')!.child('device')!.child('vsnd')!.child('0')!.child('0')!.child('0'), undefined);
});

test('254 PCM devices: from index 100 on the frontend checks the first two digits (char node[3]) and reads the full index', () => {
  const lines = Array.from({ length: 101 }, (_, i) => [`/${i} = ""`, `/${i}/0 = ""`, `/${i}/0/type = "p"`]).flat();
  const eight = resolveJson(analyze(dump(lines), 'xenstore')).cards[0];
  assert.equal(eight.devices.length, 8);
  const analysis = analyze(dump(lines), 'xenstore', { maxPcmDevices: 254 });
  const card = resolveJson(analysis).cards[0];
  // 100 checks "10", …, 253 checks "25": all exist, so 254 devices; 101–253 have no node, so no streams.
  assert.equal(card.devices.length, 254);
  assert.deepEqual([card.devices[100].streams.length, card.devices[101].streams.length, card.devices[253].streams.length], [1, 0, 0]);
  assert.equal(card.devices[200].source.rates, 'default');
  const few = resolveJson(analyze(dump(lines.slice(0, 3 * 12)), 'xenstore', { maxPcmDevices: 254 })).cards[0];
  assert.equal(few.devices.length, 12);
});

test('a NUL byte ends what the guest reads of a list or a PCM name (C strings), as the Linux reader does', () => {
  const card = resolve([
    '/sample-formats = "s16_le\\000s32_le,u8"', '/sample-rates = "44100,\\00048000"',
    '/0 = ""', '/0/name = "Main\\000Out"', '/0/0 = ""', '/0/0/type = "p\\000junk"',
  ]);
  assert.deepEqual([card.hw.formats, card.hw.rates, card.devices[0].name, card.probe], [['s16_le'], [44100], 'Main', 'ok']);
});

/** Table-driven: every catalogue rule with its exact code, range, severity and message. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertShortMessage, expectFindings, guest, Expected } from '../helpers';
import { analyze } from '../../server/src/service/analyze';
import { resolveMarkdown } from '../../server/src/service/report';
import type { SndifLanguage } from '../../server/src/service/language';

const P = `'PCM', 'STREAM, type=p'`;

const XL_CASES: [string, string, Expected[]][] = [
  ['the man page example: id= where unique-id= is meant', guest(`[ [ 'CARD, short-name=Main', 'PCM, name=Main', 'STREAM, id=0, type=p' ] ]`),
    [{ code: 'vsnd-invalid-param', at: 'id=0', severity: 'error', message: 'Invalid parameter: id=0: did you mean unique-id?', detail: 'xl rejects the config: "Invalid parameter: id=0"' }]],
  ['unknown item type', guest(`[ [ 'SPEAKER, x=1', ${P} ] ]`),
    [{ code: 'vsnd-invalid-item', at: 'SPEAKER', severity: 'error', message: 'Invalid key: SPEAKER' }]],
  ['unknown key', guest(`[ [ 'CARD, volume=11', ${P} ] ]`),
    [{ code: 'vsnd-invalid-param', at: 'volume=11', message: 'Invalid parameter: volume=11' }]],
  ['key of another item type', guest(`[ [ 'CARD, name=x', ${P} ] ]`),
    [{ code: 'vsnd-invalid-param', at: 'name=x', message: 'name belongs to PCM items', detail: 'CARD items do not take name' }]],
  ['blank before =', guest(`[ [ 'PCM', 'STREAM, type =p' ] ]`),
    [{ code: 'vsnd-key-blank', at: 'type =p', message: 'Invalid parameter: type =p' }]],
  ['comma inside a list', guest(`[ [ 'CARD, sample-rates=8000, 48000', ${P} ] ]`),
    [{ code: 'vsnd-list-comma', at: ', 48000', message: 'Invalid parameter: 48000' }]],
  ['unknown format, with a suggestion', guest(`[ [ 'CARD, sample-formats=s16le', ${P} ] ]`),
    [{ code: 'vsnd-invalid-format', at: 's16le', message: 'Invalid pcm format: s16le: did you mean s16_le?', detail: 'Invalid pcm format: s16le' }]],
  ['float_le as the man page lists it', guest(`[ [ 'CARD, sample-formats=float_le', ${P} ] ]`),
    [{ code: 'vsnd-invalid-format', at: 'float_le', message: 'Invalid pcm format: float_le: float formats cannot be set through xl' }]],
  ['f32_le passes xl but the guest ignores it', guest(`[ [ 'CARD, sample-formats=f32_le', ${P} ] ]`),
    [{ code: 'format-unsupported', at: 'f32_le', severity: 'warning', message: 'The guest ignores f32_le', detail: 'f32_le is libxl\'s name for float_le' },
      { code: 'formats-none-supported', at: 'f32_le', message: 'the inherited formats stay', detail: 'keeps the inherited formats: u8, s16_le' }]],
  ['bad stream type', guest(`[ [ 'PCM', 'STREAM, type=x' ] ]`),
    [{ code: 'vsnd-invalid-stream-type', at: 'x', nth: 0, message: 'Invalid stream type: x' }]],
  ['stream without type', guest(`[ [ 'PCM', 'STREAM, unique-id=a' ] ]`),
    [{ code: 'stream-type-missing', at: "'STREAM, unique-id=a'", severity: 'error', message: 'Stream has no type', detail: 'fails the whole card with -ENOENT' }]],
  ['card without PCM device', guest(`[ [ 'CARD, short-name=x' ] ]`),
    [{ code: 'card-no-device', at: "[ 'CARD, short-name=x' ]", severity: 'error', message: "Card has no PCM device, so it fails to probe: add a 'PCM' item", detail: '-ENODEV' }]],
  ['empty list crashes xl', guest(`[ [ 'CARD, sample-rates=', ${P} ] ]`),
    [{ code: 'vsnd-empty-list', at: 'sample-rates=', message: 'Empty sample-rates crashes xl', detail: 'SIGSEGV' }]],
  ['vsnd as a single value', 'vsnd = "card"\n', [{ code: 'vsnd-not-list', at: '"card"' }]],
  ['card as a string', guest(`[ 'PCM' ]`), [{ code: 'vsnd-card-not-list', at: "'PCM'", message: 'Failed to get vsnd card list: Invalid argument' }]],
  ['nested list inside a card', guest(`[ [ ${P}, [ 'x' ], 'PCM' ] ]`),
    [{ code: 'vsnd-item-not-string', at: "[ 'x' ]", message: 'xl stops reading the card here', detail: 'The 1 item after it is ignored' }]],
  ['a PCM item that sets nothing leaves no device 0', `vsnd = [[ 'card', 'pcm', 'pcm, name=x', 'stream, type=p' ]]\n`,
    [{ code: 'card-no-device', at: "[ 'card', 'pcm', 'pcm, name=x', 'stream, type=p' ]", severity: 'error' },
      { code: 'item-writes-nothing', at: "'pcm'", severity: 'warning',
        message: 'PCM 0 sets no key, so libxl writes no node for it: add a name or remove it',
        detail: 'The guest finds no PCM 0, so the card fails to probe with -ENODEV (-19).' }]],
  ['a STREAM item that sets nothing hides the streams after it', `vsnd = [[ 'card', 'pcm, name=a', 'stream', 'stream, type=p' ]]\n`,
    [{ code: 'item-writes-nothing', at: "'stream'", message: 'Stream 0/0 sets no key, so libxl writes no node for it: add a type',
      detail: 'The guest stops counting at stream 0/0 and ignores the 1 stream after it.' }]],
  ['a last PCM item that sets nothing', guest(`[ [ 'PCM, name=a', 'STREAM, type=p', 'PCM' ] ]`),
    [{ code: 'item-writes-nothing', at: "'PCM'", message: 'PCM 1 sets no key, so libxl writes no node for it: add a name or remove it',
      detail: 'The guest counts 1 PCM and never sees this one.' }]],
  ['an empty PCM between two devices', guest(`[ [ 'PCM, name=a', 'STREAM, type=p', 'PCM', 'PCM, name=c', 'STREAM, type=c' ] ]`),
    [{ code: 'item-writes-nothing', at: "'PCM'", message: 'PCM 1 sets no key',
      detail: 'The guest stops counting at PCM 1 and ignores the 1 PCM after it.' }]],
  ['stream before any PCM', guest(`[ [ 'STREAM, type=p' ] ]`), [{ code: 'vsnd-implicit-pcm', at: 'STREAM', severity: 'warning' }]],
  ['unsupported rate and nearest', guest(`[ [ 'CARD, sample-rates=44000;48000', ${P} ] ]`),
    [{ code: 'rate-unsupported', at: '44000', message: 'Rate "44000" is not supported and is ignored: use 44100 or 48000' }]],
  ['all rates unsupported', guest(`[ [ 'CARD, sample-rates=44000', ${P} ] ]`),
    [{ code: 'rate-unsupported', at: '44000' }, { code: 'rates-none-supported', at: '44000', message: 'the inherited rates stay', detail: 'keeps the inherited rates: continuous 5512–48000 Hz' }]],
  ['channels-min above channels-max', guest(`[ [ 'CARD, channels-min=4, channels-max=2', ${P} ] ]`),
    [{ code: 'channels-min-above-max', at: '4', message: 'Minimum channels 4 above maximum 2: swap channels-min and channels-max', detail: 'card 0 gets exactly 2 channels' }]],
  ['buffer too small for two periods', guest(`[ [ 'CARD, buffer-size=100', ${P} ] ]`),
    [{ code: 'buffer-too-small', at: '100', message: 'Buffer too small to open the stream: use at least 128 bytes', detail: 'periods_max becomes 1' }]],
  ['junk, zero, negative, octal numbers', guest(`[ [ 'CARD, channels-max=2x, buffer-size=lots', 'PCM, channels-min=0, channels-max=-1', 'STREAM, type=p, buffer-size=044100' ] ]`),
    [{ code: 'number-junk', at: '2x', message: 'Number "2x" has junk after it: xl reads 2', detail: 'xl reads 2 and ignores "x"' },
      { code: 'number-junk', at: 'lots', message: 'xl reads 0' },
      { code: 'number-zero', at: '0', nth: 0 },
      { code: 'number-negative', at: '-1', message: 'wraps around to 4294967295', detail: 'wraps it to 4294967295' },
      { code: 'widens-parent', at: '-1', message: 'Maximum channels 4294967295 above its card\'s 2' },
      { code: 'number-base', at: '044100', message: 'reads as octal 18496' }]],
  ['a lower level widening its parent', guest(`[ [ 'CARD, sample-rates=48000', 'PCM', 'STREAM, type=p, sample-rates=44100;48000' ] ]`),
    [{ code: 'widens-parent', at: '44100;48000', message: "Rate 44100 beyond its PCM's (inherited from the card): remove it",
      detail: "Stream 0 of PCM 0 of card 0 adds rate 44100 beyond its PCM's rates (inherited from the card). The Linux frontend accepts it, but xl.cfg(5) says a lower level must narrow" }]],
  ['widening a device that inherits its rates from the card', guest(`[ [ 'CARD, sample-rates=48000', 'PCM', 'STREAM, type=p, sample-rates=48000;96000' ] ]`),
    [{ code: 'widens-parent', at: '48000;96000', message: "Rate 96000 beyond its PCM's (inherited from the card): remove it",
      detail: "adds rate 96000 beyond its PCM's rates (inherited from the card). The Linux frontend accepts it" }]],
  ['widening the default channels of a device', guest(`[ [ 'PCM, sample-formats=s16_le', 'STREAM, type=p, channels-max=6, sample-formats=s16_le;s32_le' ] ]`),
    [{ code: 'widens-parent', at: '6', nth: 1, message: "Maximum channels 6 above its PCM's 2 (the frontend's default): lower it",
      detail: "sets channels-max 6, above its PCM's 2 (the frontend's default). The Linux frontend accepts it" },
      { code: 'widens-parent', at: 's16_le;s32_le', message: "Format s32_le not in its PCM's list: add it there or remove it",
        detail: "adds format s32_le that its PCM does not list. The Linux frontend accepts it" }]],
  ['duplicate unique-id', guest(`[ [ 'PCM', 'STREAM, type=p, unique-id=a', 'STREAM, type=c, unique-id=a' ] ]`),
    [{ code: 'unique-id-duplicate', at: 'a', nth: 2, severity: 'information',
      message: 'Unique-id "a" is also used by another stream of this card',
      detail: 'sndif.h asks for a unique id per stream, but neither the Linux frontend nor snd_be needs it: snd_be reads it as the backend device (e.g. pulse)' }]],
  ['PCM name too long for the frontend', guest(`[ [ 'PCM, name=${'x'.repeat(80)}', 'STREAM, type=p' ] ]`),
    [{ code: 'pcm-name-too-long', at: 'x'.repeat(80), message: 'PCM name too long: the guest shows only its first 63 bytes',
      detail: `The name is 80 bytes; the frontend keeps 79 and makes them the ALSA PCM id, which keeps 63: the guest lists "${'x'.repeat(63)}".` }]],
  ['PCM name too long for an ALSA id (64 bytes), not at 63', guest(`[ [ 'PCM, name=${'y'.repeat(64)}', 'STREAM, type=p' ], [ 'PCM, name=${'z'.repeat(63)}', 'STREAM, type=p' ] ]`),
    [{ code: 'pcm-name-too-long', at: 'y'.repeat(64), detail: 'The name is 64 bytes; the frontend keeps 64 and' }]],
  ['more than 8 PCM devices', guest(`[ [ ${Array.from({ length: 9 }, (_, i) => `'PCM, name=d${i}', 'STREAM, type=p'`).join(', ')} ] ]`),
    [{ code: 'too-many-devices', at: "'PCM, name=d8'",
      message: 'PCM 8 is ignored: a guest without CONFIG_SND_DYNAMIC_MINORS reads 8',
      detail: 'If the guest kernel has it, set sndif.maxPcmDevices (--max-pcm-devices) to 254.' }]],
  ['a setting assigned twice', `memory = 512\nmemory = 1024\nvsnd = [ [ ${P} ] ]\n`,
    [{ code: 'xl-duplicate-setting', at: 'memory', message: 'Setting memory is assigned again below', detail: 'xl uses only the last assignment' }]],
  ['a number above 32 bits', guest(`[ [ 'CARD, buffer-size=4294967297', ${P} ] ]`),
    [{ code: 'number-overflow', at: '4294967297', message: 'the guest gets 1', detail: 'libxl keeps the low 32 bits' }, { code: 'buffer-too-small', at: '4294967297' }]],
  ['blank kept in a name', guest(`[ [ 'CARD, short-name=Main ', ${P} ] ]`), [{ code: 'value-blank', at: 'Main ' }]],
  ['+= joining a list to a string', `extra = 'a'\nextra += [ 'b' ]\nvsnd = [ [ ${P} ] ]\n`,
    [{ code: 'xl-syntax', at: "[ 'b' ]", message: 'Cannot add a list to a string with +=, so xl rejects the file', detail: 'extra was set to a string above' }]],
  ['+= joining a string to a list (the setting is dropped, as xl drops it)', `vsnd = [ [ ${P} ] ]\nvsnd += 'x'\nextra = 'a'\nextra += 'b'\n`,
    [{ code: 'xl-syntax', at: "'x'", message: 'Cannot add a string to a list with +=, so xl rejects the file' }]],
  ['suppression comments and unknown codes', `# sndif-disable-next-line vsnd-invalid-param\nvsnd = [ [ 'CARD, bad=1', ${P} ] ]\n# sndif-disable rate-unsupportd\n`,
    [{ code: 'unknown-rule-code', at: 'rate-unsupportd', message: 'did you mean rate-unsupported?' }]],
];

const DUMP = (lines: string[]) => lines.map((l) => `/local/domain/1/device/vsnd/0${l}`).join('\n') + '\n';
const OK_STREAM = ['/0 = ""', '/0/0 = ""', '/0/0/type = "p"'];

const XS_CASES: [string, string, Expected[]][] = [
  ['blanks inside a list', DUMP(['/sample-rates = "8000, 48000"', ...OK_STREAM]), [{ code: 'list-blank', at: '8000, 48000', message: 'Blanks inside the list', detail: '" 48000" matches nothing' }]],
  ['bad stream type', DUMP(['/0 = ""', '/0/0 = ""', '/0/0/type = "playback"']), [{ code: 'stream-type-invalid', at: 'playback', message: 'Stream type is not p or c, so its card fails to probe', detail: '-EINVAL' }]],
  ['missing stream type', DUMP(['/0 = ""', '/0/0 = ""']), [{ code: 'stream-type-missing', at: '0', nth: 4, message: 'Stream has no type, so its card fails to probe: add type=p or type=c', detail: '-ENOENT' }]],
  ['more than 8 streams', DUMP(['/0 = ""', ...Array.from({ length: 9 }, (_, i) => [`/0/${i} = ""`, `/0/${i}/type = "p"`]).flat()]),
    [{ code: 'too-many-streams', at: '8', nth: 0, message: 'past the frontend\'s limit of 8 streams' }]],
  ['a gap in device indices', DUMP([...OK_STREAM, '/2 = ""']), [{ code: 'index-gap', at: '2', nth: 0 }]],
  ['unknown key', DUMP(['/sample_rates = "8000"', ...OK_STREAM]), [{ code: 'xs-unknown-key', at: 'sample_rates', message: 'did you mean sample-rates?' }]],
  ['hex and signed numbers the kernel does not read', DUMP(['/channels-max = "0x4"', '/buffer-size = "-1"', ...OK_STREAM]),
    [{ code: 'number-base', at: '0x4' }, { code: 'number-negative', at: '-1' }]],
  ['control bytes and bytes that are not UTF-8 are escaped in messages, as xenstore-ls writes them',
    DUMP(['/channels-max = "1\\n"', '/sample-formats = "s16_le,\\xff\\x01,\\xc3\\xa9"', ...OK_STREAM]),
    [{ code: 'number-junk', at: '1\\n', message: 'Number "1\\n" has junk after it: the kernel reads 1' },
      { code: 'format-unsupported', at: '\\xff\\x01', message: 'Format "\\xff\\x01" is unknown and is ignored' },
      { code: 'format-unsupported', at: '\\xc3\\xa9', message: 'Format "é" is unknown and is ignored' }]],
  ['a truncated value', 'name = "long\\..."\n', [{ code: 'xs-truncated', at: 'long\\...' }]],
  ['a line that is not xenstore-ls output', 'local = ""\n domain = ""\nwhat is this\n', [{ code: 'xs-syntax', at: 'what is this', severity: 'warning' }]],
  ['a value wrapped onto the next line by a mail client', DUMP(['/sample-rates = \n"8000,48000"', ...OK_STREAM]),
    [{ code: 'xs-joined-line', at: '/local/domain/1/device/vsnd/0/sample-rates = \n"8000,48000"', severity: 'warning',
      message: 'Line wrapped after `=`: read joined with the next line',
      detail: 'A mail client or terminal wrapped this line after ` = `; its value is on the next line, so both are read as one node. Rejoin them.' }]],
  ['a -p line wrapped before its permissions by a mail client', DUMP(['/sample-rates = "8000,48000"\n  (n1,r0)', ...OK_STREAM]),
    [{ code: 'xs-joined-line', at: '/local/domain/1/device/vsnd/0/sample-rates = "8000,48000"\n  (n1,r0)', severity: 'warning',
      message: 'Line wrapped before its permissions: read joined with the next line',
      detail: 'A mail client or terminal wrapped this line before its `(n…,r…)` permissions, which are on the next line; both are read as one node. Rejoin them.' }]],
  ['an error line from the tool', 'xenstore-ls: xs_directory (/nonexistent): No such file or directory\n',
    [{ code: 'xs-tool-error', at: 'xenstore-ls: xs_directory (/nonexistent): No such file or directory', severity: 'information' }]],
];

function run(language: SndifLanguage, cases: [string, string, Expected[]][]) {
  for (const [name, text, expected] of cases) test(`${language}: ${name}`, () => void expectFindings(text, language, expected));
}

run('xl', XL_CASES);
run('xenstore', XS_CASES);

test('narrowing warnings can be switched off', () => {
  expectFindings(guest(`[ [ 'CARD, sample-rates=48000', 'PCM', 'STREAM, type=p, sample-rates=44100;48000' ] ]`), 'xl', [], { rules: { narrowingWarnings: false } });
});

test('the clean examples have no findings', async () => {
  const { readFileSync } = await import('node:fs');
  for (const [file, lang] of [['examples/guest-clean.cfg', 'xl'], ['examples/xenstore-host.txt', 'xenstore']] as const) {
    expectFindings(readFileSync(file, 'utf8'), lang, []);
  }
});

test('every message of the shipped examples is one short sentence starting with a capital', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  let count = 0;
  for (const file of readdirSync('examples')) {
    const analysis = analyze(readFileSync(`examples/${file}`, 'utf8'), file.endsWith('.txt') ? 'xenstore' : 'xl');
    for (const f of analysis.findings) {
      assertShortMessage(f.message);
      count++;
    }
  }
  assert.ok(count >= 20, `only ${count} findings in the examples`);
});

test('every message on the real-world corpus (other people\'s configs and dumps) is short too', async () => {
  const { readFileSync, readdirSync } = await import('node:fs');
  const dir = 'test/fixtures/realworld';
  let count = 0;
  for (const file of readdirSync(dir).filter((f) => /\.(cfg|txt)$/.test(f))) {
    // Both readings: a config pasted into a dump editor must not give long messages either.
    for (const language of ['xl', 'xenstore'] as const) {
      for (const f of analyze(readFileSync(`${dir}/${file}`, 'utf8'), language).findings) {
        assertShortMessage(f.message);
        count++;
      }
    }
  }
  assert.ok(count >= 100, `only ${count} findings in the corpus`);
});

const devices = (n: number) => guest(`[ [ ${Array.from({ length: n }, (_, i) => `'PCM, name=d${i}', 'STREAM, type=p'`).join(', ')} ] ]`);

test('a guest kernel with CONFIG_SND_DYNAMIC_MINORS reads 254 PCM devices', () => {
  expectFindings(devices(9), 'xl', [], { maxPcmDevices: 254 });
  const analysis = expectFindings(devices(255), 'xl', [{ code: 'too-many-devices', at: "'PCM, name=d254'",
    message: 'PCM 254 is ignored: a guest with CONFIG_SND_DYNAMIC_MINORS reads 254' }], { maxPcmDevices: 254 });
  assert.equal(analysis.cards[0].devices.length, 254);
  assert.equal(analysis.findings[0].message, 'PCM 254 is ignored: a guest with CONFIG_SND_DYNAMIC_MINORS reads 254');
  assert.equal(analysis.findings[0].detail, "The guest's sound frontend reads at most 254 PCM devices per card (SNDRV_PCM_DEVICES) and ignores the rest.");
});

test('the Markdown report says which PCM devices the guest kernel ignores', () => {
  const analysis = analyze(devices(9), 'xl');
  assert.ok(resolveMarkdown(analysis, 'nine.cfg').includes('\n> ⚠️ PCM device 8 ignored: a guest without CONFIG_SND_DYNAMIC_MINORS reads 8 (setting `sndif.maxPcmDevices`)\n'));
  assert.ok(!resolveMarkdown(analyze(devices(9), 'xl', { maxPcmDevices: 254 }), 'nine.cfg').includes('ignored'));
});

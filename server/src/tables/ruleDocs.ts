/**
 * The documentation of every rule, keyed by rule code, beside the catalogue: what happens in
 * xl, libxl or the guest, an example that triggers the rule, the fix, and the C sources the
 * behaviour comes from. scripts/write-rule-docs.js renders docs/rules/CODE.md from it,
 * `sndif explain CODE` prints the same page, and the editor's "Show documentation" opens it.
 * Messages stay short; the mechanics live here.
 */
import type { RuleCode } from './rules';

export interface RuleExample {
  readonly language: 'xl' | 'xenstore';
  /** A whole document that triggers the rule (a test checks that it does). */
  readonly text: string;
}

export interface RuleDoc {
  /** What happens, and where: xl, libxl, the guest's frontend, or this tool (Markdown). */
  readonly happens: string;
  /** Undefined only where no small document can show the rule (said in `happens`). */
  readonly example?: RuleExample;
  /** What to write instead (Markdown). */
  readonly fix: string;
  /** Where the behaviour is implemented: repository and path, and the function. */
  readonly sources: readonly string[];
}

const XL_PARSE = 'Xen `tools/xl/xl_parse.c`';
const LIBXLU_LEXER = 'Xen `tools/libs/util/libxlu_cfg_l.l` (the xl.cfg lexer)';
const LIBXLU_GRAMMAR = 'Xen `tools/libs/util/libxlu_cfg_y.y` (the xl.cfg grammar)';
const LIBXLU_CFG = 'Xen `tools/libs/util/libxlu_cfg.c`';
const LIBXL_VSND = 'Xen `tools/libs/light/libxl_vsnd.c` (what libxl writes to XenStore)';
const FRONT_CFG = 'Linux `sound/xen/xen_snd_front_cfg.c`';
const SNDIF_H = 'Xen `xen/include/public/io/sndif.h` (= Linux `include/xen/interface/io/sndif.h`)';
const XENBUS_READ = 'Linux `drivers/xen/xenbus/xenbus_xs.c` (`xenbus_read_unsigned`, scanf `%u`)';
const XENSTORE_LS = 'Xen `tools/xenstore/xenstore_client.c` (`xenstore-ls`)';
const MAN = 'xl.cfg(5), section `vsnd` (Xen `docs/man/xl.cfg.5.pod.in`)';
const THIS_TOOL = 'This tool (no C source: a limit of the editor integration)';

const xl = (text: string): RuleExample => ({ language: 'xl', text });
const dump = (text: string): RuleExample => ({ language: 'xenstore', text });

/** A one-stream card around `stream` (the item's keys after `STREAM, `). */
const card = (...items: string[]) => `vsnd = [ [ ${items.map((i) => `'${i}'`).join(', ')} ] ]\n`;
const FULL = (stream: string) => card('CARD, short-name=Main', 'PCM, name=Media', `STREAM, unique-id=out, type=p, ${stream}`);
const D = '/local/domain/1/device/vsnd/0';
const dumpCard = (...lines: string[]) => `${D}/short-name = "Main"\n${D}/0/name = "Media"\n${D}/0/0/type = "p"\n${lines.join('\n')}\n`;

export const RULE_DOCS: Readonly<Record<RuleCode, RuleDoc>> = {
  'xl-lexical': {
    happens: 'xl stops reading the config at a character or token its lexer does not accept (an unterminated string, a stray `\\`, Python syntax) and the domain is not created: `config parsing error near ...: lexical error`, then `Failed to parse config: Invalid argument`.',
    example: xl('name = "guest\nvsnd = [ ]\n'),
    fix: 'Close the string, or write the setting as `KEY = VALUE` with a quoted string, a number or a list.',
    sources: [LIBXLU_LEXER, LIBXLU_CFG],
  },
  'xl-syntax': {
    happens: 'The tokens do not follow the xl grammar (a missing `]`, two values without a comma, `==`). xl reports `config parsing error near ...: syntax error` and refuses the whole file. The same for `+=` joining a list and a string (`can\'t add [list] to "string" or vice versa`): it joins two strings or two lists only.',
    example: xl('vsnd = [ [ \'CARD, short-name=Main\' ]\n'),
    fix: 'Balance the brackets and separate list elements with `,`; each setting is `KEY = VALUE` ending at a newline or `;`.',
    sources: [LIBXLU_GRAMMAR],
  },
  'xl-escape': {
    happens: 'Inside a double-quoted string xl takes C escapes; an escape it does not know (`\\q`) or a bad hex or octal escape makes the lexer fail and the domain is not created.',
    example: xl('vsnd = [ [ "CARD, short-name=Main\\q" ] ]\n'),
    fix: 'Use single quotes for literal text, or write the character itself instead of an escape.',
    sources: [LIBXLU_CFG + ' (`xlu__cfgl_dequote`)'],
  },
  'xl-escape-dropped': {
    happens: 'xl 4.17 accepts an octal escape such as `\\101` in a double-quoted string but its dequoting drops the character: the value libxl writes is shorter than the one in the file.',
    example: xl('vsnd = [ [ "CARD, short-name=Main\\101" ] ]\n'),
    fix: 'Write the character itself (`A` instead of `\\101`).',
    sources: [LIBXLU_CFG + ' (`xlu__cfgl_dequote`)'],
  },
  'xl-crlf': {
    happens: 'The xl lexer does not take carriage returns: a file saved with Windows (CRLF) line endings fails to parse at its first line end and the domain is not created.',
    example: xl('name = "guest"\r\nvsnd = [ ]\r\n'),
    fix: 'Save the file with LF line endings (`dos2unix FILE`; in VS Code click "CRLF" in the status bar).',
    sources: [LIBXLU_LEXER],
  },
  'xl-duplicate-setting': {
    happens: 'A setting assigned twice with `=`: libxlu keeps every assignment and lookups find the last one, so the earlier value is silently ignored.',
    example: xl('vsnd = [ [ \'CARD, short-name=A\', \'PCM\', \'STREAM, type=p\' ] ]\nvsnd = [ [ \'CARD, short-name=B\', \'PCM\', \'STREAM, type=p\' ] ]\n'),
    fix: 'Keep one assignment, or use `+=` to append to a list.',
    sources: [LIBXLU_CFG + ' (`find`, `xlu__cfg_set_store`)'],
  },
  'vsnd-not-list': {
    happens: '`vsnd` holds a single value instead of a list: xl prints a warning that the parameter should be a list and creates the guest with no sound card at all.',
    example: xl('vsnd = \'CARD, short-name=Main\'\n'),
    fix: 'Write `vsnd = [ [ \'CARD, ...\', \'PCM, ...\', \'STREAM, ...\' ] ]`: a list of cards, each a list of item strings.',
    sources: [XL_PARSE + ' (`parse_vsnd_config`)', LIBXLU_CFG + ' (`xlu_cfg_get_list`)'],
  },
  'vsnd-card-not-list': {
    happens: 'A card given as a string instead of a list of item strings: xl prints `Failed to get vsnd card list: Invalid argument` and exits without creating the domain.',
    example: xl('vsnd = [ \'CARD, short-name=Main\' ]\n'),
    fix: 'Wrap the card\'s items in brackets: `vsnd = [ [ \'CARD, short-name=Main\', \'PCM\', \'STREAM, type=p\' ] ]`.',
    sources: [XL_PARSE + ' (`parse_vsnd_card_config`)'],
  },
  'vsnd-item-not-string': {
    happens: 'A nested list inside a card: xl reads a card\'s items while they are strings and stops at the first that is not, so this item and every item after it are silently dropped.',
    example: xl('vsnd = [ [ \'CARD, short-name=Main\', [ \'PCM\' ], \'STREAM, type=p\' ] ]\n'),
    fix: 'Remove the inner brackets: every item of a card is a quoted string.',
    sources: [XL_PARSE + ' (`parse_vsnd_card_config`)', LIBXLU_CFG + ' (`xlu_cfg_get_listitem`)'],
  },
  'vsnd-invalid-item': {
    happens: 'The first piece of an item must be `CARD`, `PCM` or `STREAM` (any case). Anything else makes xl print `Invalid key: <piece>` and exit.',
    example: xl(card('CARD, short-name=Main', 'SPEAKER, name=Front', 'STREAM, type=p')),
    fix: 'Start the item with `CARD`, `PCM` or `STREAM`.',
    sources: [XL_PARSE + ' (`parse_vsnd_create_item`)'],
  },
  'vsnd-invalid-param': {
    happens: 'Every piece after the item type must be `key=value` with a key of that item type, spelled exactly (case-sensitive). Otherwise xl prints `Invalid parameter: <piece>` and exits. The man page\'s own example uses `id=`, which xl rejects: the key is `unique-id`.',
    example: xl(card('CARD, short-name=Main', 'PCM, name=Media', 'STREAM, id=0, type=p')),
    fix: 'Use a key the item takes. All items: `sample-rates`, `sample-formats`, `channels-min`, `channels-max`, `buffer-size`; `CARD`: `backend`, `short-name`, `long-name`; `PCM`: `name`; `STREAM`: `unique-id`, `type`.',
    sources: [XL_PARSE + ' (`parse_vsnd_card_param`, `parse_vsnd_pcm_param`, `parse_vsnd_pcm_stream`, `parse_vsnd_params`)'],
  },
  'vsnd-key-blank': {
    happens: 'xl matches `key=` exactly, so a blank before `=` (`type =p`) makes the key unknown: `Invalid parameter` and xl exits. Blanks after the `,` are skipped, blanks before `=` are not.',
    example: xl(FULL('channels-max =2')),
    fix: 'Remove the blanks before `=`.',
    sources: [XL_PARSE + ' (`MATCH_OPTION` in `parse_vsnd_params`)'],
  },
  'vsnd-list-comma': {
    happens: 'xl splits an item on `,`, so a `,` inside a list value starts a new piece: `sample-rates=44100,48000` makes `48000` a parameter of its own, which xl rejects with `Invalid parameter: 48000`.',
    example: xl(FULL('sample-rates=44100,48000')),
    fix: 'Separate list elements with `;`: `sample-rates=44100;48000`.',
    sources: [XL_PARSE + ' (`parse_vsnd_item` splits on `,`; `parse_vsnd_params` splits lists on `;`)'],
  },
  'vsnd-invalid-format': {
    happens: 'xl looks each sample format up in libxl\'s format names (case-insensitive); an unknown one makes it print `Invalid pcm format: <name>` and exit. libxl names the float formats `f32_le`, `f32_be`, `f64_le`, `f64_be`, so `float_le` from the man page is rejected.',
    example: xl(FULL('sample-formats=s16_le;float_le')),
    fix: 'Use one of libxl\'s names (`s8 u8 s16_le s16_be u16_le u16_be s24_le s24_be u24_le u24_be s32_le s32_be u32_le u32_be f32_le f32_be f64_le f64_be iec958_subframe_le iec958_subframe_be mu_law a_law ima_adpcm mpeg gsm`). Float formats cannot reach a Linux guest through xl (see `format-unsupported`).',
    sources: [XL_PARSE + ' (`parse_vsnd_params`)', 'Xen `tools/libs/light/libxl_types.idl` (`libxl_vsnd_pcm_format`)'],
  },
  'vsnd-invalid-stream-type': {
    happens: 'A stream\'s `type` must be `p` (playback) or `c` (capture), any case. Anything else (`playback`, `out`) makes xl print `Invalid stream type: <value>` and exit.',
    example: xl(card('CARD, short-name=Main', 'PCM, name=Media', 'STREAM, unique-id=out, type=playback')),
    fix: 'Write `type=p` or `type=c`.',
    sources: [XL_PARSE + ' (`parse_vsnd_pcm_stream`)', 'Xen `tools/libs/light/libxl_types.idl` (`libxl_vsnd_stream_type`)'],
  },
  'vsnd-empty-list': {
    happens: 'An empty `sample-rates=` or `sample-formats=` value gives xl 4.17 a list of zero elements, which it then indexes: the real xl crashes with a segmentation fault instead of an error message.',
    example: xl(FULL('sample-rates=')),
    fix: 'Remove the key to inherit the parent\'s list, or give at least one value.',
    sources: [XL_PARSE + ' (`parse_vsnd_params`, `split_string_into_string_list`)'],
  },
  'vsnd-implicit-pcm': {
    happens: 'A `STREAM` before any `PCM` item: xl quietly creates a PCM device for it, with no name and only inherited parameters. It works, but the device is easy to miss when reading the file.',
    example: xl(card('CARD, short-name=Main', 'STREAM, unique-id=out, type=p')),
    fix: 'Add a `\'PCM, name=...\'` item before the stream.',
    sources: [XL_PARSE + ' (`parse_vsnd_create_item`)'],
  },
  'value-blank': {
    happens: 'xl skips blanks after each `,` but keeps trailing blanks (and blanks right after `=`): libxl writes the name with them and the guest shows it so.',
    example: xl(card('CARD, short-name=Main ', 'PCM, name=Media', 'STREAM, unique-id=out, type=p')),
    fix: 'Remove the blanks around the value.',
    sources: [XL_PARSE + ' (`parse_vsnd_item`)', LIBXL_VSND],
  },
  'number-junk': {
    happens: 'Numbers are read only up to the first character that is not a digit: xl uses `strtoul` (`96k` reads 96, `lots` reads 0) and so does the guest\'s kernel for dumps (`2abc` reads 2). The rest is silently ignored; a result of 0 means "not set".',
    example: xl(FULL('channels-max=2ch')),
    fix: 'Write the number alone, in decimal (`channels-max=2`); buffer sizes are bytes (`buffer-size=65536`, not `64k`).',
    sources: [XL_PARSE + ' (`strtoul` in `parse_vsnd_params`)', XENBUS_READ],
  },
  'number-zero': {
    happens: 'Both libxl and the guest\'s frontend treat 0 as "not set": libxl does not write the key and the frontend keeps the inherited value, so the 0 has no effect.',
    example: xl(FULL('channels-min=0')),
    fix: 'Remove the key, or give the value you want (channels start at 1).',
    sources: [LIBXL_VSND, FRONT_CFG + ' (`cfg_read_pcm_hw`)'],
  },
  'number-negative': {
    happens: 'xl\'s `strtoul` wraps a negative number around (`-1` becomes 4294967295, which libxl writes and the guest then really uses); the guest\'s kernel, reading a dump, takes no sign and reads nothing, so the inherited value stays.',
    example: xl(FULL('channels-max=-1')),
    fix: 'Write a positive decimal number.',
    sources: [XL_PARSE + ' (`strtoul`)', XENBUS_READ],
  },
  'number-base': {
    happens: 'xl reads numbers with `strtoul` base 0: a leading `0` is octal (`010` is 8) and `0x` is hexadecimal. libxl writes the decimal result. The guest\'s kernel reads XenStore in decimal only (`0x10` reads 0, `010` reads 10).',
    example: xl(FULL('channels-max=010')),
    fix: 'Write the number in plain decimal without leading zeros.',
    sources: [XL_PARSE + ' (`strtoul(..., 0)`)', XENBUS_READ],
  },
  'number-overflow': {
    happens: 'Numbers are 32-bit unsigned on the way: values above 4294967295 wrap around (`4294967297` becomes 1, `4294967296` becomes 0 = "not set").',
    example: xl(FULL('buffer-size=4294967297')),
    fix: 'Give a value below 4294967296 (buffer sizes are bytes).',
    sources: [XL_PARSE + ' (`strtoul` into `uint32_t` fields of `libxl_vsnd_params`)', XENBUS_READ],
  },
  'card-no-device': {
    happens: 'The guest\'s frontend counts PCM devices `0/`, `1/`, ... and finds none: the card fails to probe with -ENODEV (`No devices configured for sound card at ...`) and the guest has no sound. From xl.cfg this also happens when the first `PCM` item sets nothing, as libxl then writes no node for it.',
    example: xl(card('CARD, short-name=Main')),
    fix: 'Add a `PCM` item with at least one stream: `\'PCM, name=Media\', \'STREAM, unique-id=out, type=p\'`.',
    sources: [FRONT_CFG + ' (`xen_snd_front_cfg_card`)', LIBXL_VSND],
  },
  'stream-type-missing': {
    happens: 'xl accepts a stream without `type` and libxl then writes no `type` key. The guest\'s frontend needs it for every stream: the read fails with -ENOENT and the whole card fails to probe.',
    example: xl(card('CARD, short-name=Main', 'PCM, name=Media', 'STREAM, unique-id=out')),
    fix: 'Add `type=p` (playback) or `type=c` (capture) to the stream.',
    sources: [FRONT_CFG + ' (`cfg_get_stream_type`)', LIBXL_VSND],
  },
  'stream-type-invalid': {
    happens: 'The guest\'s frontend compares a stream\'s `type` with `p` and `c` (case-insensitively, two bytes); any other value fails with -EINVAL and the whole card fails to probe.',
    example: dump(`${D}/short-name = "Main"\n${D}/0/name = "Media"\n${D}/0/0/type = "playback"\n`),
    fix: 'Write `p` or `c`.',
    sources: [FRONT_CFG + ' (`cfg_get_stream_type`)', SNDIF_H + ' (`XENSND_STREAM_TYPE_PLAYBACK`, `XENSND_STREAM_TYPE_CAPTURE`)'],
  },
  'rate-unsupported': {
    happens: 'xl accepts any number as a rate and libxl writes it, but the guest\'s frontend knows only 5512 8000 11025 16000 22050 32000 44100 48000 64000 96000 176400 192000 and silently skips any other rate.',
    example: xl(FULL('sample-rates=44000;48000')),
    fix: 'Use one of the supported rates (`44100` rather than `44000`).',
    sources: [FRONT_CFG + ' (`cfg_hw_rates`)'],
  },
  'rates-none-supported': {
    happens: 'No rate of the list is one the guest\'s frontend knows, so it skips them all and the stream keeps the rates it inherited: the setting has no effect.',
    example: xl(FULL('sample-rates=44000;47000')),
    fix: 'List at least one supported rate, or remove the key to inherit.',
    sources: [FRONT_CFG + ' (`cfg_hw_rates`)'],
  },
  'format-unsupported': {
    happens: 'The guest\'s frontend knows the protocol\'s 25 format names and silently skips any other. libxl\'s float names (`f32_le`, ...) are not the protocol\'s (`float_le`, ...), so float formats written by xl are always skipped.',
    example: xl(FULL('sample-formats=s16_le;f32_le')),
    fix: 'Use a format both know (`s16_le`, `s32_le`, ...); float formats cannot be configured through xl.',
    sources: [FRONT_CFG + ' (`cfg_formats`)', SNDIF_H + ' (`XENSND_PCM_FORMAT_*_STR`)'],
  },
  'formats-none-supported': {
    happens: 'No format of the list is one the guest\'s frontend knows, so the stream keeps the formats it inherited: the setting has no effect.',
    example: xl(FULL('sample-formats=f32_le')),
    fix: 'List at least one format the frontend knows, or remove the key to inherit.',
    sources: [FRONT_CFG + ' (`cfg_formats`)'],
  },
  'list-blank': {
    happens: 'The guest\'s frontend splits XenStore lists on `,` without trimming, so `"44100, 48000"` holds the piece ` 48000`, which matches no rate and is skipped.',
    example: dump(dumpCard(`${D}/0/0/sample-rates = "44100, 48000"`)),
    fix: 'Remove the blanks: `44100,48000` (libxl never writes them; they come from hand-written XenStore entries).',
    sources: [FRONT_CFG + ' (`cfg_hw_rates`, `cfg_formats`)'],
  },
  'channels-min-above-max': {
    happens: 'After reading a level, the guest\'s frontend lowers `channels-min` to `channels-max` when it is above it, so the value written is not the one used.',
    example: xl(FULL('channels-min=4, channels-max=2')),
    fix: 'Make `channels-min` at most `channels-max` (swap them if they were switched).',
    sources: [FRONT_CFG + ' (`cfg_read_pcm_hw`)'],
  },
  'buffer-too-small': {
    happens: 'Periods are at least 64 bytes and ALSA needs two of them; the frontend sets the largest period count to `buffer-size / 64`, so below 128 bytes it is below the minimum of 2 and the stream cannot be opened in practice.',
    example: xl(FULL('buffer-size=100')),
    fix: 'Give a buffer of at least 128 bytes (the default is 65536).',
    sources: [FRONT_CFG + ' (`cfg_read_pcm_hw`)', 'Linux `sound/xen/xen_snd_front_alsa.c` (period limits)'],
  },
  'too-many-devices': {
    happens: 'The guest\'s frontend reads at most `SNDRV_PCM_DEVICES` PCM devices per card: 8 on a kernel without `CONFIG_SND_DYNAMIC_MINORS`, 254 (`SNDRV_OS_MINORS - 2`) with it (Debian and Ubuntu kernels). Devices past the limit are silently ignored. The setting `sndif.maxPcmDevices` (CLI `--max-pcm-devices`) tells this tool which kernel the guest runs.',
    example: xl(card('CARD, short-name=Main', ...Array.from({ length: 9 }, (_, i) => `PCM, name=D${i}', 'STREAM, type=p`))),
    fix: 'Use at most 8 PCM devices per card, or add a second card; with a guest kernel that sets `CONFIG_SND_DYNAMIC_MINORS`, set `sndif.maxPcmDevices` to 254.',
    sources: [FRONT_CFG + ' (`xen_snd_front_cfg_card`)', 'Linux `include/sound/pcm.h` (`SNDRV_PCM_DEVICES`)'],
  },
  'too-many-streams': {
    happens: 'The guest\'s frontend reads at most `VSND_MAX_STREAM` = 8 streams per PCM device; the rest are silently ignored.',
    example: xl(card('CARD, short-name=Main', 'PCM, name=Media', ...Array.from({ length: 9 }, (_, i) => `STREAM, unique-id=s${i}, type=p`))),
    fix: 'Use at most 8 streams per PCM device, or add another device.',
    sources: [FRONT_CFG + ' (`cfg_device`)', 'Linux `sound/xen/xen_snd_front_cfg.h` (`VSND_MAX_STREAM`)'],
  },
  'item-writes-nothing': {
    happens: 'libxl writes a PCM device\'s or a stream\'s keys only when it has some, so an item that sets nothing leaves no XenStore node at its index. The guest\'s frontend counts devices and streams up to the first missing index: it never sees this item nor any after it (no device 0 at all: the card fails to probe with -ENODEV).',
    example: xl(card('CARD, short-name=Main', 'PCM, name=Media', 'STREAM', 'STREAM, unique-id=out, type=p')),
    fix: 'Give the item a key (`name=` for a PCM, `type=p` or `type=c` for a STREAM), or remove it.',
    sources: [LIBXL_VSND + ' (`libxl__set_xenstore_vsnd`)', FRONT_CFG + ' (`xen_snd_front_cfg_card`, `cfg_device`)'],
  },
  'xs-joined-line': {
    happens: 'A mail client or terminal wrapped a `xenstore-ls` line after ` = ` (the value sits on the next line) or, in `-p` output, before its `(n…,r…)` permissions (format=flowed wraps at blanks). This tool reads the two lines as one and says so.',
    example: dump(`${D}/sample-rates = \n"8000,48000"\n${D}/0/0/type = "p"\n`),
    fix: 'Paste the listing unwrapped (attach it as a file, or send it as plain text without format=flowed).',
    sources: [XENSTORE_LS],
  },
  'index-gap': {
    happens: 'The guest\'s frontend counts devices and streams `0/`, `1/`, ... and stops at the first missing index: anything after a gap is silently ignored.',
    example: dump(dumpCard(`${D}/0/2/type = "c"`)),
    fix: 'Number devices and streams without gaps.',
    sources: [FRONT_CFG + ' (`xen_snd_front_cfg_card`, `cfg_device`)'],
  },
  'widens-parent': {
    happens: 'xl.cfg(5) says a PCM device or stream may only narrow the ranges of its parent. Neither xl nor the guest checks it: the guest\'s frontend simply replaces the inherited values, so the setting works, but against the man page.',
    example: xl(card('CARD, short-name=Main, sample-rates=48000', 'PCM, name=Media', 'STREAM, unique-id=out, type=p, sample-rates=44100;48000')),
    fix: 'Widen the parent instead, or narrow the child to a subset of the parent\'s range. The setting `sndif.narrowingWarnings` turns this rule off.',
    sources: [MAN, FRONT_CFG + ' (`cfg_read_pcm_hw`)'],
  },
  'unique-id-duplicate': {
    happens: 'sndif.h asks every stream of a frontend to have its own `unique-id`. The Linux frontend never reads it; the public backend snd_be uses it to pick the host device and works with repeats.',
    example: xl(card('CARD, short-name=Main', 'PCM, name=Media', 'STREAM, unique-id=pulse, type=p', 'STREAM, unique-id=pulse, type=c')),
    fix: 'Give each stream its own id, or silence the rule if your backend expects the repeat.',
    sources: [SNDIF_H + ' (`unique-id`)', 'xen-troops `snd_be`'],
  },
  'pcm-name-too-long': {
    happens: 'The guest\'s frontend copies a PCM device name into a fixed 80-byte field (79 bytes survive), then creates the ALSA PCM with that name as its id (`snd_pcm_new`), and an ALSA PCM id holds 63 bytes: the guest lists (`aplay -l`, `/proc/asound/pcm`) only the first 63 bytes of the name.',
    example: xl(card('CARD, short-name=Main', `PCM, name=${'x'.repeat(64)}`, 'STREAM, unique-id=out, type=p')),
    fix: 'Shorten the name to 63 bytes or fewer (UTF-8 characters may take several bytes).',
    sources: [FRONT_CFG + ' (`cfg_device`)', 'Linux `sound/xen/xen_snd_front_cfg.h` (`name[80]`)', 'Linux `sound/xen/xen_snd_front_alsa.c` (`new_pcm_instance`)', 'Linux `include/sound/pcm.h` (`struct snd_pcm`: `id[64]`)'],
  },
  'xs-syntax': {
    happens: 'A line that `xenstore-ls` never prints (not `name = "value"`, not a full path): this tool cannot place it in the tree and skips it. A damaged listing does not change what the guest does, so this is a warning; `sndif resolve` and hover name the lines of a card, device or stream that could not be read.',
    example: dump(`${D}/short-name = "Main"\nthis is not a xenstore line\n`),
    fix: 'Paste the output of `xenstore-ls -f` unchanged, or remove the line.',
    sources: [XENSTORE_LS],
  },
  'xs-truncated': {
    happens: '`xenstore-ls` cuts long lines of its plain and `-p` listings to the output width and ends them with `\\...`; the real value is longer and this tool does not guess it.',
    example: dump(`short-name = "Main"\n0 = ""\n name = "A very long PCM device name given by an integrator who likes to \\..."\n 0 = ""\n  type = "p"\n`),
    fix: 'List with `xenstore-ls -f` into a file or pipe: that form is never cut.',
    sources: [XENSTORE_LS + ' (`do_ls`, width from the terminal or 80)'],
  },
  'xs-unknown-key': {
    happens: 'The guest\'s frontend reads a fixed set of keys at each level (card, PCM device, stream); any other key is never read and has no effect.',
    example: dump(dumpCard(`${D}/0/0/volume = "11"`)),
    fix: 'Remove the key, or correct its spelling (`sample-rates`, `sample-formats`, `channels-min`, `channels-max`, `buffer-size`, ...).',
    sources: [FRONT_CFG, SNDIF_H + ' (`XENSND_FIELD_*`)'],
  },
  'xs-tool-error': {
    happens: 'An error line printed by `xenstore-ls` itself (for example `xenstore-ls: xs_directory (/nonexistent): No such file or directory`) was pasted with the dump.',
    example: dump(`xenstore-ls: xs_directory (/local/domain/7): No such file or directory\n${D}/short-name = "Main"\n`),
    fix: 'Check the path you listed; remove the line from the dump.',
    sources: [XENSTORE_LS],
  },
  'document-too-large': {
    happens: 'Documents larger than `sndif.maxDocumentSize` (64 MB by default) get only their syntax checked, so a huge dump never freezes the editor. No example fits on this page.',
    fix: 'Raise `sndif.maxDocumentSize`, or list only the vsnd subtree (`xenstore-ls -f /local/domain/1/device/vsnd`).',
    sources: [THIS_TOOL],
  },
  'unknown-rule-code': {
    happens: 'A `# sndif-disable` comment names a code that no rule has, so it silences nothing (often a misspelling).',
    example: xl('# sndif-disable widen-parent\nvsnd = [ ]\n'),
    fix: 'Use a code from `sndif rules` (`widens-parent`).',
    sources: [THIS_TOOL],
  },
};

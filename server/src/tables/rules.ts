import type { Span } from '../text/lineIndex';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * Who enforces a rule: `xl` rejects the config; `guest` = the guest's frontend fails to probe
 * the card; `ignored` = accepted but silently ignored or changed; `style` = works, but
 * against the man page or likely not what was meant.
 */
export type Enforcer = 'xl' | 'guest' | 'ignored' | 'style';

export type Language = 'xl' | 'xenstore' | 'both';

export interface RuleInfo {
  readonly code: string;
  readonly severity: Severity;
  readonly enforcer: Enforcer;
  readonly language: Language;
  readonly summary: string;
}

function rule(code: string, severity: Severity, enforcer: Enforcer, language: Language, summary: string): RuleInfo {
  return { code, severity, enforcer, language, summary };
}

export const RULES = {
  // xl.cfg syntax (libxlu lexer and grammar)
  xlLexical: rule('xl-lexical', 'error', 'xl', 'xl', 'A character or token the xl lexer does not accept.'),
  xlSyntax: rule('xl-syntax', 'error', 'xl', 'xl', 'The config does not follow the xl grammar.'),
  xlEscape: rule('xl-escape', 'error', 'xl', 'xl', 'A backslash escape xl rejects inside a quoted string.'),
  xlEscapeDropped: rule('xl-escape-dropped', 'warning', 'ignored', 'xl', 'An octal escape that xl 4.17 accepts but drops from the string.'),
  xlCrlf: rule('xl-crlf', 'error', 'xl', 'xl', 'Carriage returns (CRLF line endings), which the xl lexer rejects.'),
  xlDuplicateSetting: rule('xl-duplicate-setting', 'warning', 'ignored', 'xl', 'A setting assigned twice with `=`: only the last one counts.'),
  // vsnd shape and items (xl_parse.c)
  vsndNotList: rule('vsnd-not-list', 'error', 'ignored', 'xl', '`vsnd` is a single value: xl warns and gives the guest no sound card.'),
  vsndCardNotList: rule('vsnd-card-not-list', 'error', 'xl', 'xl', 'A card that is not a list of item strings.'),
  vsndItemNotString: rule('vsnd-item-not-string', 'error', 'ignored', 'xl', 'A nested list inside a card: xl stops reading the card there.'),
  vsndInvalidItem: rule('vsnd-invalid-item', 'error', 'xl', 'xl', 'An item that does not start with CARD, PCM or STREAM.'),
  vsndInvalidParam: rule('vsnd-invalid-param', 'error', 'xl', 'xl', 'An unknown or misspelled key, or a key the item type does not take.'),
  vsndKeyBlank: rule('vsnd-key-blank', 'error', 'xl', 'xl', 'A blank before `=`: xl matches `key=` exactly.'),
  vsndListComma: rule('vsnd-list-comma', 'error', 'xl', 'xl', 'A `,` inside a list value, where xl needs `;`.'),
  vsndInvalidFormat: rule('vsnd-invalid-format', 'error', 'xl', 'xl', 'A sample format libxl does not know.'),
  vsndInvalidStreamType: rule('vsnd-invalid-stream-type', 'error', 'xl', 'xl', 'A stream type other than p or c.'),
  vsndEmptyList: rule('vsnd-empty-list', 'error', 'xl', 'xl', 'An empty sample-rates or sample-formats value, which crashes xl 4.17.'),
  itemWritesNothing: rule('item-writes-nothing', 'warning', 'ignored', 'xl', 'A PCM or STREAM item that sets no key: libxl writes no node, so the guest stops counting there.'),
  vsndImplicitPcm: rule('vsnd-implicit-pcm', 'warning', 'style', 'xl', 'A STREAM before any PCM: xl creates the PCM device itself.'),
  valueBlank: rule('value-blank', 'warning', 'style', 'xl', 'A name with leading or trailing blanks, which are kept.'),
  // numbers
  numberJunk: rule('number-junk', 'warning', 'ignored', 'both', 'A number with junk, read only up to the first non-digit.'),
  numberZero: rule('number-zero', 'warning', 'ignored', 'both', 'A number that reads as 0 and so leaves the inherited value.'),
  numberNegative: rule('number-negative', 'warning', 'ignored', 'both', 'A signed number.'),
  numberBase: rule('number-base', 'warning', 'ignored', 'both', 'A number read as octal or hexadecimal (or not read) where decimal was likely meant.'),
  numberOverflow: rule('number-overflow', 'warning', 'ignored', 'both', 'A number above 4294967295, which wraps around.'),
  // resolver (both languages, on the XenStore tree)
  cardNoDevice: rule('card-no-device', 'error', 'guest', 'both', 'A card without a PCM device: the guest\'s card fails to probe (-ENODEV).'),
  streamTypeMissing: rule('stream-type-missing', 'error', 'guest', 'both', 'A stream without `type`: the guest\'s card fails to probe (-ENOENT).'),
  streamTypeInvalid: rule('stream-type-invalid', 'error', 'guest', 'xenstore', 'A stream type other than p or c: the guest\'s card fails to probe (-EINVAL).'),
  rateUnsupported: rule('rate-unsupported', 'warning', 'ignored', 'both', 'A sample rate the Linux frontend does not support and ignores.'),
  ratesNoneSupported: rule('rates-none-supported', 'warning', 'ignored', 'both', 'No listed sample rate is supported: the inherited rates stay.'),
  formatUnsupported: rule('format-unsupported', 'warning', 'ignored', 'both', 'A sample format the Linux frontend does not know and ignores.'),
  formatsNoneSupported: rule('formats-none-supported', 'warning', 'ignored', 'both', 'No listed sample format is known: the inherited formats stay.'),
  listBlank: rule('list-blank', 'warning', 'ignored', 'xenstore', 'Blanks inside a XenStore list: the piece no longer matches.'),
  channelsMinAboveMax: rule('channels-min-above-max', 'warning', 'ignored', 'both', 'channels-min above channels-max: the frontend lowers channels-min.'),
  bufferTooSmall: rule('buffer-too-small', 'warning', 'ignored', 'both', 'A buffer-size below 128 bytes: fewer than two 64-byte periods fit.'),
  tooManyDevices: rule('too-many-devices', 'warning', 'ignored', 'both', 'More PCM devices than the guest reads (8, or 254 with CONFIG_SND_DYNAMIC_MINORS): the rest are ignored.'),
  tooManyStreams: rule('too-many-streams', 'warning', 'ignored', 'both', 'More than 8 streams in a device: the rest are ignored.'),
  indexGap: rule('index-gap', 'warning', 'ignored', 'xenstore', 'A device or stream after a gap in the indices: ignored.'),
  widensParent: rule('widens-parent', 'warning', 'style', 'both', 'A lower level widens its parent\'s range (the man page forbids it; the kernel allows it).'),
  uniqueIdDuplicate: rule('unique-id-duplicate', 'information', 'style', 'both', 'Two streams of a card share a unique-id: sndif.h asks for unique ids; the Linux frontend and snd_be do not need them.'),
  pcmNameTooLong: rule('pcm-name-too-long', 'warning', 'ignored', 'both', 'A PCM name longer than the 63 bytes of the ALSA PCM id the guest lists (the frontend keeps 79).'),
  // XenStore dumps
  xsSyntax: rule('xs-syntax', 'warning', 'style', 'xenstore', 'A line that is not xenstore-ls output: a damaged listing, not a guest problem.'),
  xsJoinedLine: rule('xs-joined-line', 'warning', 'style', 'xenstore', 'A line wrapped by a mail client or terminal, read joined with the next.'),
  xsTruncated: rule('xs-truncated', 'warning', 'style', 'xenstore', 'A value cut by xenstore-ls (`\\...`): the real value is longer.'),
  xsUnknownKey: rule('xs-unknown-key', 'warning', 'ignored', 'xenstore', 'A key the frontend never reads at this level.'),
  xsToolError: rule('xs-tool-error', 'information', 'style', 'xenstore', 'An error line printed by xenstore-ls.'),
  documentTooLarge: rule('document-too-large', 'information', 'style', 'both', 'A document above the size limit: only its syntax is checked.'),
  // suppression comments
  unknownRuleCode: rule('unknown-rule-code', 'warning', 'style', 'both', 'A suppression comment names a code that does not exist.'),
} as const;

/** Every rule code, as a type: the docs table (tables/ruleDocs.ts) must cover each one. */
export type RuleCode = (typeof RULES)[keyof typeof RULES]['code'];

export const RULE_BY_CODE: ReadonlyMap<string, RuleInfo> = new Map(Object.values(RULES).map((r) => [r.code, r]));

/** Payload carried in Diagnostic.data: code actions are chosen from it, never from messages. */
export type FixData =
  | { kind: 'replace'; edits: TextReplacement[]; title: string; preferred?: boolean; safe?: boolean }
  | { kind: 'choices'; choices: { title: string; edits: TextReplacement[]; preferred?: boolean }[]; safe?: boolean };

export interface TextReplacement { span: Span; text: string }

/**
 * One edit as a fix. `preferred` marks the fix an editor offers first; `safe` (by default the
 * same) lets source.fixAll apply it without the user looking.
 */
export function replaceFix(title: string, span: Span, text: string, preferred: boolean, safe = preferred): FixData {
  return { kind: 'replace', title, edits: [{ span, text }], preferred, safe };
}

/** A rule violation, in document offsets, before it becomes an LSP diagnostic. */
export interface Finding {
  readonly rule: RuleInfo;
  readonly span: Span;
  /** One short sentence (at most 80 characters): what happens and what to do. */
  readonly message: string;
  /** The mechanics behind it (xl's own words, what the kernel does), for hover and `--format json`. */
  readonly detail?: string;
  readonly fix?: FixData;
  /** Other places worth showing (e.g. the first of two duplicate unique-ids). */
  readonly related?: { span: Span; message: string }[];
}

/** A message with the mechanics kept apart from the short sentence shown in Problems. */
export interface Explained { readonly text: string; readonly detail: string }

export function explained(text: string, detail: string): Explained {
  return { text, detail };
}

export function finding(rule: RuleInfo, span: Span, message: string | Explained, fix?: FixData, related?: Finding['related']): Finding {
  if (typeof message === 'string') return { rule, span, message, fix, related };
  return { rule, span, message: message.text, detail: message.detail, fix, related };
}

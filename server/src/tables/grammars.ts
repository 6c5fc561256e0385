/**
 * The TextMate grammars, generated from the tables so key, item and format names exist once.
 * `npm run grammars` writes syntaxes/*.tmLanguage.json; a test fails when they are stale.
 */
import { FORMATS, ITEM_TYPES, KEYS, RATES, RUNTIME_KEYS } from './sndif';

const alt = (names: readonly string[]) => names.map((n) => n.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')).join('|');

const KEY_NAMES = alt(KEYS.map((k) => k.name));
const FORMAT_NAMES = alt([...new Set(FORMATS.flatMap((f) => [f.name, f.libxlName]))]);
const RATE_NAMES = alt(RATES.map((r) => r.name));

/** Patterns inside an xl string: escapes as libxlu accepts them. */
function xlEscapes(quote: string) {
  return [
    { name: 'constant.character.escape.xl-cfg', match: `\\\\(?:["'\\\\abfnrtv]|[0-7][0-9]{2})` },
    { name: 'invalid.illegal.escape.xl-cfg', match: '\\\\.' },
    { name: 'invalid.illegal.newline.xl-cfg', match: `[^${quote}]$` },
  ];
}

function vsndString(quote: "'" | '"', name: string) {
  return {
    name: `string.quoted.${name}.vsnd-item.xl-cfg`,
    begin: quote,
    end: quote,
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.xl-cfg' } },
    endCaptures: { 0: { name: 'punctuation.definition.string.end.xl-cfg' } },
    patterns: [
      { match: `\\G\\s*((?i:${alt(ITEM_TYPES)}))(?=\\s*(?:,|${quote}))`, captures: { 1: { name: 'keyword.other.item-type.vsnd.xl-cfg' } } },
      { match: `(?<=,|\\G)\\s*(${KEY_NAMES})(=)`, captures: { 1: { name: 'support.type.property-name.vsnd.xl-cfg' }, 2: { name: 'keyword.operator.assignment.xl-cfg' } } },
      { match: '(?<=,|\\G)\\s*([^,=\'"\\s]+)(=)', captures: { 1: { name: 'invalid.illegal.unknown-key.vsnd.xl-cfg' }, 2: { name: 'keyword.operator.assignment.xl-cfg' } } },
      { name: 'constant.numeric.xl-cfg', match: '(?<==|;)(?:0[xX][0-9a-fA-F]+|[0-9]+)(?=[;,\'"]|$)' },
      { name: 'constant.language.format.vsnd.xl-cfg', match: `(?i)(?<==|;)(?:${FORMAT_NAMES})(?=[;,'"])` },
      { name: 'constant.language.stream-type.vsnd.xl-cfg', match: `(?<=type=)[pcPC](?=[,'"])` },
      { name: 'punctuation.separator.list.vsnd.xl-cfg', match: ';' },
      { name: 'punctuation.separator.item.vsnd.xl-cfg', match: ',' },
      ...xlEscapes(quote),
    ],
  };
}

function plainString(quote: "'" | '"', name: string) {
  return {
    name: `string.quoted.${name}.xl-cfg`,
    begin: quote,
    end: quote,
    beginCaptures: { 0: { name: 'punctuation.definition.string.begin.xl-cfg' } },
    endCaptures: { 0: { name: 'punctuation.definition.string.end.xl-cfg' } },
    patterns: xlEscapes(quote),
  };
}

export function xlGrammar(): object {
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'Xen xl.cfg',
    scopeName: 'source.xl-cfg',
    comment: 'Generated from server/src/tables by `npm run grammars`; do not edit.',
    patterns: [{ include: '#comment' }, { include: '#vsnd' }, { include: '#setting' }, { include: '#value' }],
    repository: {
      comment: { name: 'comment.line.number-sign.xl-cfg', match: '#.*$' },
      vsnd: {
        begin: '^\\s*(vsnd)\\s*(\\+?=)\\s*(\\[)',
        beginCaptures: { 1: { name: 'variable.other.key.vsnd.xl-cfg' }, 2: { name: 'keyword.operator.assignment.xl-cfg' }, 3: { name: 'punctuation.section.list.begin.xl-cfg' } },
        end: '\\]',
        endCaptures: { 0: { name: 'punctuation.section.list.end.xl-cfg' } },
        patterns: [{ include: '#comment' }, { include: '#vsnd-list' }, { include: '#vsnd-string' }, { include: '#number' }, { name: 'punctuation.separator.xl-cfg', match: ',' }],
      },
      'vsnd-list': {
        begin: '\\[',
        end: '\\]',
        beginCaptures: { 0: { name: 'punctuation.section.list.begin.xl-cfg' } },
        endCaptures: { 0: { name: 'punctuation.section.list.end.xl-cfg' } },
        patterns: [{ include: '#comment' }, { include: '#vsnd-list' }, { include: '#vsnd-string' }, { include: '#number' }, { name: 'punctuation.separator.xl-cfg', match: ',' }],
      },
      'vsnd-string': { patterns: [vsndString("'", 'single'), vsndString('"', 'double')] },
      setting: {
        match: '^\\s*([a-z][._0-9a-z]*)\\s*(\\+?=)',
        captures: { 1: { name: 'variable.other.key.xl-cfg' }, 2: { name: 'keyword.operator.assignment.xl-cfg' } },
      },
      value: { patterns: [{ include: '#string' }, { include: '#number' }, { include: '#list' }, { name: 'punctuation.terminator.statement.xl-cfg', match: ';' }, { name: 'punctuation.separator.xl-cfg', match: ',' }] },
      list: {
        begin: '\\[',
        end: '\\]',
        beginCaptures: { 0: { name: 'punctuation.section.list.begin.xl-cfg' } },
        endCaptures: { 0: { name: 'punctuation.section.list.end.xl-cfg' } },
        patterns: [{ include: '#comment' }, { include: '#value' }],
      },
      string: { patterns: [plainString("'", 'single'), plainString('"', 'double')] },
      number: { name: 'constant.numeric.xl-cfg', match: '\\b(?:0[xX][0-9a-fA-F]+|[0-9][0-9a-fx]*)\\b' },
    },
  };
}

export function xenstoreGrammar(): object {
  const vsndKeys = alt([...KEYS.map((k) => k.name), ...RUNTIME_KEYS.card, ...RUNTIME_KEYS.stream]);
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'XenStore dump (xenstore-ls)',
    scopeName: 'source.xenstore',
    comment: 'Generated from server/src/tables by `npm run grammars`; do not edit.',
    patterns: [
      { name: 'comment.line.number-sign.xenstore', match: '^#.*$' },
      { name: 'invalid.illegal.tool-error.xenstore', match: '^xenstore-\\w+:.*$' },
      { include: '#node' },
      { name: 'comment.padding.xenstore', match: '(?:\\s\\.)+(?=\\s*\\(|\\s*$)' },
      { name: 'storage.modifier.permissions.xenstore', match: '\\((?:[nrwb]\\d+)(?:,[nrwb]\\d+)*\\)\\s*$' },
    ],
    repository: {
      node: {
        begin: '^(\\s*)((?:/[^\\s/]+)*/)?([^\\s/:]+)(?:(:)|\\s(=)\\s("))',
        beginCaptures: {
          2: { name: 'entity.name.namespace.path.xenstore' },
          3: { patterns: [
            { name: 'support.type.property-name.sndif.xenstore', match: `(?<=^|[\\s/])(?:${vsndKeys})$` },
            { name: 'constant.numeric.index.xenstore', match: '(?<=^|[\\s/])\\d+$' },
            { name: 'entity.name.tag.xenstore', match: '.+' },
          ] },
          4: { name: 'punctuation.separator.key-value.xenstore' },
          5: { name: 'keyword.operator.assignment.xenstore' },
          6: { name: 'punctuation.definition.string.begin.xenstore' },
        },
        end: '(")(?=(?:\\s\\.)*\\s*(?:\\s\\([^()]*\\))?\\s*$)|$',
        endCaptures: { 1: { name: 'punctuation.definition.string.end.xenstore' } },
        contentName: 'string.quoted.double.xenstore',
        patterns: [
          { name: 'markup.italic.truncated.xenstore', match: '\\\\\\.\\.\\.(?=")' },
          { name: 'constant.character.escape.xenstore', match: '\\\\(?:[tnr\\\\]|[0-7]{3}|x[0-9a-fA-F]{2})' },
          { name: 'constant.numeric.rate.xenstore', match: `(?<=^|[",])(?:${RATE_NAMES})(?=[,"])` },
          { name: 'constant.language.format.xenstore', match: `(?i)(?<=^|[",])(?:${alt(FORMATS.map((f) => f.name))})(?=[,"])` },
          { name: 'punctuation.separator.list.xenstore', match: ',' },
        ],
      },
    },
  };
}

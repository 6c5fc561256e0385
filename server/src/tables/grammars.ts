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

/**
 * Scopes inside a vsnd item, chosen so that item keyword, key, value, number and separator get
 * five different colours in VS Code's default themes (Dark/Light 2026, Dark/Light Modern;
 * test/unit/grammarColors.test.ts measures them). The item is `meta.item`, not `string`: a
 * string scope would paint every token without a colour of its own (separators, plain values) in
 * the string colour; package.json's `tokenTypes` keeps it a string for the editor's behaviour.
 */
export const ITEM_SCOPES = {
  item: 'meta.item.vsnd.xl-cfg',
  keyword: 'keyword.control.item-type.vsnd.xl-cfg',
  key: 'variable.parameter.key.vsnd.xl-cfg',
  value: 'string.unquoted.value.vsnd.xl-cfg',
  number: 'constant.numeric.xl-cfg',
  separator: 'punctuation.separator.item.vsnd.xl-cfg',
  listSeparator: 'punctuation.separator.list.vsnd.xl-cfg',
} as const;

function vsndItem(quote: "'" | '"', name: string) {
  return {
    name: ITEM_SCOPES.item,
    begin: quote,
    end: quote,
    beginCaptures: { 0: { name: `string.quoted.${name}.xl-cfg punctuation.definition.string.begin.xl-cfg` } },
    endCaptures: { 0: { name: `string.quoted.${name}.xl-cfg punctuation.definition.string.end.xl-cfg` } },
    patterns: [
      { match: `\\G\\s*((?i:${alt(ITEM_TYPES)}))(?=\\s*(?:,|${quote}))`, captures: { 1: { name: ITEM_SCOPES.keyword } } },
      { match: `(?<=,|\\G)\\s*(${KEY_NAMES})(=)`, captures: { 1: { name: ITEM_SCOPES.key }, 2: { name: 'keyword.operator.assignment.xl-cfg' } } },
      { match: '(?<=,|\\G)\\s*([^,=\'"\\s]+)(=)', captures: { 1: { name: 'invalid.illegal.unknown-key.vsnd.xl-cfg' }, 2: { name: 'keyword.operator.assignment.xl-cfg' } } },
      {
        // A value: from after `=` to the next `,` or the closing quote (never empty here, so
        // the region always advances).
        begin: `(?<==)(?=[^,${quote}])`,
        end: `(?=[,${quote}])`,
        patterns: [
          { name: ITEM_SCOPES.number, match: `(?<==|;)(?:0[xX][0-9a-fA-F]+|[0-9]+)(?=[;,${quote}]|$)` },
          { name: 'constant.language.format.vsnd.xl-cfg', match: `(?i)(?<==|;)(?:${FORMAT_NAMES})(?=[;,${quote}])` },
          { name: 'constant.language.stream-type.vsnd.xl-cfg', match: `(?<=type=)[pcPC](?=[,${quote}])` },
          { name: ITEM_SCOPES.listSeparator, match: ';' },
          ...xlEscapes(quote),
          // Not the line's last character: an unterminated item marks that one (xlEscapes).
          { name: ITEM_SCOPES.value, match: `(?:[^,;\\\\${quote}](?!$))+` },
        ],
      },
      { name: ITEM_SCOPES.separator, match: ',' },
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
      'vsnd-string': { patterns: [vsndItem("'", 'single'), vsndItem('"', 'double')] },
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

/**
 * Node names: the known-key colour is the xl.cfg key colour (variable.parameter); other names
 * take the path's colour (entity.name.namespace), a colour apart from keys and values in the
 * default themes (test/unit/grammarColors.test.ts).
 *
 * Names of vsnd keys that other XenStore directories use too (a domain's `name`, a vif's `type`). */
const SHARED_NAMES = new Set(['name', 'type', 'backend', 'backend-id', 'state', 'protocol']);

/**
 * Keys get the "known key" colour only below a vsnd directory: a `…/device/vsnd/…` or
 * `…/backend/vsnd/…` path in `-f` listings; in plain (indented) listings a `vsnd` node under a
 * `device` or `backend` node, a `vsnd` node at the left margin (a listing of one of those), the
 * siblings of a card's `backend`/`frontend` link into vsnd (a listing of cards), or a listing
 * whose first key exists only in vsnd (a card, PCM device or stream listed alone). Regions of
 * the plain form end at the first line that is not indented deeper (blank and comment lines
 * aside); `(?!\G)` keeps them from ending on their own first line.
 */
export function xenstoreGrammar(): object {
  const vsndKeys = [...KEYS.map((k) => k.name), ...RUNTIME_KEYS.card, ...RUNTIME_KEYS.stream];
  const vsndOnly = vsndKeys.filter((k) => !SHARED_NAMES.has(k));
  /** A node line; `path` is the `-f` prefix (optional unless `known` depends on it). */
  const node = (path: string, pathRequired: boolean, known: boolean) => ({
    begin: `^(\\s*)(${path})${pathRequired ? '' : '?'}([^\\s/:]+)(?:(:)|\\s(=)\\s("))`,
    beginCaptures: {
      2: { name: 'entity.name.namespace.path.xenstore' },
      3: { patterns: [
        ...(known ? [{ name: 'variable.parameter.key.vsnd.xenstore', match: `(?<=^|[\\s/])(?:${alt(vsndKeys)})$` }] : []),
        { name: 'constant.numeric.index.xenstore', match: '(?<=^|[\\s/])\\d+$' },
        { name: 'entity.name.namespace.node.xenstore', match: '.+' },
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
  });
  /** A plain-form region from the line `start` matches, over the lines indented deeper (or as deep). */
  const region = (start: string, deeper: boolean, patterns: object[]) => ({
    begin: `^(?=( *)${start})`,
    end: `^(?!\\G)(?!\\1${deeper ? ' ' : ''}|#|\\s*$)`,
    patterns,
  });
  const lineEnd = [
    { name: 'comment.padding.xenstore', match: '(?:\\s\\.)+(?=\\s*\\(|\\s*$)' },
    { name: 'storage.modifier.permissions.xenstore', match: '\\((?:[nrwb]\\d+)(?:,[nrwb]\\d+)*\\)\\s*$' },
  ];
  const comments = [
    { name: 'comment.line.number-sign.xenstore', match: '^#.*$' },
    { name: 'invalid.illegal.tool-error.xenstore', match: '^xenstore-\\w+:.*$' },
  ];
  const nodeValue = '(?::|\\s=\\s")';
  return {
    $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
    name: 'XenStore dump (xenstore-ls)',
    scopeName: 'source.xenstore',
    comment: 'Generated from server/src/tables by `npm run grammars`; do not edit.',
    patterns: [
      ...comments,
      { include: '#vsnd-listing' },
      { include: '#vsnd-parent' },
      { include: '#vsnd-top' },
      { include: '#vsnd-link' },
      { include: '#vsnd-path-node' },
      { include: '#node' },
      ...lineEnd,
    ],
    repository: {
      node: node('(?:/[^\\s/]+)*/', false, false),
      'known-node': node('(?:/[^\\s/]+)*/', false, true),
      'vsnd-path-node': node('(?:/[^\\s/]+)*/(?:device|backend)/vsnd/(?:[^\\s/]+/)*', true, true),
      known: { patterns: [...comments, { include: '#known-node' }, ...lineEnd] },
      'vsnd-parent': region(`(?:device|backend)${nodeValue}`, true, [
        ...comments, { include: '#vsnd-dir' }, { include: '#vsnd-link' }, { include: '#node' }, ...lineEnd,
      ]),
      // `vsnd` itself is no vsnd key, so its own line looks as elsewhere.
      'vsnd-dir': region(`vsnd${nodeValue}`, true, [{ include: '#known' }]),
      'vsnd-top': { ...region(`vsnd${nodeValue}`, true, [{ include: '#known' }]), begin: `^(?=()vsnd${nodeValue})` },
      'vsnd-link': region('(?:backend|frontend)\\s=\\s"/local/domain/[^/"]+/(?:backend|device)/vsnd/', false, [{ include: '#known' }]),
      'vsnd-listing': { begin: `\\A(?=(?:${alt(vsndOnly)})${nodeValue})`, end: '(?!)', patterns: [{ include: '#known' }] },
    },
  };
}

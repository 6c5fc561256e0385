/** The TextMate grammars: generated from the tables, and tokenizing as intended. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { ITEM_SCOPES, xenstoreGrammar, xlGrammar } from '../../server/src/tables/grammars';

const ROOT = join(__dirname, '..', '..', '..');
const file = (name: string) => join(ROOT, 'syntaxes', name);

test('checked-in grammars are the ones the tables generate (npm run grammars)', () => {
  assert.deepEqual(JSON.parse(readFileSync(file('xl-cfg.tmLanguage.json'), 'utf8')), xlGrammar());
  assert.deepEqual(JSON.parse(readFileSync(file('xenstore.tmLanguage.json'), 'utf8')), xenstoreGrammar());
});

async function registry(): Promise<vsctm.Registry> {
  const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => {
      const name = scope === 'source.xl-cfg' ? 'xl-cfg.tmLanguage.json' : 'xenstore.tmLanguage.json';
      return vsctm.parseRawGrammar(readFileSync(file(name), 'utf8'), file(name));
    },
  });
}

/** [text, innermost scope] for every token of every line. */
async function tokens(scope: string, text: string): Promise<[string, string][]> {
  const grammar = (await (await registry()).loadGrammar(scope))!;
  let state = vsctm.INITIAL;
  const out: [string, string][] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push([line.slice(t.startIndex, t.endIndex), t.scopes[t.scopes.length - 1]]);
    state = r.ruleStack;
  }
  return out;
}

function scopeOf(list: [string, string][], text: string, nth = 0): string {
  const hit = list.filter(([t]) => t === text)[nth];
  assert.ok(hit, `no token "${text}" in ${JSON.stringify(list)}`);
  return hit[1];
}

test('xl.cfg: comments, settings, strings with escapes, numbers, vsnd items and keys', async () => {
  const t = await tokens('source.xl-cfg', [
    '# guest',
    'name = "a\\tb" ; memory = 0x400',
    "vsnd = [ [ 'CARD, sample-rates=44100;48000, volume=3',",
    "  'STREAM, type=p, sample-formats=s16_le' ] ]",
  ].join('\n'));
  assert.equal(scopeOf(t, '# guest'), 'comment.line.number-sign.xl-cfg');
  assert.equal(scopeOf(t, 'name'), 'variable.other.key.xl-cfg');
  assert.equal(scopeOf(t, '\\t'), 'constant.character.escape.xl-cfg');
  assert.equal(scopeOf(t, '0x400'), 'constant.numeric.xl-cfg');
  assert.equal(scopeOf(t, 'vsnd'), 'variable.other.key.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'CARD'), 'keyword.control.item-type.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'sample-rates'), 'variable.parameter.key.vsnd.xl-cfg');
  assert.equal(scopeOf(t, '44100'), 'constant.numeric.xl-cfg');
  assert.equal(scopeOf(t, ';'), 'punctuation.terminator.statement.xl-cfg');
  assert.equal(scopeOf(t, ';', 1), 'punctuation.separator.list.vsnd.xl-cfg');
  assert.equal(scopeOf(t, ',', 1), 'punctuation.separator.item.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'volume'), 'invalid.illegal.unknown-key.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'STREAM'), 'keyword.control.item-type.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'p'), 'constant.language.stream-type.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 's16_le'), 'constant.language.format.vsnd.xl-cfg');
});

test('xl.cfg: inside an item, values are unquoted strings, escapes and an unterminated line stay marked', async () => {
  const t = await tokens('source.xl-cfg', [
    "vsnd = [ [ 'CARD, short-name=Main Speaker, long-name=a\\tb',",
    "  'PCM, name=Front",
  ].join('\n'));
  assert.equal(scopeOf(t, "'"), 'punctuation.definition.string.begin.xl-cfg');
  assert.equal(scopeOf(t, 'Main Speaker'), 'string.unquoted.value.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'a'), 'string.unquoted.value.vsnd.xl-cfg');
  assert.equal(scopeOf(t, '\\t'), 'constant.character.escape.xl-cfg');
  assert.equal(scopeOf(t, 'b'), 'string.unquoted.value.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'Fron'), 'string.unquoted.value.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 't'), 'invalid.illegal.newline.xl-cfg');
});

test('package.json keeps a vsnd item a string for the editor (auto-closing quotes, suggestions)', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const contribution = manifest.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === 'source.xl-cfg');
  assert.deepEqual(contribution.tokenTypes, { [ITEM_SCOPES.item]: 'string' });
});

test('xenstore-ls: paths, keys, values with escapes, truncation, padding and permissions', async () => {
  const t = await tokens('source.xenstore', [
    '/local/domain/1/device/vsnd/0/sample-rates = "44100,48000"   (n1,r0)',
    ' short-name = "a\\x41b\\..." . . . .  (n0)',
    '  0 = ""',
    'xenstore-ls: xs_directory (/x): No such file or directory',
  ].join('\n'));
  assert.equal(scopeOf(t, '/local/domain/1/device/vsnd/0/'), 'entity.name.namespace.path.xenstore');
  assert.equal(scopeOf(t, 'sample-rates'), 'variable.parameter.key.vsnd.xenstore');
  assert.equal(scopeOf(t, '44100'), 'constant.numeric.rate.xenstore');
  assert.equal(scopeOf(t, '(n1,r0)'), 'storage.modifier.permissions.xenstore');
  assert.equal(scopeOf(t, '\\x41'), 'constant.character.escape.xenstore');
  assert.equal(scopeOf(t, '\\...'), 'markup.italic.truncated.xenstore');
  assert.equal(scopeOf(t, '0'), 'constant.numeric.index.xenstore');
  assert.equal(scopeOf(t, 'short-name'), 'entity.name.namespace.node.xenstore', 'a plain line after -f lines is not known to be under vsnd');
  assert.equal(scopeOf(t, 'xenstore-ls: xs_directory (/x): No such file or directory'), 'invalid.illegal.tool-error.xenstore');
});

/** For every node line, its name and the innermost scope of the name's token. */
async function nameScopes(text: string): Promise<string[]> {
  const grammar = (await (await registry()).loadGrammar('source.xenstore'))!;
  let state = vsctm.INITIAL;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    const m = /^\s*(?:\/\S*\/)?([^\s/:]+)(?::|\s=)/.exec(line);
    if (!m) continue;
    const start = m[0].length - (m[0].endsWith(':') ? 1 : 2) - m[1].length;
    const token = r.tokens.find((t) => t.startIndex === start);
    out.push(`${m[1]} ${token?.scopes.at(-1)}`);
  }
  return out;
}

const KEY = 'variable.parameter.key.vsnd.xenstore';
const TAG = 'entity.name.namespace.node.xenstore';
const INDEX = 'constant.numeric.index.xenstore';

test('xenstore-ls: the known-key colour only below device/vsnd and backend/vsnd (plain listing of a host)', async () => {
  assert.deepEqual(await nameScopes([
    'local = ""',
    ' domain = ""',
    '  0 = ""',
    '   name = "Domain-0"',
    '   backend = ""',
    '    vif = ""',
    '     1 = ""',
    '      0 = ""',
    '       state = "4"',
    '    vsnd = ""',
    '     1 = ""',
    '      0 = ""',
    '       frontend = "/local/domain/1/device/vsnd/0"',
    '       state = "4"',
    '  1 = ""',
    '   name = "guest"',
    '   device = ""',
    '    vsnd = ""',
    '     0 = ""',
    '      backend = "/local/domain/0/backend/vsnd/1/0"',
    '',
    '      short-name = "Main" . . . . . .  (n1,r0)',
    '      0 = ""',
    '       name = "pcm"',
    '   state = "x"',
  ].join('\n')), [
    `local ${TAG}`, `domain ${TAG}`, `0 ${INDEX}`, `name ${TAG}`, `backend ${TAG}`, `vif ${TAG}`, `1 ${INDEX}`, `0 ${INDEX}`, `state ${TAG}`,
    `vsnd ${TAG}`, `1 ${INDEX}`, `0 ${INDEX}`, `frontend ${TAG}`, `state ${KEY}`,
    `1 ${INDEX}`, `name ${TAG}`, `device ${TAG}`, `vsnd ${TAG}`, `0 ${INDEX}`, `backend ${KEY}`, `short-name ${KEY}`, `0 ${INDEX}`, `name ${KEY}`,
    `state ${TAG}`,
  ]);
});

test('xenstore-ls: the known-key colour in -f listings by path, and in listings of a vsnd subtree', async () => {
  assert.deepEqual(await nameScopes([
    '/local/domain/1/name = "guest"',
    '/local/domain/1/device/vsnd/0/state = "4"',
    '/local/domain/0/backend/vsnd/1/0/state = "4"',
    '/local/domain/1/device/vif/0/state = "4"',
  ].join('\n')), [`name ${TAG}`, `state ${KEY}`, `state ${KEY}`, `state ${TAG}`]);
  // xenstore-ls /local/domain/1/device: a vsnd directory at the left margin.
  assert.deepEqual(await nameScopes('vif = ""\n 0 = ""\n  state = "4"\nvsnd = ""\n 0 = ""\n  state = "4"'),
    [`vif ${TAG}`, `0 ${INDEX}`, `state ${TAG}`, `vsnd ${TAG}`, `0 ${INDEX}`, `state ${KEY}`]);
  // xenstore-ls /local/domain/1/device/vsnd: cards found by their backend link.
  assert.deepEqual(await nameScopes('0 = ""\n backend = "/local/domain/0/backend/vsnd/1/0"\n state = "4"\n 0 = ""\n  name = "p"'),
    [`0 ${INDEX}`, `backend ${KEY}`, `state ${KEY}`, `0 ${INDEX}`, `name ${KEY}`]);
  // xenstore-ls /local/domain: nothing there is a vsnd key.
  assert.deepEqual(await nameScopes('0 = ""\n name = "Domain-0"\n 0 = ""\n  state = "4"'), [`0 ${INDEX}`, `name ${TAG}`, `0 ${INDEX}`, `state ${TAG}`]);
  // One stream listed alone: its first key exists only in vsnd.
  assert.deepEqual(await nameScopes('unique-id = "a"\ntype = "p"'), [`unique-id ${KEY}`, `type ${KEY}`]);
  const card = readFileSync(join(ROOT, 'examples', 'xenstore-card-subtree.txt'), 'utf8');
  assert.ok((await nameScopes(card)).filter((n) => !/^\d+ /.test(n)).every((n) => n.endsWith(KEY)));
});

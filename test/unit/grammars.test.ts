/** The TextMate grammars: generated from the tables, and tokenizing as intended. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { xenstoreGrammar, xlGrammar } from '../../server/src/tables/grammars';

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
  assert.equal(scopeOf(t, 'CARD'), 'keyword.other.item-type.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'sample-rates'), 'support.type.property-name.vsnd.xl-cfg');
  assert.equal(scopeOf(t, '44100'), 'constant.numeric.xl-cfg');
  assert.equal(scopeOf(t, ';'), 'punctuation.terminator.statement.xl-cfg');
  assert.equal(scopeOf(t, ';', 1), 'punctuation.separator.list.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'volume'), 'invalid.illegal.unknown-key.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'STREAM'), 'keyword.other.item-type.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 'p'), 'constant.language.stream-type.vsnd.xl-cfg');
  assert.equal(scopeOf(t, 's16_le'), 'constant.language.format.vsnd.xl-cfg');
});

test('xenstore-ls: paths, keys, values with escapes, truncation, padding and permissions', async () => {
  const t = await tokens('source.xenstore', [
    '/local/domain/1/device/vsnd/0/sample-rates = "44100,48000"   (n1,r0)',
    ' short-name = "a\\x41b\\..." . . . .  (n0)',
    '  0 = ""',
    'xenstore-ls: xs_directory (/x): No such file or directory',
  ].join('\n'));
  assert.equal(scopeOf(t, '/local/domain/1/device/vsnd/0/'), 'entity.name.namespace.path.xenstore');
  assert.equal(scopeOf(t, 'sample-rates'), 'support.type.property-name.sndif.xenstore');
  assert.equal(scopeOf(t, '44100'), 'constant.numeric.rate.xenstore');
  assert.equal(scopeOf(t, '(n1,r0)'), 'storage.modifier.permissions.xenstore');
  assert.equal(scopeOf(t, '\\x41'), 'constant.character.escape.xenstore');
  assert.equal(scopeOf(t, '\\...'), 'markup.italic.truncated.xenstore');
  assert.equal(scopeOf(t, '0'), 'constant.numeric.index.xenstore');
  assert.equal(scopeOf(t, 'xenstore-ls: xs_directory (/x): No such file or directory'), 'invalid.illegal.tool-error.xenstore');
});

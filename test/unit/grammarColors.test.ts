/**
 * What the grammars look like in VS Code's default themes: samples are tokenized with
 * vscode-textmate under each theme (VS Code's own matcher, fed the theme's token colours after
 * resolving its `include` chain, as VS Code does), and the foreground colours of the token
 * classes a reader must tell apart have to differ visibly: CIEDE2000 ΔE ≥ 15 for every pair
 * (ΔE ≈ 2 is barely noticeable side by side; the two clashes reported in issue 14 measured 4.4,
 * Dark 2026 key/value, and 8.5, Light 2026 keyword/key). The themes are read from
 * test/fixtures/themes (VS Code 1.139.1, see its README).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const ROOT = join(__dirname, '..', '..', '..');
const THEMES = join(ROOT, 'test', 'fixtures', 'themes');
const MIN_DIFFERENCE = 15;

interface ThemeFile { name?: string; include?: string; colors?: Record<string, string>; tokenColors?: vsctm.IRawTheme['settings'] }

/** Token colours and editor colours of a theme file, its includes first (later rules win). */
function loadTheme(file: string): { settings: vsctm.IRawTheme['settings']; colors: Record<string, string> } {
  const theme = JSON.parse(readFileSync(join(THEMES, file), 'utf8')) as ThemeFile;
  const base = theme.include ? loadTheme(theme.include.replace(/^\.\//, '')) : { settings: [], colors: {} };
  return { settings: [...base.settings, ...(theme.tokenColors ?? [])], colors: { ...base.colors, ...theme.colors } };
}

const DEFAULT_THEMES: Record<string, string> = {
  'Dark 2026': '2026-dark.json',
  'Light 2026': '2026-light.json',
  'Dark Modern': 'dark_modern.json',
  'Light Modern': 'light_modern.json',
};

let wasmLoaded: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  const wasm = readFileSync(join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
  wasmLoaded ??= oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  return wasmLoaded;
}

/** The foreground colour of every token of `text`, as VS Code paints it in theme `label`. */
async function colours(label: string, scope: string, text: string): Promise<{ text: string; colour: string; scope: string }[]> {
  await loadWasm();
  const { settings, colors } = loadTheme(DEFAULT_THEMES[label]);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (name) => {
      const file = join(ROOT, 'syntaxes', name === 'source.xl-cfg' ? 'xl-cfg.tmLanguage.json' : 'xenstore.tmLanguage.json');
      return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
    },
    // VS Code puts the editor's colours first, as the theme's default rule.
    theme: { name: label, settings: [{ settings: { foreground: colors['editor.foreground'], background: colors['editor.background'] } }, ...settings] },
  });
  const grammar = (await registry.loadGrammar(scope))!;
  const colorMap = registry.getColorMap();
  const out: { text: string; colour: string; scope: string }[] = [];
  let state = vsctm.INITIAL;
  for (const line of text.split('\n')) {
    const binary = grammar.tokenizeLine2(line, state);
    const scoped = grammar.tokenizeLine(line, state);
    for (const token of scoped.tokens) {
      // Binary tokens: [start, metadata] pairs, merged where the metadata is equal.
      let i = 0;
      while (i + 2 < binary.tokens.length && binary.tokens[i + 2] <= token.startIndex) i += 2;
      const foreground = (binary.tokens[i + 1] & 0x00ff8000) >>> 15; // vscode-textmate's EncodedTokenAttributes
      out.push({ text: line.slice(token.startIndex, token.endIndex), colour: colorMap[foreground].toUpperCase(), scope: token.scopes.at(-1)! });
    }
    state = binary.ruleStack;
  }
  return out;
}

/** CIEDE2000 colour difference of two #RRGGBB colours (Sharma, Wu and Dalal 2005). */
function deltaE2000(a: string, b: string): number {
  return deltaE2000Lab(lab(a), lab(b));
}

function deltaE2000Lab([L1, a1, b1]: number[], [L2, a2, b2]: number[]): number {
  const rad = Math.PI / 180;
  const C1 = Math.hypot(a1, b1);
  const C2 = Math.hypot(a2, b2);
  const Cm = (C1 + C2) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cm ** 7 / (Cm ** 7 + 25 ** 7)));
  const a1p = (1 + G) * a1;
  const a2p = (1 + G) * a2;
  const C1p = Math.hypot(a1p, b1);
  const C2p = Math.hypot(a2p, b2);
  const hue = (x: number, y: number) => (x === 0 && y === 0 ? 0 : (Math.atan2(y, x) / rad + 360) % 360);
  const h1p = hue(a1p, b1);
  const h2p = hue(a2p, b2);
  let dhp = 0;
  if (C1p * C2p !== 0) dhp = h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p < -180 ? h2p - h1p + 360 : h2p - h1p;
  const dLp = L2 - L1;
  const dCp = C2p - C1p;
  const dHp = 2 * Math.sqrt(C1p * C2p) * Math.sin((dhp / 2) * rad);
  const Lm = (L1 + L2) / 2;
  const Cmp = (C1p + C2p) / 2;
  let hm = h1p + h2p;
  if (C1p * C2p !== 0) hm = Math.abs(h1p - h2p) > 180 ? (hm + (hm < 360 ? 360 : -360)) / 2 : hm / 2;
  const T = 1 - 0.17 * Math.cos((hm - 30) * rad) + 0.24 * Math.cos(2 * hm * rad) + 0.32 * Math.cos((3 * hm + 6) * rad) - 0.2 * Math.cos((4 * hm - 63) * rad);
  const SL = 1 + (0.015 * (Lm - 50) ** 2) / Math.sqrt(20 + (Lm - 50) ** 2);
  const SC = 1 + 0.045 * Cmp;
  const SH = 1 + 0.015 * Cmp * T;
  const RT = -Math.sin(2 * 30 * Math.exp(-(((hm - 275) / 25) ** 2)) * rad) * 2 * Math.sqrt(Cmp ** 7 / (Cmp ** 7 + 25 ** 7));
  return Math.sqrt((dLp / SL) ** 2 + (dCp / SC) ** 2 + (dHp / SH) ** 2 + RT * (dCp / SC) * (dHp / SH));
}

/** sRGB (D65) to CIELAB. */
function lab(hex: string): [number, number, number] {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}

test('CIEDE2000 matches the published test data', () => {
  // Pairs 1, 17 and 25 of Sharma, Wu and Dalal's table (Lab in, ΔE00 to four decimals).
  assert.equal(deltaE2000Lab([50, 2.6772, -79.7751], [50, 0, -82.7485]).toFixed(4), '2.0425');
  assert.equal(deltaE2000Lab([50, 2.5, 0], [73, 25, -18]).toFixed(4), '27.1492');
  assert.equal(deltaE2000Lab([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387]).toFixed(4), '1.2644');
  assert.equal(Math.round(deltaE2000('#000000', '#FFFFFF')), 100);
});

/** The colour of the `nth` token whose text is `text`, and the pairwise differences of classes. */
function classColours(tokens: { text: string; colour: string; scope: string }[], classes: Record<string, [string, number?]>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, [text, nth = 0]] of Object.entries(classes)) {
    const hit = tokens.filter((t) => t.text === text)[nth];
    assert.ok(hit, `no token "${text}" (${name})`);
    result[name] = hit.colour;
  }
  return result;
}

function assertDistinct(theme: string, colourOf: Record<string, string>): string {
  const names = Object.keys(colourOf);
  const report: string[] = [];
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const d = deltaE2000(colourOf[names[i]], colourOf[names[j]]);
      report.push(`${names[i]}/${names[j]} ${d.toFixed(1)}`);
      assert.ok(d >= MIN_DIFFERENCE, `${theme}: ${names[i]} ${colourOf[names[i]]} and ${names[j]} ${colourOf[names[j]]} differ by ΔE ${d.toFixed(1)} < ${MIN_DIFFERENCE}`);
    }
  }
  return report.join(', ');
}

const XL_SAMPLE = "vsnd = [ [ 'CARD, short-name=Main, sample-rates=44100;48000', 'STREAM, unique-id=a, type=p' ] ]";

for (const theme of Object.keys(DEFAULT_THEMES)) {
  test(`${theme}: item keyword, key, value, number and separator in a vsnd item look different`, async () => {
    const tokens = await colours(theme, 'source.xl-cfg', XL_SAMPLE);
    const colourOf = classColours(tokens, { keyword: ['CARD'], key: ['short-name'], value: ['Main'], number: ['44100'], separator: [','] });
    // The list separator and the item separator are one class: same colour.
    assert.equal(classColours(tokens, { list: [';'] }).list, colourOf.separator);
    assert.equal(classColours(tokens, { keyword: ['STREAM'], key: ['unique-id'], value: ['a'] }).key, colourOf.key);
    console.log(`${theme} xl.cfg ${JSON.stringify(colourOf)}: ${assertDistinct(theme, colourOf)}`);
  });

  test(`${theme}: in a dump, a vsnd key, another node name and a value look different`, async () => {
    const tokens = await colours(theme, 'source.xenstore', [
      '/local/domain/1/name = "guest"',
      '/local/domain/1/device/vsnd/0/short-name = "Main"',
    ].join('\n'));
    const colourOf = classColours(tokens, { 'vsnd key': ['short-name'], 'other name': ['name'], value: ['Main'] });
    console.log(`${theme} dump ${JSON.stringify(colourOf)}: ${assertDistinct(theme, colourOf)}`);
  });
}

/**
 * The import graph of server/src runs one way (ARCHITECTURE.md, "Layers"): a file may import
 * its own floor or a lower one, never a higher one, files never import each other in a circle,
 * and only lsp/ talks to vscode-languageserver.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..', '..');
const SRC = join(ROOT, 'server', 'src');

/** Floors from the ground up; the first folder below server/src decides a file's floor. */
export const FLOORS: readonly (readonly string[])[] = [
  ['text', 'tables'],
  ['tree'],
  ['syntax'],
  ['model'],
  ['resolver'],
  ['rules'],
  ['service'],
  ['lsp'],
  ['env'], // the connection per platform (Node, Web Worker) around lsp/'s shared server
  ['cli'],
];

const floorOf = (file: string): number => {
  const top = file.split('/')[0];
  const floor = FLOORS.findIndex((folders) => folders.includes(top));
  assert.ok(floor >= 0, `${file}: server/src/${top} is on no floor; add it to FLOORS and to ARCHITECTURE.md`);
  return floor;
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Import { readonly from: string; readonly to: string }

/** Every import of every file (type-only ones too), as paths relative to server/src. */
function graph(): { files: string[]; local: Import[]; packages: Import[] } {
  const files = sourceFiles(SRC).map((f) => relative(SRC, f).split('\\').join('/')).sort();
  const known = new Set(files);
  const local: Import[] = [];
  const packages: Import[] = [];
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true);
    for (const { fileName } of info.importedFiles) {
      if (!fileName.startsWith('.')) {
        packages.push({ from: file, to: fileName });
        continue;
      }
      const target = relative(SRC, resolve(SRC, dirname(file), fileName)).split('\\').join('/');
      const to = [`${target}.ts`, `${target}/index.ts`].find((t) => known.has(t));
      assert.ok(to, `${file} imports ${fileName}, which is not a file of server/src`);
      local.push({ from: file, to });
    }
  }
  return { files, local, packages };
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(files: string[], edges: Import[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) next.get(e.from)!.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v)!) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || next.get(v)!.includes(v)) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) visit(f);
  return found;
}

const { files, local, packages } = graph();

test('the import graph was read (server/src has files and imports)', () => {
  assert.ok(files.length > 30, `only ${files.length} files found under ${SRC}`);
  assert.ok(local.length > 100, `only ${local.length} imports found`);
  assert.ok(files.includes('service/analyze.ts') && files.includes('lsp/server.ts'));
});

test('no import runs from a lower floor to a higher one', () => {
  const upward = local
    .filter((e) => floorOf(e.to) > floorOf(e.from))
    .map((e) => `${e.from} -> ${e.to}`);
  assert.deepEqual(upward, []);
});

test('no files import each other in a circle', () => {
  assert.deepEqual(cycles(files, local), []);
});

test('nothing below lsp/ imports vscode-languageserver', () => {
  const lsp = FLOORS.findIndex((folders) => folders.includes('lsp'));
  const leaks = packages
    .filter((e) => floorOf(e.from) < lsp && /^vscode-languageserver(\/|$)/.test(e.to))
    .map((e) => `${e.from} -> ${e.to}`);
  assert.deepEqual(leaks, []);
});

test('the client never imports the server (they only share the protocol)', () => {
  const client = join(ROOT, 'client', 'src');
  const leaks = sourceFiles(client).flatMap((file) =>
    ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles
      .filter(({ fileName }) => fileName.startsWith('.') && !resolve(dirname(file), fileName).startsWith(client))
      .map(({ fileName }) => `${relative(ROOT, file)} -> ${fileName}`));
  assert.deepEqual(leaks, []);
});

test('the checker catches what it forbids (an upward import and a circle)', () => {
  assert.ok(floorOf('syntax/xl/parser.ts') < floorOf('rules/validate.ts'));
  assert.ok(floorOf('tables/sndif.ts') === floorOf('text/lineIndex.ts'));
  assert.deepEqual(cycles(['a.ts', 'b.ts', 'c.ts'], [{ from: 'a.ts', to: 'b.ts' }, { from: 'b.ts', to: 'a.ts' }, { from: 'b.ts', to: 'c.ts' }]), [['a.ts', 'b.ts']]);
  assert.deepEqual(cycles(['a.ts', 'b.ts'], [{ from: 'a.ts', to: 'b.ts' }]), []);
});

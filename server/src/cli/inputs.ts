/**
 * What `sndif lint` reads: files named on the command line, standard input (`-`), and
 * directories walked for the files the editor extension associates with its two languages,
 * skipping what .gitignore files and `--exclude` patterns (gitignore syntax) leave out.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { Ignore } from 'ignore';
import { languageFromName } from '../service/language';

export class InputError extends Error {}

/** One document to lint: the name shown in messages, and its text when read. */
export interface Input {
  readonly name: string;
  readonly path?: string;
  readonly stdin?: boolean;
}

/** Directories never worth walking into. */
const SKIPPED_DIRECTORIES = new Set(['.git', '.hg', '.svn', 'node_modules']);

/**
 * The extension's associations: `*.xl`, `*.xl.cfg`, `xl.cfg`, `*.xenstore`, `xenstore*.txt`,
 * and `*.cfg` inside a directory named `xen` (as /etc/xen and /etc/xen/auto).
 */
export function isAssociated(path: string): boolean {
  if (languageFromName(path)) return true;
  if (!path.toLowerCase().endsWith('.cfg')) return false;
  const parents = resolve(dirname(path)).split(sep);
  return parents.includes('xen');
}

/** A document's text, refusing what is not a text file with a one-line reason. */
export function decodeDocument(name: string, buffer: Buffer): string {
  if (buffer.length === 0) throw new InputError(`${name}: the file is empty`);
  const nul = buffer.indexOf(0);
  if (nul >= 0) throw new InputError(`${name}: looks binary (a NUL byte at offset ${nul}), not an xl.cfg or a xenstore-ls dump`);
  return buffer.toString('utf8');
}

/** Read a document; `shown` is the name for messages (default the path). */
export function readDocument(file: string, shown = file): string {
  let buffer: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new InputError(`${shown}: is a directory, not a file`);
    buffer = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? `${shown}: no such file` : code === 'EACCES' ? `${shown}: permission denied` : `${shown}: cannot read (${code})`);
  }
  return decodeDocument(shown, buffer);
}

/** The .gitignore files that apply inside `directory`: its own and those up to the repository root. */
function ancestorIgnores(directory: string): IgnoreScope[] {
  const scopes: IgnoreScope[] = [];
  let dir = resolve(directory);
  while (!existsSync(join(dir, '.git'))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
    const scope = gitignoreAt(dir);
    if (scope) scopes.unshift(scope);
  }
  return scopes;
}

interface IgnoreScope { readonly base: string; readonly rules: Ignore }

function gitignoreAt(dir: string): IgnoreScope | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
  return { base: dir, rules: ignore().add(text) };
}

function ignoredBy(scopes: readonly IgnoreScope[], path: string, isDirectory: boolean): boolean {
  for (const scope of scopes) {
    const rel = relative(scope.base, path).split(sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    if (scope.rules.ignores(isDirectory ? `${rel}/` : rel)) return true;
  }
  return false;
}

export interface CollectOptions {
  /** gitignore-style patterns, relative to the working directory. */
  readonly exclude: readonly string[];
  readonly cwd?: string;
}

/**
 * The inputs in a stable order: arguments as given, each directory's files sorted by name
 * (depth first), each file once. Warnings go to `warn`; a missing path is an InputError.
 */
export function collectInputs(args: readonly string[], options: CollectOptions, warn: (message: string) => void): Input[] {
  const cwd = options.cwd ?? process.cwd();
  const excluded = ignore().add([...options.exclude]);
  const isExcluded = (path: string, isDirectory: boolean) => {
    const rel = relative(cwd, resolve(cwd, path)).split(sep).join('/');
    return rel !== '' && !rel.startsWith('..') && excluded.ignores(isDirectory ? `${rel}/` : rel);
  };
  const seen = new Set<string>();
  const inputs: Input[] = [];
  const add = (name: string) => {
    const key = resolve(cwd, name);
    if (seen.has(key)) return;
    seen.add(key);
    inputs.push({ name, path: resolve(cwd, name) });
  };

  const walk = (dir: string, scopes: IgnoreScope[]): number => {
    let count = 0;
    let entries;
    try {
      entries = readdirSync(resolve(cwd, dir), { withFileTypes: true });
    } catch (e) {
      warn(`${dir}: cannot read the directory (${(e as NodeJS.ErrnoException).code})`);
      return 0;
    }
    const own = gitignoreAt(resolve(cwd, dir));
    const here = own ? [...scopes, own] : scopes;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const absolute = resolve(cwd, path);
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Followed for files only: a linked directory could lead into a loop.
        try {
          isFile = statSync(absolute).isFile();
        } catch {
          continue;
        }
        isDirectory = false;
      }
      if (isDirectory && SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (ignoredBy(here, absolute, isDirectory) || isExcluded(path, isDirectory)) continue;
      if (isDirectory) count += walk(path, here);
      else if (isFile && isAssociated(absolute)) {
        add(path);
        count++;
      }
    }
    return count;
  };

  for (const arg of args) {
    if (arg === '-') {
      if (!seen.has('-')) inputs.push({ name: '-', stdin: true });
      seen.add('-');
      continue;
    }
    let isDirectory = false;
    try {
      isDirectory = statSync(resolve(cwd, arg)).isDirectory();
    } catch {
      // A missing file is reported when it is read, in order with the others.
    }
    if (isExcluded(arg, isDirectory)) continue;
    if (!isDirectory) {
      add(arg);
      continue;
    }
    const found = walk(arg, ancestorIgnores(resolve(cwd, arg)));
    if (found === 0) throw new InputError(`${arg}: no xl.cfg or xenstore-ls dump files in this directory (*.xl, *.xl.cfg, xl.cfg, *.cfg under xen/, *.xenstore, xenstore*.txt)`);
  }
  return inputs;
}

/**
 * VS Code's command line, as @vscode/test-electron's runTests passes it to `vscodeExecutablePath`
 * (node_modules/@vscode/test-electron/out/runTest.js: launchArgs first, then --no-sandbox,
 * --disable-gpu-sandbox, --disable-updates, --skip-welcome, --skip-release-notes,
 * --disable-workspace-trust, --extensionTestsPath=…, --extensionDevelopmentPath=… (one per
 * path), then --extensions-dir=… and --user-data-dir=… unless launchArgs had them), turned into
 * what the offline VS Code (server + web workbench) needs. Pure: no file system access except
 * through the `kindOf` callback, so it is tested without launching anything.
 */
import * as path from 'node:path';

export interface LaunchPlan {
  readonly extensionDevelopmentPaths: string[];
  readonly extensionTestsPath?: string;
  /** The folder or .code-workspace file to open (VS Code opens the first one given). */
  readonly folder?: string;
  readonly workspaceFile?: string;
  /** A file to open in the editor; with `--goto`, `path:line:column`. */
  readonly file?: string;
  readonly gotoLine: boolean;
  readonly userDataDir?: string;
  readonly extensionsDir?: string;
  readonly disableExtensions: boolean;
  readonly disabledExtensions: string[];
  readonly enableProposedApi: boolean;
  readonly skipWelcome: boolean;
  readonly skipReleaseNotes: boolean;
  readonly disableWorkspaceTrust: boolean;
  readonly logLevel?: string;
  readonly verbose: boolean;
  readonly locale?: string;
  /** Port for --inspect-extensions / --inspect-brk-extensions, passed on to the workbench. */
  readonly inspectExtensions?: { port: string; brk: boolean };
  /** Things VS Code would accept that this launcher ignores or cannot do, one line each. */
  readonly warnings: string[];
}

/** Options that take a value (`--name value` or `--name=value`), by VS Code's own names. */
const STRING_OPTIONS = new Set([
  'extensionDevelopmentPath', 'extensionTestsPath', 'extensionDevelopmentKind', 'user-data-dir', 'extensions-dir',
  'disable-extension', 'log', 'locale', 'inspect-extensions', 'inspect-brk-extensions', 'enable-proposed-api',
  'crash-reporter-directory', 'profile', 'sync', 'remote', 'folder-uri', 'file-uri', 'category', 'install-extension', 'uninstall-extension',
]);
/** Flags this launcher honours or that do not apply to a browser-hosted workbench. */
const FLAGS = new Set([
  'disable-extensions', 'skip-welcome', 'skip-release-notes', 'disable-workspace-trust', 'verbose', 'wait', 'goto',
  // Electron / desktop-only switches: meaningless for a workbench in a browser, accepted quietly.
  'no-sandbox', 'disable-gpu-sandbox', 'disable-gpu', 'disable-updates', 'disable-telemetry', 'disable-crash-reporter',
  'disable-chromium-sandbox', 'new-window', 'reuse-window', 'no-cached-data', 'disable-keytar', 'use-inmemory-secretstorage',
  'disable-lcd-text', 'sandbox', 'disable-dev-shm-usage', 'enable-proposed-api',
]);
/** Known options whose effect this launcher does not reproduce. */
const IGNORED_WITH_WARNING = new Set(['extensionDevelopmentKind', 'crash-reporter-directory', 'profile', 'sync', 'remote', 'folder-uri', 'file-uri', 'category', 'install-extension', 'uninstall-extension']);

export type PathKind = 'directory' | 'file' | 'missing';

/**
 * Reads argv the way VS Code's minimist-based parser does: `--name=value`, `--name value` for
 * string options, repeated options collect, and everything else is a path to open.
 */
export function parseCommandLine(argv: readonly string[], cwd: string, kindOf: (p: string) => PathKind): LaunchPlan {
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  const warnings: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') { positional.push(...argv.slice(i + 1)); break; }
    if (!arg.startsWith('-') || arg === '-') { positional.push(arg); continue; }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = shortName(eq < 0 ? body : body.slice(0, eq));
    const inline = eq < 0 ? undefined : body.slice(eq + 1);
    if (STRING_OPTIONS.has(name)) {
      // `--enable-proposed-api` alone enables it for the extensions under development; an
      // extension id must then be given as `--enable-proposed-api=id` (no value is taken from
      // the next argument, which may be a path to open).
      let value = inline;
      if (value === undefined && FLAGS.has(name)) flags.add(name);
      else if (value === undefined) {
        value = argv[i + 1];
        if (value === undefined || value.startsWith('--')) { warnings.push(`option '${name}' needs a value; ignored`); continue; }
        i++;
      }
      if (value !== undefined) values.set(name, [...(values.get(name) ?? []), value]);
    } else if (FLAGS.has(name)) {
      if (inline === undefined || inline !== 'false') flags.add(name);
    } else {
      // VS Code itself warns and passes such options on to Chromium; here they go nowhere.
      warnings.push(`'${name}' is not in the list of known options; ignored`);
    }
  }
  for (const name of IGNORED_WITH_WARNING) if (values.has(name)) warnings.push(`'${name}' is not supported by the offline VS Code; ignored`);

  const absolute = (p: string) => path.resolve(cwd, p);
  const all = (name: string) => values.get(name) ?? [];
  const last = (name: string) => all(name).at(-1);
  const gotoLine = flags.has('goto');
  let folder: string | undefined;
  let workspaceFile: string | undefined;
  let file: string | undefined;
  for (const raw of positional) {
    const target = gotoLine ? splitLineColumn(raw) : { file: raw, suffix: '' };
    const full = absolute(target.file);
    const kind = kindOf(full);
    if (kind === 'directory') {
      if (folder || workspaceFile) warnings.push(`only one folder or workspace is opened; ${full} is not`);
      else folder = full;
    } else if (kind === 'file' && full.endsWith('.code-workspace')) {
      if (folder || workspaceFile) warnings.push(`only one folder or workspace is opened; ${full} is not`);
      else workspaceFile = full;
    } else if (kind === 'file') {
      if (file) warnings.push(`only one file is opened; ${full} is not`);
      else file = full + target.suffix;
    } else {
      warnings.push(`${full} does not exist; not opened`);
    }
  }
  const inspect = last('inspect-brk-extensions') ?? last('inspect-extensions');
  return {
    extensionDevelopmentPaths: all('extensionDevelopmentPath').map(absolute),
    extensionTestsPath: last('extensionTestsPath') === undefined ? undefined : absolute(last('extensionTestsPath')!),
    folder,
    workspaceFile,
    file,
    gotoLine,
    userDataDir: last('user-data-dir') === undefined ? undefined : absolute(last('user-data-dir')!),
    extensionsDir: last('extensions-dir') === undefined ? undefined : absolute(last('extensions-dir')!),
    disableExtensions: flags.has('disable-extensions'),
    disabledExtensions: all('disable-extension'),
    enableProposedApi: flags.has('enable-proposed-api') || values.has('enable-proposed-api'),
    skipWelcome: flags.has('skip-welcome'),
    skipReleaseNotes: flags.has('skip-release-notes'),
    disableWorkspaceTrust: flags.has('disable-workspace-trust'),
    logLevel: last('log'),
    verbose: flags.has('verbose'),
    locale: last('locale'),
    inspectExtensions: inspect === undefined ? undefined : { port: inspect, brk: last('inspect-brk-extensions') !== undefined },
    warnings,
  };
}

/** VS Code's single-letter aliases. */
function shortName(name: string): string {
  return ({ g: 'goto', n: 'new-window', r: 'reuse-window', w: 'wait', v: 'version', h: 'help' } as Record<string, string>)[name] ?? name;
}

/** `file:12:5` → the file and its `:12:5` (VS Code's --goto form). */
function splitLineColumn(arg: string): { file: string; suffix: string } {
  const m = /^(.*?)((?::\d+){1,2})$/.exec(arg);
  return m ? { file: m[1], suffix: m[2] } : { file: arg, suffix: '' };
}

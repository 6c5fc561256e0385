/**
 * Parser for `xenstore-ls` output (tools/xenstore/xenstore_client.c, Xen 4.17):
 *   plain      ` name = "value"`      one blank of indent per depth below the listed root
 *   -f         `/full/path = "value"`
 *   -p         the line padded with ` . . .` and then `  (n0,r1)`; `-f -p`: blanks then perms
 *   no value   `name:`               (xs_read failed)
 * Values are escaped by sanitise_value: \t \n \r \\, bytes below 8 as \NNN, other
 * non-printable bytes as \xNN; `"` is not escaped, so a value runs to the line's last `"`.
 * A value cut to the terminal width ends in `\...`.
 *
 * Every line is checked, but nodes are only built below `…/device/vsnd` and
 * `…/backend/vsnd` (or everywhere for a subtree listing, whose root must be inferred), so a
 * dump of a whole host stays cheap.
 */
import type { Span } from '../../text/lineIndex';
import { MappedText } from '../../text/mappedText';
import { explained, finding, Finding, RULES } from '../../tables/rules';
import { toBytes, XsNode } from '../../tree/xenstoreTree';
import { clip } from '../../text/words';
import { runSteps } from '../../text/steps';

export type DumpForm = 'plain' | 'full' | 'mixed' | 'empty';

export interface XsComment { readonly span: Span; readonly text: string }

export interface XsDump {
  readonly form: DumpForm;
  readonly permissions: boolean;
  /** The tree of vsnd-relevant nodes, rooted at `/` (or at the listed subtree). */
  readonly root: XsNode;
  readonly findings: Finding[];
  readonly comments: XsComment[];
  /** True when the listing had no path prefix and its place in XenStore was inferred. */
  readonly relative: boolean;
  /** Lines that could not be read, with the directory they were listed in when known. */
  readonly unreadable: UnreadableLine[];
}

export interface UnreadableLine {
  readonly span: Span;
  /** The directory the line sits in (plain form: from its indentation; -f: from its path). */
  readonly parent: XsNode | undefined;
  /** The key or node name it seems to be about, when one can be made out. */
  readonly name: string | undefined;
}

const ROOT_CHILDREN = new Set(['local', 'tool', 'vm', 'libxl', '@introduceDomain', '@releaseDomain']);

export interface ParsedLine {
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly depth: number;
  readonly full: boolean;
  /** Offsets of the value inside the quotes (excluding a `\...` cut marker), or undefined for `name:`. */
  readonly valueStart?: number;
  readonly valueEnd?: number;
  readonly truncated: boolean;
  /**
   * Ends in `\\..."`: an escaped backslash and "...", or a cut that fell just after a backslash.
   * Decided once the listing's width is known (see resolveAmbiguousCuts).
   */
  readonly ambiguousCut: boolean;
  /** What the listing width would be if this line was cut (cut lines are width + 1 long). */
  readonly cutWidth: number;
  readonly perms: boolean;
}

export interface DumpParseOptions {
  /** Build every node, not only the vsnd subtrees (conformance tests, whole-tree tools). */
  readonly allNodes?: boolean;
  /** List the nodes in document order for incremental analysis (see XsNode.takeCreationOrder). */
  readonly keepCreationOrder?: boolean;
}

export function parseXenStoreDump(text: string, options: DumpParseOptions = {}): XsDump {
  return runSteps(parseXenStoreDumpSteps(text, options));
}

/** Lines read between two pauses of parseXenStoreDumpSteps. */
const LINES_PER_STEP = 1024;

/**
 * parseXenStoreDump in steps: yields the offset reached every few thousand lines, so a
 * caller can pause a long parse (the language server answers requests meanwhile) or drop it.
 */
export function* parseXenStoreDumpSteps(text: string, options: DumpParseOptions = {}): Generator<number, XsDump> {
  const relevant: (names: string[], length: number) => boolean = options.allNodes ? () => true : isRelevant;
  const lastDir = { path: '', node: undefined as XsNode | undefined };
  const findings: Finding[] = [];
  const comments: XsComment[] = [];
  // Document order of the nodes, for incremental analysis (service/incremental).
  const root = XsNode.root(options.keepCreationOrder === true);
  let sawPlain = false;
  let sawFull = false;
  let sawPerms = false;
  let relative: boolean | undefined;
  // Plain form: names of the current path, and whether that path is worth building.
  const stack: string[] = [];
  const nodes: (XsNode | undefined)[] = [];
  let top = 0; // entries of stack/nodes in use: the current path
  // An excerpt cut out of a plain listing keeps its indentation: depths count from its first line.
  let baseDepth: number | undefined;
  const unreadable: UnreadableLine[] = [];
  let lineCount = 0;
  const ambiguous: { node: XsNode; line: ParsedLine }[] = [];
  const cutWidths = new Set<number>();
  const track = (node: XsNode | undefined, line: ParsedLine) => {
    if (line.truncated) cutWidths.add(line.cutWidth);
    if (node && line.ambiguousCut) ambiguous.push({ node, line });
  };

  let pos = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) pos = 1;
  while (pos <= n) {
    if (lineCount % LINES_PER_STEP === LINES_PER_STEP - 1) yield pos;
    let eol = text.indexOf('\n', pos);
    if (eol < 0) eol = n;
    let end = eol;
    if (end > pos && text.charCodeAt(end - 1) === 13) end--;
    const lineStart = pos;
    pos = eol + 1;
    lineCount++;
    if (end === lineStart) continue;
    const first = text.charCodeAt(lineStart);
    if (first === 35 /* # */) {
      comments.push({ span: { start: lineStart, end }, text: text.slice(lineStart + 1, end) });
      continue;
    }
    if (text.startsWith('xenstore-ls:', lineStart) || text.startsWith('xenstore-', lineStart) && text.indexOf(': ', lineStart) < end && text.indexOf(' = ', lineStart) < 0) {
      findings.push(finding(RULES.xsToolError, { start: lineStart, end },
        explained('Error printed by xenstore-ls, not a node', `xenstore-ls printed: ${text.slice(lineStart, end)}`)));
      continue;
    }
    let line = parseLine(text, lineStart, end);
    if (typeof line === 'string') {
      // A mail client or terminal wrapped the line after ` = `: the value is on the next line.
      const wrapped = wrappedValue(text, lineStart, end, pos);
      if (wrapped) {
        findings.push(finding(RULES.xsJoinedLine, { start: lineStart, end: wrapped.end },
          explained('Line wrapped after `=`: read joined with the next line',
            'A mail client or terminal wrapped this line after ` = `; its value is on the next line, so both are read as one node. Rejoin them.')));
        line = wrapped.line;
        end = wrapped.end;
        pos = wrapped.next;
        lineCount++;
      }
    }
    if (typeof line === 'string') {
      const raw = text.slice(lineStart, Math.min(end, lineStart + 200));
      // A pasted shell prompt with the command is not a node, nor an error.
      if (/^\S*[$#] /.test(raw) && raw.includes('xenstore')) continue;
      findings.push(finding(RULES.xsSyntax, { start: lineStart, end }, line));
      unreadable.push(unreadableLine(text, lineStart, end, root, baseDepth === undefined ? undefined : nodes, top, baseDepth ?? 0));
      continue;
    }
    if (!line.perms) {
      // format=flowed (mail) wraps a `-p` line at the blanks before its permissions: join them.
      const permsEnd = wrappedPermissions(text, pos);
      if (permsEnd !== undefined) {
        findings.push(finding(RULES.xsJoinedLine, { start: lineStart, end: permsEnd.end },
          explained('Line wrapped before its permissions: read joined with the next line',
            'A mail client or terminal wrapped this line before its `(n…,r…)` permissions, which are on the next line; both are read as one node. Rejoin them.')));
        line = { ...line, perms: true };
        pos = permsEnd.next;
        lineCount++;
      }
    }
    if (line.perms) sawPerms = true;
    if (line.full) {
      sawFull = true;
      track(addFullPath(root, text, line, lineStart, end, findings, options.allNodes === true, lastDir), line);
      continue;
    }
    sawPlain = true;
    const name = text.slice(line.nameStart, line.nameEnd);
    baseDepth ??= line.depth;
    if (line.depth < baseDepth) {
      findings.push(finding(RULES.xsSyntax, { start: lineStart, end: line.nameStart },
        explained('Indented less than the first line, so not read: re-indent it',
          `Indented ${line.depth} blank${line.depth === 1 ? '' : 's'}, less than the first line's ${baseDepth}: this excerpt is read relative to its first line, so this line has no place in it.`)));
      unreadable.push({ span: { start: lineStart, end }, parent: undefined, name });
      continue;
    }
    if (baseDepth > 0) line = { ...line, depth: line.depth - baseDepth };
    if (line.depth > top) {
      findings.push(finding(RULES.xsSyntax, { start: lineStart, end: line.nameStart },
        top === 0
          ? explained('First node is indented: start the tree at column 1', `The first node is indented ${line.depth} blank${line.depth === 1 ? '' : 's'}; xenstore-ls starts the listed tree at column 1.`)
          : explained('Indented too deep: a child is one blank deeper than its parent', `Indented ${line.depth} blanks, but the line above is at depth ${top - 1}; xenstore-ls indents children by exactly one blank.`)));
      continue;
    }
    if (relative === undefined) relative = !(line.depth === 0 && ROOT_CHILDREN.has(name));
    stack[line.depth] = name;
    top = line.depth + 1;
    const parent = line.depth === 0 ? root : nodes[line.depth - 1];
    let node: XsNode | undefined;
    if (parent && (relative || relevant(stack, top))) {
      node = parent.ensureAt(name, lineStart, end, line.nameStart, line.nameEnd);
      node.setSpans(lineStart, end, line.nameStart, line.nameEnd);
      setValue(node, text, line, findings);
      node.setInsertion('plain', line.depth);
    }
    nodes[line.depth] = node;
    track(node, line);
  }

  // Without a cut of known width, plain and -p listings that were not on a terminal are 80 wide.
  if (sawPlain && cutWidths.size === 0) cutWidths.add(80);
  for (const { node, line } of ambiguous) {
    if (!cutWidths.has(line.cutWidth)) continue;
    // Read whole, would the line have fitted (indent + name + bytes + 8 <= width)? Then both
    // readings are possible: keep it whole and say it may be cut; else it was cut.
    const width = line.cutWidth;
    const linewid = line.full ? 0 : line.depth + (line.nameEnd - line.nameStart);
    const whole = node.valueText!.length;
    if (linewid + whole + 8 <= width) {
      node.value = { ...node.value!, possiblyTruncated: true };
      findings.push(finding(RULES.xsTruncated, { start: line.valueStart!, end: line.valueEnd! },
        explained('Value may be cut by xenstore-ls: pipe `xenstore-ls -f` to a file',
          'This value ends in "\\..." at exactly the width where xenstore-ls cuts lines: it is either whole or cut after a backslash, and the dump cannot tell.')));
    } else {
      setValue(node, text, { ...line, truncated: true, valueEnd: line.valueEnd! - 4 }, findings);
    }
  }

  const form: DumpForm = sawPlain && sawFull ? 'mixed' : sawFull ? 'full' : sawPlain ? 'plain' : 'empty';
  const isRelative = form === 'plain' && relative === true;
  return { form, permissions: sawPerms, root, findings, comments, relative: isRelative, unreadable };
}

/**
 * `name = ` (or `/path =`) at the end of a line and `"value"` (with -p, its permissions) on the
 * next: the line as it was before wrapping, and where the next line ends.
 */
function wrappedValue(text: string, start: number, end: number, nextStart: number): { line: ParsedLine; end: number; next: number } | undefined {
  const head = /^( *)(\S+) ?= ?$/.exec(text.slice(start, end));
  if (!head || nextStart >= text.length) return undefined;
  const { end: nextEnd, next } = lineFrom(text, nextStart);
  let q = nextStart;
  while (q < nextEnd && text.charCodeAt(q) === 32) q++;
  if (text.charCodeAt(q) !== 34) return undefined;
  const lastQuote = text.lastIndexOf('"', nextEnd - 1);
  if (lastQuote <= q) return undefined;
  const after = text.slice(lastQuote + 1, nextEnd);
  if (!/^[ .]*(\([^()]*\))?\s*$/.test(after)) return undefined;
  const nameStart = start + head[1].length;
  const line: ParsedLine = {
    nameStart, nameEnd: nameStart + head[2].length, depth: head[1].length, full: text.charCodeAt(nameStart) === 47,
    valueStart: q + 1, valueEnd: lastQuote, truncated: false, ambiguousCut: false, cutWidth: -1, perms: after.includes('('),
  };
  return { line, end: nextEnd, next };
}

/** The next line, when it holds nothing but `xenstore-ls -p` permissions such as `(n1,r0)`. */
function wrappedPermissions(text: string, nextStart: number): { end: number; next: number } | undefined {
  if (nextStart >= text.length) return undefined;
  // Asked after every line: most next lines start with a name or a path, so look no further.
  let q = nextStart;
  while (text.charCodeAt(q) === 32 || text.charCodeAt(q) === 9) q++;
  if (text.charCodeAt(q) !== 40 /* ( */) return undefined;
  const line = lineFrom(text, nextStart);
  if (line.end - nextStart > 200) return undefined;
  return /^[ \t]*\([nrwb]\d+(?:,[nrwb]\d+)*\)[ \t]*$/.test(text.slice(nextStart, line.end)) ? line : undefined;
}

/** The line starting at `start`: where its text ends (before `\r\n` or `\n`) and where the next begins. */
function lineFrom(text: string, start: number): { end: number; next: number } {
  let eol = text.indexOf('\n', start);
  if (eol < 0) eol = text.length;
  const end = eol > start && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
  return { end, next: eol + 1 };
}

/** Where an unreadable line sits: its directory from its path (-f) or from its indentation. */
function unreadableLine(
  text: string, start: number, end: number, root: XsNode, nodes: (XsNode | undefined)[] | undefined, top: number, baseDepth: number,
): UnreadableLine {
  const span = { start, end };
  const raw = text.slice(start, end);
  const token = /^ *(\S+?)(?:[ :=]|$)/.exec(raw)?.[1];
  if (token?.startsWith('/')) {
    const names = token.split('/').filter((s) => s !== '');
    let node: XsNode | undefined = root;
    for (const name of names.slice(0, -1)) node = node?.child(name);
    return { span, parent: node, name: names[names.length - 1] };
  }
  if (!nodes) return { span, parent: undefined, name: token };
  const depth = Math.min(raw.length - raw.trimStart().length - baseDepth, top);
  return { span, parent: depth <= 0 ? root : nodes[depth - 1], name: token };
}

/** Only paths at or below …/device/vsnd or …/backend/vsnd are built; their ancestors too. */
function isRelevant(stack: string[], length: number): boolean {
  // /local/domain/D/device/vsnd/...  or  /local/domain/B/backend/vsnd/...
  if (stack[0] !== 'local') return false;
  if (length <= 3) return length < 2 || stack[1] === 'domain';
  if (stack[1] !== 'domain' || (stack[3] !== 'device' && stack[3] !== 'backend')) return false;
  return length === 4 || stack[4] === 'vsnd';
}

/** The same test on a full path, without splitting it. */
function isRelevantPath(path: string): boolean {
  if (!path.startsWith('/local/domain/')) return path === '/local' || path === '/local/domain';
  const afterDomid = path.indexOf('/', 14);
  if (afterDomid < 0) return true;
  const kind = path.slice(afterDomid + 1, path.indexOf('/', afterDomid + 1) < 0 ? undefined : path.indexOf('/', afterDomid + 1));
  if (kind !== 'device' && kind !== 'backend') return false;
  const rest = afterDomid + 1 + kind.length;
  return rest === path.length || path.startsWith('/vsnd', rest) && (rest + 5 === path.length || path[rest + 5] === '/');
}

function parseLine(text: string, start: number, end: number): ParsedLine | string {
  let i = start;
  while (i < end && text.charCodeAt(i) === 32) i++;
  const depth = i - start;
  const full = text.charCodeAt(i) === 47; // '/'
  const nameStart = i;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) break;
    if (c === 58 /* : */ && (i + 1 === end || text.charCodeAt(i + 1) === 32)) break;
    i++;
  }
  const nameEnd = i;
  if (nameEnd === nameStart) return 'Expected a node name: xenstore-ls lines read `name = "value"` (or `/path = "value"` with -f)';
  if (text.charCodeAt(i) === 58) {
    const rest = text.slice(i + 1, end);
    const perms = /\(.*\)\s*$/.test(rest);
    if (rest.trim() !== '' && !perms) return 'Unexpected text after `name:`';
    return { nameStart, nameEnd, depth, full, truncated: false, ambiguousCut: false, cutWidth: 0, perms };
  }
  if (!text.startsWith(' = "', i)) {
    // A long name is cut so the message stays within 80 characters.
    return `Expected \` = "value"\` after the node name "${clip(text.slice(nameStart, nameEnd), 36)}"`;
  }
  const valueStart = i + 4;
  const lastQuote = text.lastIndexOf('"', end - 1);
  if (lastQuote < valueStart) return 'The value has no closing `"`';
  let perms = false;
  if (lastQuote + 1 < end) {
    const after = text.slice(lastQuote + 1, end);
    if (!/^[ .]*(\([^()]*\))?\s*$/.test(after)) return `Unexpected text after the value: "${after.trim()}"`;
    perms = after.includes('(');
  }
  let valueEnd = lastQuote;
  let truncated = false;
  let ambiguousCut = false;
  if (valueEnd - valueStart >= 4 && text.startsWith('\\...', valueEnd - 4)) {
    let backslashes = 0;
    for (let k = valueEnd - 4; k >= valueStart && text.charCodeAt(k) === 92; k--) backslashes++;
    if (backslashes % 2 === 1) {
      truncated = true;
      valueEnd -= 4;
    } else {
      ambiguousCut = true;
    }
  }
  // A cut line is exactly width + 1 long up to its closing quote (with -f, plus the path).
  const cutWidth = lastQuote - start - (full ? nameEnd - nameStart : 0);
  return { nameStart, nameEnd, depth, full, valueStart, valueEnd, truncated, ambiguousCut, cutWidth, perms };
}

/**
 * Adds a `-f` line's node. `lineStart`/`end` are document offsets; `line`'s offsets are in
 * `text`, which holds the document from offset `base` (a single line, for incremental analysis).
 */
function addFullPath(
  root: XsNode, text: string, line: ParsedLine, lineStart: number, end: number, findings: Finding[],
  allNodes: boolean, lastDir: { path: string; node: XsNode | undefined }, base = 0,
): XsNode | undefined {
  const path = text.slice(line.nameStart, line.nameEnd);
  if (path.includes('//') || path.endsWith('/')) {
    findings.push(finding(RULES.xsSyntax, { start: line.nameStart, end: line.nameEnd }, `"${path}" is not a valid XenStore path`));
    return undefined;
  }
  if (!allNodes && !isRelevantPath(path)) return undefined;
  // Lines come in tree order: the parent is usually the previous line's parent or that line.
  const slash = path.lastIndexOf('/');
  const dirPath = path.slice(0, slash);
  let node: XsNode;
  if (lastDir.node && dirPath === lastDir.path) {
    node = lastDir.node;
  } else {
    node = directoryFrom(root, lastDir, dirPath, lineStart, end);
    lastDir.path = dirPath;
    lastDir.node = node;
  }
  const nameOffset = base + line.nameStart + slash + 1;
  node = node.ensureAt(path.slice(slash + 1), lineStart, end, nameOffset, base + line.nameEnd);
  node.setSpans(lineStart, end, nameOffset, base + line.nameEnd);
  setValue(node, text, line, findings, base);
  node.setInsertion('full');
  return node;
}

/**
 * The directory `dirPath` (made where missing, with the line's span), reached from the last
 * line's directory: up to the directory both paths share, then down. Lines come in tree
 * order, so that is a step or two, not a walk from the root through a host's domains.
 */
function directoryFrom(root: XsNode, lastDir: { path: string; node: XsNode | undefined }, dirPath: string, lineStart: number, end: number): XsNode {
  let node = root;
  let from = 0; // where the segments still to walk down start in dirPath (at a '/')
  const last = lastDir.path;
  if (lastDir.node) {
    // The longest common prefix ending at a segment boundary of both paths.
    let common = 0;
    const max = Math.min(last.length, dirPath.length);
    for (let i = 0; i <= max; i++) {
      const atEndOfLast = i === last.length || last.charCodeAt(i) === 47;
      const atEndOfDir = i === dirPath.length || dirPath.charCodeAt(i) === 47;
      if (atEndOfLast && atEndOfDir) common = i;
      if (i === max || last.charCodeAt(i) !== dirPath.charCodeAt(i)) break;
    }
    node = lastDir.node;
    for (let i = common; i < last.length; i++) if (last.charCodeAt(i) === 47) node = node.parent!;
    from = common;
  }
  while (from < dirPath.length) {
    const next = dirPath.indexOf('/', from + 1);
    const stop = next < 0 ? dirPath.length : next;
    node = node.ensureAt(dirPath.slice(from + 1, stop), lineStart, end);
    from = stop;
  }
  return node;
}

/**
 * For incremental analysis: `lineText`, the line at `lineStart`, when it is a `name = "value"`
 * line whose value can be re-read on its own (whole, not cut by the terminal width); offsets
 * in the document. Reads the line alone, so the document need not be one string.
 */
export function wholeValueLine(lineText: string, lineStart: number): ParsedLine | undefined {
  const line = parseLine(lineText, 0, lineText.length);
  if (typeof line === 'string' || line.valueStart === undefined || line.truncated || line.ambiguousCut) return undefined;
  return shiftLine(line, lineStart);
}

/** Give a node the value of its line (`lineText` at `lineStart`), re-read after an edit inside it (see wholeValueLine). */
export function rereadValue(node: XsNode, lineText: string, lineStart: number, line: ParsedLine): void {
  setValue(node, lineText, shiftLine(line, -lineStart), [], lineStart);
}

/** What one line of a `-f` listing is, for incremental analysis of line edits. */
export type FullLine =
  | { readonly kind: 'blank' }
  /** A whole `/path = "value"` line below which no node is built (outside any vsnd directory). */
  | { readonly kind: 'unbuilt' }
  /** A whole `/path = "value"` line that builds the node at `path`. */
  | { readonly kind: 'node'; readonly path: string };

/**
 * Classifies a line the way parseXenStoreDump reads it in a `-f` listing without cut,
 * wrapped or `-p` lines; undefined for any other line (comments, tool output, errors, plain
 * lines, cut or permission-carrying values), which incremental analysis leaves to a whole one.
 */
export function classifyFullLine(lineText: string): FullLine | undefined {
  if (lineText === '') return { kind: 'blank' };
  const line = parseLine(lineText, 0, lineText.length);
  if (typeof line === 'string' || !line.full || line.valueStart === undefined || line.truncated || line.ambiguousCut || line.perms) return undefined;
  const path = lineText.slice(line.nameStart, line.nameEnd);
  if (path.includes('//') || path.endsWith('/')) return undefined;
  return isRelevantPath(path) ? { kind: 'node', path } : { kind: 'unbuilt' };
}

/**
 * Reads a line that classifyFullLine called a node into the tree below `root`, exactly as
 * parseXenStoreDump would at that place; `lastDir` caches the last directory between calls.
 */
export function addFullLine(root: XsNode, lineText: string, lineStart: number, lastDir: { path: string; node: XsNode | undefined }): XsNode | undefined {
  const line = parseLine(lineText, 0, lineText.length);
  if (typeof line === 'string') return undefined;
  const findings: Finding[] = [];
  const node = addFullPath(root, lineText, line, lineStart, lineStart + lineText.length, findings, false, lastDir, lineStart);
  return findings.length === 0 ? node : undefined;
}

function shiftLine(line: ParsedLine, by: number): ParsedLine {
  return {
    ...line,
    nameStart: line.nameStart + by,
    nameEnd: line.nameEnd + by,
    valueStart: line.valueStart === undefined ? undefined : line.valueStart + by,
    valueEnd: line.valueEnd === undefined ? undefined : line.valueEnd + by,
  };
}

/** Gives a node its line's value; `text` holds the document from offset `base` (see addFullPath). */
function setValue(node: XsNode, text: string, line: ParsedLine, findings: Finding[], base = 0): void {
  if (line.valueStart === undefined || line.valueEnd === undefined) return;
  const raw = text.slice(line.valueStart, line.valueEnd);
  // Most values need no unescaping: they are the document's text as it stands (direct).
  const source = isPlainValue(raw) ? undefined : unescapeValue(text, line.valueStart, line.valueEnd, base);
  node.setValueFields(source ? source.text : raw, base + line.valueStart, base + line.valueEnd, source, line.truncated);
  if (line.truncated) {
    findings.push(finding(RULES.xsTruncated, { start: base + line.valueStart, end: base + line.valueEnd + 4 },
      explained('Value cut by xenstore-ls: pipe `xenstore-ls -f` to a file for whole values',
        `xenstore-ls cut this value to fit the terminal (\\...): only its first ${node.valueText!.length} bytes are shown, and what follows is unknown.`)));
  }
}

/** A value without escapes or non-ASCII characters: its bytes are its text. */
function isPlainValue(raw: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !raw.includes('\\') && /^[\x00-\x7f]*$/.test(raw);
}

/**
 * Undo sanitise_value. Each decoded byte maps to the document offset of its escape (`text`
 * holds the document from offset `base`).
 */
export function unescapeValue(text: string, start: number, end: number, base = 0): MappedText {
  const raw = text.slice(start, end);
  if (isPlainValue(raw)) return MappedText.plain(raw, base + start);
  let out = '';
  const offsets: number[] = [];
  let i = start;
  while (i < end) {
    const c = text[i];
    // xenstore-ls escapes every backslash: a lone one at the end is half an escape, cut off.
    if (c === '\\' && i + 1 === end) break;
    if (c === '\\' && i + 1 < end) {
      const nc = text[i + 1];
      const simple = nc === 't' ? '\t' : nc === 'n' ? '\n' : nc === 'r' ? '\r' : nc === '\\' ? '\\' : undefined;
      if (simple !== undefined) {
        offsets.push(base + i);
        out += simple;
        i += 2;
        continue;
      }
      if (nc === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4)) && i + 4 <= end) {
        offsets.push(base + i);
        out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 4), 16));
        i += 4;
        continue;
      }
      if (/^[0-7]{3}$/.test(text.slice(i + 1, i + 4)) && i + 4 <= end) {
        offsets.push(base + i);
        out += String.fromCharCode(Number.parseInt(text.slice(i + 1, i + 4), 8));
        i += 4;
        continue;
      }
      if (i + 4 > end || /^x[0-9a-fA-F]?$|^[0-7]{1,2}$/.test(text.slice(i + 1, end))) break; // an escape cut by truncation
    }
    const code = c.charCodeAt(0);
    if (code < 0x80) {
      offsets.push(base + i);
      out += c;
      i++;
    } else {
      // Raw non-ASCII pasted into a dump: store its UTF-8 bytes, all mapped to this character.
      const cp = text.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      const bytes = toBytes(ch);
      for (let k = 0; k < bytes.length; k++) offsets.push(base + i);
      out += bytes;
      i += ch.length;
    }
  }
  offsets.push(base + i);
  return MappedText.mapped(out, offsets);
}

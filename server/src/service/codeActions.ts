/**
 * Quick-fixes for the diagnostics a client sends back: each is matched to the finding of the
 * current analysis with the same code and range, and that finding's fixes are offered. A
 * diagnostic of an older text (the client asks before the next publish) or one a client made
 * up matches nothing and gets no action: its data is never applied as it comes. Every matched
 * diagnostic can also be silenced with a comment; `source.fixAll.sndif` applies every safe fix.
 */
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { Analysis, findingsAt } from './analyze';
import { DiagnosticData, fixOptions, FixOption, toDiagnostics } from './diagnostics';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.sndif`;

export interface CodeActionRequest {
  readonly uri: string;
  readonly range: Range;
  readonly diagnostics: readonly Diagnostic[];
  readonly only?: readonly string[];
}

function wants(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(`${k}.`));
}

export function codeActions(analysis: Analysis, request: CodeActionRequest): CodeAction[] {
  const actions: CodeAction[] = [];
  if (wants(request.only, CodeActionKind.QuickFix)) {
    for (const diagnostic of request.diagnostics) {
      // Ours by source; some clients drop `source`.
      if (diagnostic.source !== 'sndif' && diagnostic.source !== undefined) continue;
      const fixes = currentFixes(analysis, diagnostic);
      if (!fixes) continue;
      for (const fix of fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred || undefined,
          edit: { changes: { [request.uri]: fix.edits } },
        });
      }
      const suppress = suppression(analysis, diagnostic);
      if (suppress) {
        actions.push({
          title: `Disable ${diagnostic.code} for this line`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [request.uri]: [suppress] } },
        });
        actions.push({
          title: `Disable ${diagnostic.code} for the entire file`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: { changes: { [request.uri]: [fileSuppression(analysis, diagnostic.code as string)] } },
        });
      }
    }
  }
  if (wants(request.only, FIX_ALL_KIND) && request.only) {
    const all = fixAll(analysis, request.uri);
    if (all) actions.push(all);
  }
  return actions;
}

/**
 * The fixes of the current finding a client's diagnostic stands for (same code, same range), or
 * undefined when it stands for none.
 */
function currentFixes(analysis: Analysis, diagnostic: Diagnostic): FixOption[] | undefined {
  if (typeof diagnostic.code !== 'string') return undefined;
  const { start, end } = diagnostic.range;
  let fixes: FixOption[] | undefined;
  for (const f of findingsAt(analysis, analysis.lines.offsetAt(start))) {
    if (f.rule.code !== diagnostic.code) continue;
    const range = analysis.lines.rangeOf(f.span);
    if (range.start.line !== start.line || range.start.character !== start.character || range.end.line !== end.line || range.end.character !== end.character) continue;
    fixes = [...(fixes ?? []), ...fixOptions(f.fix, analysis.lines)];
  }
  return fixes;
}

/** Every safe fix of the document, without overlapping edits. */
export function fixAll(analysis: Analysis, uri: string): CodeAction | undefined {
  const edits: TextEdit[] = [];
  const taken: [number, number][] = [];
  for (const d of toDiagnostics(analysis, uri)) {
    const fix = (d.data as DiagnosticData).fixes.find((f) => f.safe);
    if (!fix) continue;
    const spans = fix.edits.map((e) => [analysis.lines.offsetAt(e.range.start), analysis.lines.offsetAt(e.range.end)] as [number, number]);
    if (spans.some(([a, b]) => taken.some(([c, e]) => a < e && c < b || (a === b && a === c && c === e)))) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
  }
  if (edits.length === 0) return undefined;
  return { title: 'Fix all safe sndif problems', kind: FIX_ALL_KIND, edit: { changes: { [uri]: edits } } };
}

/** `# sndif-disable-next-line CODE` above the diagnostic's line, with the same indent. */
function suppression(analysis: Analysis, diagnostic: Diagnostic): TextEdit | undefined {
  if (typeof diagnostic.code !== 'string') return undefined;
  const line = diagnostic.range.start.line;
  const start = analysis.lines.lineStart(line);
  const text = analysis.text.slice(start, analysis.lines.lineEnd(line));
  const indent = text.match(/^[ \t]*/)![0];
  if (analysis.language === 'xenstore' && indent.length > 0 && !text.startsWith('/')) {
    // A comment line inside an indented dump is fine for us, but keep it at column 0.
    return TextEdit.insert({ line, character: 0 }, `# sndif-disable-next-line ${diagnostic.code}\n`);
  }
  return TextEdit.insert({ line, character: 0 }, `${indent}# sndif-disable-next-line ${diagnostic.code}\n`);
}

/**
 * `# sndif-disable CODE` on the first line, as ESLint's "for the entire file"; an existing
 * directive there gets the code appended.
 */
function fileSuppression(analysis: Analysis, code: string): TextEdit {
  const first = analysis.text.slice(0, analysis.lines.lineEnd(0));
  const directive = first.match(/^#\s*sndif-disable\s+\S.*?(\s*)$/);
  if (directive) return TextEdit.insert({ line: 0, character: first.length - directive[1].length }, `, ${code}`);
  return TextEdit.insert({ line: 0, character: 0 }, `# sndif-disable ${code}\n`);
}

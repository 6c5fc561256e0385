/**
 * Quick-fixes from each diagnostic's code and data payload; `source.fixAll.sndif` applies every
 * safe fix of the document; every diagnostic can also be silenced with a comment.
 */
import { CodeAction, CodeActionKind, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import { DiagnosticData, toDiagnostics } from './diagnostics';

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
      const data = diagnostic.data as DiagnosticData | undefined;
      // Ours by source; some clients drop `source` but keep `data`.
      if (diagnostic.source !== 'sndif' && !(diagnostic.source === undefined && Array.isArray(data?.fixes))) continue;
      for (const fix of data?.fixes ?? []) {
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

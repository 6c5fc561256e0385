/** Folding: multi-line lists of an xl.cfg; subtrees of a plain xenstore-ls dump (by indent). */
import { FoldingRange } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { XlValue } from '../syntax/xl/ast';

export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const out: FoldingRange[] = [];
  if (analysis.xl) {
    const visit = (v: XlValue | undefined) => {
      if (!v || v.kind !== 'list') return;
      const start = analysis.lines.positionAt(v.span.start).line;
      const end = analysis.lines.positionAt(v.span.end).line;
      if (end > start) out.push({ startLine: start, endLine: v.closed ? end - (lineStartsWithBracket(analysis, end) ? 1 : 0) : end });
      v.items.forEach(visit);
    };
    for (const s of analysis.xl.file.settings) visit(s.value);
    return out;
  }
  // Plain dumps: a line folds the following lines indented deeper than it.
  const stack: { line: number; indent: number }[] = [];
  const close = (indent: number, last: number) => {
    while (stack.length && stack[stack.length - 1].indent >= indent) {
      const open = stack.pop()!;
      if (last > open.line) out.push({ startLine: open.line, endLine: last });
    }
  };
  let lastContent = 0;
  for (let line = 0; line < analysis.lines.lineCount; line++) {
    const text = analysis.text.slice(analysis.lines.lineStart(line), analysis.lines.lineEnd(line));
    if (!text.trim() || text.startsWith('/') || text.startsWith('#')) continue;
    const indent = text.length - text.trimStart().length;
    close(indent, lastContent);
    stack.push({ line, indent });
    lastContent = line;
  }
  close(-1, lastContent);
  return out.sort((a, b) => a.startLine - b.startLine);
}

function lineStartsWithBracket(analysis: Analysis, line: number): boolean {
  return /^\s*\]/.test(analysis.text.slice(analysis.lines.lineStart(line), analysis.lines.lineEnd(line)));
}

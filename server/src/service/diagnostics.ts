/** Findings as LSP diagnostics; the fix payload travels in Diagnostic.data. */
import { Diagnostic, DiagnosticSeverity, DiagnosticRelatedInformation, Location, TextEdit } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { Enforcer, FixData, Severity } from '../tables/rules';
import type { LineIndex } from '../text/lineIndex';

/** One way to fix a diagnostic, with its edits already in LSP ranges. */
export interface FixOption {
  readonly title: string;
  readonly edits: TextEdit[];
  readonly preferred: boolean;
  /** Safe to apply without looking (used by source.fixAll). */
  readonly safe: boolean;
}

/** Diagnostic.data: code actions are built from this, never from the message text. */
export interface DiagnosticData {
  readonly enforcer: Enforcer;
  /** The mechanics behind the short message (shown in hover). */
  readonly detail?: string;
  readonly fixes: FixOption[];
}

export function fixOptions(fix: FixData | undefined, lines: LineIndex): FixOption[] {
  if (!fix) return [];
  const edits = (list: { span: { start: number; end: number }; text: string }[]) =>
    list.map((e) => TextEdit.replace(lines.rangeOf(e.span), e.text));
  if (fix.kind === 'replace') return [{ title: fix.title, edits: edits(fix.edits), preferred: fix.preferred ?? false, safe: fix.safe ?? false }];
  return fix.choices.map((c) => ({ title: c.title, edits: edits(c.edits), preferred: c.preferred ?? false, safe: (fix.safe ?? false) && (c.preferred ?? false) }));
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticOptions {
  /** Per-code severity overrides; 'off' drops the rule. */
  readonly severities?: Readonly<Record<string, Severity | 'off'>>;
}

export function toDiagnostics(analysis: Analysis, uri: string, options: DiagnosticOptions = {}): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const f of analysis.findings) {
    const override = options.severities?.[f.rule.code];
    if (override === 'off') continue;
    const severity = override ?? f.rule.severity;
    const data: DiagnosticData = { enforcer: f.rule.enforcer, ...(f.detail ? { detail: f.detail } : {}), fixes: fixOptions(f.fix, analysis.lines) };
    const diagnostic: Diagnostic = {
      range: analysis.lines.rangeOf(f.span),
      severity: SEVERITY[severity],
      code: f.rule.code,
      source: 'sndif',
      message: f.message,
      data,
    };
    if (f.related?.length) {
      diagnostic.relatedInformation = f.related.map((r) =>
        DiagnosticRelatedInformation.create(Location.create(uri, analysis.lines.rangeOf(r.span)), r.message));
    }
    out.push(diagnostic);
  }
  return out;
}

/**
 * At most `max` diagnostics, errors first then warnings, information and hints, each group in
 * document order; when some are left out, one information item at the top says how many and
 * where to see them all (tens of thousands of diagnostics are megabytes per publish and a
 * Problems panel nobody can read).
 */
export function capDiagnostics(diagnostics: Diagnostic[], max: number): Diagnostic[] {
  if (diagnostics.length <= max) return diagnostics;
  const rank = (d: Diagnostic) => d.severity ?? DiagnosticSeverity.Error;
  const kept = diagnostics.map((d, i) => ({ d, i })).sort((a, b) => rank(a.d) - rank(b.d) || a.i - b.i).slice(0, max).map((e) => e.d);
  const more = diagnostics.length - max;
  const note: Diagnostic = {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'sndif',
    message: `${more} more problem${more === 1 ? '' : 's'} not shown: only the first ${max} (errors first) are listed (setting sndif.maxNumberOfProblems); \`sndif lint\` lists them all`,
  };
  return [note, ...kept];
}

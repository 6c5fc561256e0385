/** Findings as LSP diagnostics; the fix payload travels in Diagnostic.data. */
import { Diagnostic, DiagnosticSeverity, DiagnosticRelatedInformation, Location } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { Enforcer, FixData, Severity } from '../rules/catalogue';

export interface DiagnosticData {
  readonly enforcer: Enforcer;
  readonly fix?: FixData;
}

export const SEVERITY: Record<Severity, DiagnosticSeverity> = {
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
    const data: DiagnosticData = { enforcer: f.rule.enforcer, fix: f.fix };
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

export function severityName(s: DiagnosticSeverity | undefined): Severity {
  return s === DiagnosticSeverity.Error ? 'error' : s === DiagnosticSeverity.Warning ? 'warning' : s === DiagnosticSeverity.Information ? 'information' : 'hint';
}

/**
 * `sndif lint` output formats: text (file:line:col), json, SARIF 2.1.0 for code-scanning
 * uploads, and GitHub Actions workflow annotations. Each takes the linted documents and
 * returns the whole output.
 */
import { relative, sep, isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULE_BY_CODE, RuleCode, RuleInfo, Severity } from '../tables/rules';
import { RULE_DOCS } from '../tables/ruleDocs';
import type { Range } from '../text/lineIndex';
import type { Analysis } from '../service/analyze';
import { rulePage } from '../service/rulePage';
import type { SndifLanguage } from '../service/language';

export const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

/** A finding as the rules state it (the CLI has no client to override severities), in LSP positions. */
export interface LintFinding {
  readonly code: string;
  readonly severity: Severity;
  readonly enforcer: string;
  readonly message: string;
  readonly range: Range;
  readonly related: readonly { range: Range; message: string }[];
}

export interface LintedDocument {
  /** As shown in messages: the argument, a walked path, or the --stdin-filename. */
  readonly name: string;
  readonly language: SndifLanguage;
  readonly findings: readonly LintFinding[];
}

export function lintedDocument(name: string, analysis: Analysis): LintedDocument {
  return {
    name,
    language: analysis.language,
    findings: analysis.findings.map((f) => ({
      code: f.rule.code,
      severity: f.rule.severity,
      enforcer: f.rule.enforcer,
      message: f.message,
      range: analysis.lines.rangeOf(f.span),
      related: (f.related ?? []).map((r) => ({ range: analysis.lines.rangeOf(r.span), message: r.message })),
    })),
  };
}

export interface ToolInfo { readonly name: string; readonly version: string }

const position = (f: LintFinding) => `${f.range.start.line + 1}:${f.range.start.character + 1}`;

export function formatText(documents: readonly LintedDocument[]): string {
  let out = '';
  for (const doc of documents) {
    for (const f of doc.findings) out += `${doc.name}:${position(f)}: ${f.severity} ${f.code} ${f.message}\n`;
  }
  return out;
}

export function formatJson(documents: readonly LintedDocument[]): string {
  return `${JSON.stringify(documents.map((doc) => ({
    file: doc.name,
    language: doc.language,
    diagnostics: doc.findings.map((f) => ({ code: f.code, severity: f.severity, enforcer: f.enforcer, message: f.message, range: f.range })),
  })), null, 2)}\n`;
}

// ---- GitHub Actions: https://docs.github.com/actions/reference/workflow-commands-for-github-actions

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** Workflow command data: %, CR and LF are encoded (the runner decodes them). */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow command properties additionally encode the `:` and `,` that delimit them. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(documents: readonly LintedDocument[]): string {
  let out = '';
  for (const doc of documents) {
    for (const f of doc.findings) {
      const { start, end } = f.range;
      const props = [
        `file=${escapeGithubProperty(doc.name.split(sep).join('/'))}`,
        `line=${start.line + 1}`,
        `endLine=${end.line + 1}`,
        `col=${start.character + 1}`,
        // GitHub takes an inclusive end column, and only on a single line.
        ...(end.line === start.line ? [`endColumn=${Math.max(end.character, start.character + 1)}`] : []),
        `title=${escapeGithubProperty(`sndif ${f.code}`)}`,
      ];
      out += `::${GITHUB_LEVEL[f.severity]} ${props.join(',')}::${escapeGithubData(f.message)}\n`;
    }
  }
  return out;
}

// ---- SARIF 2.1.0: https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** "xl-list-comma" → "XlListComma": SARIF's rule name is an identifier-like word. */
const pascal = (code: string) => code.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());

const LANGUAGE_TAGS: Record<RuleInfo['language'], string[]> = { xl: ['xl-cfg'], xenstore: ['xenstore'], both: ['xl-cfg', 'xenstore'] };

function sarifRule(rule: RuleInfo) {
  const doc = RULE_DOCS[rule.code as RuleCode];
  return {
    id: rule.code,
    name: pascal(rule.code),
    shortDescription: { text: rule.summary },
    fullDescription: { text: doc.happens },
    help: { text: `${doc.happens}\n\nFix: ${doc.fix}`, markdown: rulePage(rule.code)! },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: { tags: [rule.enforcer, ...LANGUAGE_TAGS[rule.language]] },
  };
}

/** A URI reference for a document: relative to the source root when below it, else a file URL. */
function artifactLocation(name: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (name === '-') return { uri: 'stdin' };
  const rel = isAbsolute(name) ? relative(cwd, name) : name;
  if (!isAbsolute(rel) && !rel.startsWith('..')) {
    return { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(name).href };
}

function region(range: Range) {
  // SARIF lines and columns are 1-based, the end column is exclusive; columns count UTF-16
  // code units as LSP does (run.columnKind).
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

export function formatSarif(documents: readonly LintedDocument[], tool: ToolInfo, cwd: string): string {
  const rules = [...RULE_BY_CODE.values()];
  const ruleIndex = new Map(rules.map((r, i) => [r.code, i]));
  const results = documents.flatMap((doc) => {
    const location = artifactLocation(doc.name, cwd);
    return doc.findings.map((f) => ({
      ruleId: f.code,
      ruleIndex: ruleIndex.get(f.code),
      level: SARIF_LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: location, region: region(f.range) } }],
      ...(f.related.length ? {
        relatedLocations: f.related.map((r, id) => ({
          id,
          message: { text: r.message },
          physicalLocation: { artifactLocation: location, region: region(r.range) },
        })),
      } : {}),
    }));
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: tool.name, version: tool.version, semanticVersion: tool.version, rules: rules.map(sarifRule) } },
      originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(cwd).href.replace(/\/?$/, '/')}` } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * `# sndif-disable-next-line CODE[, CODE]` silences those codes on the next line;
 * `# sndif-disable CODE[, CODE]` for the whole document. Unknown codes are reported.
 */
import type { LineIndex, Span } from '../text/lineIndex';
import { finding, Finding, replaceFix, RULES, RULE_BY_CODE } from '../tables/rules';
import { closest } from '../model/suggest';

export interface SuppressionComment { readonly span: Span; readonly text: string }

const DIRECTIVE = /^\s*sndif-disable(-next-line)?\s+(.*)$/;

export function applySuppressions(findings: Finding[], comments: readonly SuppressionComment[], lines: LineIndex, disabled: readonly string[]): Finding[] {
  const everywhere = new Set(disabled);
  const byLine = new Map<number, Set<string>>();
  const extra: Finding[] = [];
  for (const comment of comments) {
    const m = comment.text.match(DIRECTIVE);
    if (!m) continue;
    const listStart = comment.span.start + 1 + comment.text.indexOf(m[2]);
    let offset = 0;
    for (const part of m[2].split(',')) {
      const code = part.trim();
      const at = listStart + offset + part.indexOf(code);
      offset += part.length + 1;
      if (!code) continue;
      if (!RULE_BY_CODE.has(code)) {
        const suggestion = closest(code, [...RULE_BY_CODE.keys()]);
        extra.push(finding(RULES.unknownRuleCode, { start: at, end: at + code.length },
          `Unknown rule code "${code}" in a suppression comment${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
          suggestion ? replaceFix(`Change to ${suggestion}`, { start: at, end: at + code.length }, suggestion, true, false) : undefined));
        continue;
      }
      if (m[1]) {
        const line = lines.positionAt(comment.span.start).line + 1;
        if (!byLine.has(line)) byLine.set(line, new Set());
        byLine.get(line)!.add(code);
      } else {
        everywhere.add(code);
      }
    }
  }
  const kept = findings.filter((f) => {
    if (everywhere.has(f.rule.code)) return false;
    if (byLine.size === 0) return true;
    const line = lines.positionAt(f.span.start).line;
    return !byLine.get(line)?.has(f.rule.code);
  });
  return [...kept, ...extra];
}

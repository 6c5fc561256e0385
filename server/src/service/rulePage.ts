/**
 * A rule's documentation page in Markdown, from the catalogue and the docs table: the one
 * text behind docs/rules/CODE.md, `sndif explain CODE` and the editor's "Show documentation".
 */
import { RULE_BY_CODE, RuleCode, RuleInfo } from '../tables/rules';
import { RULE_DOCS } from '../tables/ruleDocs';

const ENFORCED_BY: Record<RuleInfo['enforcer'], string> = {
  xl: 'xl rejects the config',
  guest: 'the guest\'s card fails to probe',
  ignored: 'accepted, but ignored or changed on the way',
  style: 'works, but against the man page or likely not what was meant',
};

const LANGUAGES: Record<RuleInfo['language'], string> = {
  xl: 'xl.cfg',
  xenstore: 'XenStore dumps',
  both: 'xl.cfg and XenStore dumps',
};

/** A fence longer than any run of backticks in the example, so any text stays verbatim. */
function fence(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(longest + 1);
}

export function rulePage(code: string): string | undefined {
  const rule = RULE_BY_CODE.get(code);
  if (!rule) return undefined;
  const doc = RULE_DOCS[code as RuleCode];
  const lines = [
    `# ${rule.code}`,
    '',
    rule.summary,
    '',
    `Severity: **${rule.severity}** · Effect: ${ENFORCED_BY[rule.enforcer]} · In: ${LANGUAGES[rule.language]}`,
    '',
    '## What happens',
    '',
    doc.happens,
    '',
  ];
  if (doc.example) {
    const mark = fence(doc.example.text);
    lines.push('## Example', '', `${mark}${doc.example.language === 'xl' ? 'xl-cfg' : 'xenstore'}`, doc.example.text.replace(/\r/g, '␍').replace(/\n$/, ''), mark, '');
  }
  lines.push('## Fix', '', doc.fix, '', '## Source', '', ...doc.sources.map((s) => `- ${s}`), '');
  lines.push('## Silence it', '', `In the file: \`# sndif-disable-next-line ${rule.code}\` above the line, or \`# sndif-disable ${rule.code}\` for the file. Everywhere: \`"sndif.severity": { "${rule.code}": "off" }\`.`, '');
  return lines.join('\n');
}

/** Every rule code, in catalogue order. */
export function ruleCodes(): string[] {
  return [...RULE_BY_CODE.keys()];
}

/** docs/rules/README.md: every rule with its severity and summary, linking its page. */
export function ruleIndex(): string {
  const rows = [...RULE_BY_CODE.values()].map((r) => `| [${r.code}](${r.code}.md) | ${r.severity} | ${LANGUAGES[r.language]} | ${r.summary.replace(/\|/g, '\\|')} |`);
  return ['# Rules', '', 'Generated from the rule catalogue by `npm run rule-docs`; `sndif explain CODE` prints a page.', '', '| Code | Severity | In | Summary |', '|---|---|---|---|', ...rows, ''].join('\n');
}

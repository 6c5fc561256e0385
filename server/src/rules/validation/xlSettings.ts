/** Settings assigned twice with `=`: xlu's find() returns the last one only. */
import { finding, Finding, RULES } from '../../tables/rules';
import type { XlFile } from '../../syntax/xl/ast';

export function duplicateSettingRules(file: XlFile): Finding[] {
  const out: Finding[] = [];
  const last = new Map<string, number>();
  file.settings.forEach((s, i) => {
    if (s.op === '=') last.set(s.name, i);
  });
  file.settings.forEach((s, i) => {
    // vsnd is reported by the vsnd model, which knows which cards are lost.
    if (s.name === 'vsnd' || s.op !== '=') return;
    const final = last.get(s.name)!;
    if (final !== i) {
      out.push(finding(RULES.xlDuplicateSetting, s.nameSpan,
        `${s.name} is set again further down: xl uses only the last assignment, so this one is ignored`));
    }
  });
  return out;
}

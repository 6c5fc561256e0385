/** One config through both the real xl and our analysis: every disagreement, in words. */
import { analyze } from '../../server/src/service/analyze';
import { keysFromXlJson, runXl } from './realXl';

export interface Comparison {
  readonly agree: boolean;
  readonly problems: string[];
  readonly xlStatus: number | string;
}

/** Our keys in the same `path=value` form, config keys only (libxl's generated ones left out). */
function ourKeys(config: string): string[] {
  const a = analyze(config, 'xl', { domid: 1 });
  return (a.xl?.keys ?? [])
    .filter((k) => k.path.includes('/device/vsnd/') && !/\/(backend|backend-id|state)$/.test(k.path))
    .map((k) => `${k.path}=${k.value}`);
}

/** xl's own wording, minus the file name prefix and raw control characters. */
// eslint-disable-next-line no-control-regex
const clean = (s: string) => s.replace(/[\x00-\x1f]/g, '');

function xlMessage(line: string): { line?: number; text: string; control: boolean } {
  const m = line.match(/^FILE:(\d+): (.*)$/);
  const text = m ? m[2] : line;
  // eslint-disable-next-line no-control-regex
  return { line: m ? Number(m[1]) : undefined, text: clean(text), control: /[\r\x00-\x08\x0b-\x1f]/.test(text) };
}

export function compare(config: string): Comparison {
  const xl = runXl(config);
  const analysis = analyze(config, 'xl', { domid: 1, ignoreSuppressions: true });
  const xlErrors = analysis.findings.filter((f) => f.rule.enforcer === 'xl' && f.rule.severity === 'error');
  const problems: string[] = [];
  if (xl.status === 0) {
    for (const f of xlErrors) problems.push(`xl accepts it, but we report ${f.rule.code}: ${f.message}`);
    const theirs = keysFromXlJson(xl.vsnds, 1);
    const ours = ourKeys(config);
    if (JSON.stringify(theirs) !== JSON.stringify(ours)) {
      problems.push(`XenStore keys differ:\n    xl:  ${theirs.join('\n         ')}\n    us:  ${ours.join('\n         ')}`);
    }
  } else if (typeof xl.status === 'string') {
    if (!xlErrors.some((f) => f.rule.code === 'vsnd-empty-list')) problems.push(`xl crashed (${xl.status}) and we do not report vsnd-empty-list`);
  } else {
    if (xlErrors.length === 0) problems.push(`xl rejects it (${xl.messages.join(' | ')}), and we report no xl error`);
    // The first message xl prints that is its own error (not a warning) must be in one of ours.
    const errors = xl.messages.map(xlMessage).filter((m) => !/^warning:|: warning: /.test(m.text) && !m.text.startsWith('Failed to parse config'));
    const first = errors[0];
    if (first) {
      // A raw carriage return in xl's message: we say it in words (xl-crlf); the line must agree.
      const match = first.control
        ? xlErrors.find((f) => f.rule.code === 'xl-crlf' || f.rule.code === 'xl-lexical')
        // xl's own words are in the short message or, when they are long, in the detail behind it.
        : xlErrors.find((f) => clean(f.message).includes(first.text) || clean(f.detail ?? '').includes(first.text));
      if (!match) problems.push(`xl says "${first.text}"; none of our errors contains it: ${xlErrors.map((f) => f.message).join(' | ')}`);
      else if (first.line !== undefined && analysis.lines.positionAt(match.span.start).line + 1 !== first.line) {
        problems.push(`xl reports line ${first.line}, we report line ${analysis.lines.positionAt(match.span.start).line + 1}`);
      }
      // When xl cannot parse the vsnd setting, nothing the guest would make of it comes first.
      const ourFirst = analysis.findings.find((f) => f.rule.severity === 'error');
      const unparsedVsnd = analysis.xl?.vsnd.settings.some((s) => s.value?.kind === 'list' && !s.value.closed);
      if (unparsedVsnd && match && ourFirst && ourFirst.span.start < match.span.start && ourFirst.rule.enforcer !== 'xl') {
        problems.push(`our first error (${ourFirst.rule.code}: ${ourFirst.message}) comes before xl's`);
      }
    }
  }
  return { agree: problems.length === 0, problems, xlStatus: xl.status };
}

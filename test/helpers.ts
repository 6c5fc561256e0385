import assert from 'node:assert/strict';
import { analyze, Analysis, AnalyzeOptions } from '../server/src/service/analyze';
import type { SndifLanguage } from '../server/src/service/language';

export interface Expected {
  code: string;
  /** The exact document text the finding must cover; `nth` picks a later occurrence. */
  at: string;
  nth?: number;
  severity?: string;
  /** A fragment the message must contain. */
  message?: string;
  /** A fragment the detail (the mechanics shown in hover) must contain. */
  detail?: string;
}

export function spanOf(text: string, at: string, nth = 0): { start: number; end: number } {
  let from = -1;
  for (let i = 0; i <= nth; i++) {
    from = text.indexOf(at, from + 1);
    assert.ok(from >= 0, `"${at}" (occurrence ${nth}) not found in the test document`);
  }
  return { start: from, end: from + at.length };
}

/** Assert exactly these findings (code, exact span, severity, message fragment), in any order. */
export function expectFindings(text: string, language: SndifLanguage, expected: Expected[], options?: AnalyzeOptions): Analysis {
  const analysis = analyze(text, language, options);
  const actual = analysis.findings.map((f) => `${f.rule.code} ${JSON.stringify(text.slice(f.span.start, f.span.end))}@${f.span.start}`);
  const wanted = expected.map((e) => {
    const span = spanOf(text, e.at, e.nth);
    return `${e.code} ${JSON.stringify(e.at)}@${span.start}`;
  });
  assert.deepEqual([...actual].sort(), [...wanted].sort(), `findings differ.\nmessages:\n${analysis.findings.map((f) => `  ${f.rule.code}: ${f.message}`).join('\n')}`);
  for (const f of analysis.findings) assertShortMessage(f.message);
  for (const e of expected) {
    const span = spanOf(text, e.at, e.nth);
    const f = analysis.findings.find((x) => x.rule.code === e.code && x.span.start === span.start && x.span.end === span.end)!;
    if (e.severity) assert.equal(f.rule.severity, e.severity, `${e.code} severity`);
    if (e.message) assert.ok(f.message.includes(e.message), `${e.code} message "${f.message}" lacks "${e.message}"`);
    if (e.detail) assert.ok(f.detail?.includes(e.detail), `${e.code} detail "${f.detail}" lacks "${e.detail}"`);
  }
  return analysis;
}

/** Problems messages lead with one short sentence (Problems panel width), starting with a capital. */
export function assertShortMessage(message: string): void {
  assert.ok(message.length <= 80, `message longer than 80 characters (${message.length}): ${message}`);
  assert.match(message, /^[A-Z]/, `message does not start with a capital: ${message}`);
}

/** A minimal guest config around a vsnd value. */
export function guest(vsnd: string): string {
  return `name = "g"\nkernel = "/k"\nvsnd = ${vsnd}\n`;
}

/**
 * Scaling on pathological inputs: each at n and 2n characters; the analysis time ratio should
 * stay near 2 (no quadratic scan, no catastrophic regular expression backtracking).
 */
import { analyze } from '../server/src/service/analyze';
import type { SndifLanguage } from '../server/src/service/language';

export interface ScalingRow { input: string; language: SndifLanguage; msAtN: number; msAt2N: number; ratio: number }

const CASES: [string, SndifLanguage, (n: number) => string][] = [
  ['xl: one line of quotes', 'xl', (n) => `a = ${"'".repeat(n)}\n`],
  ['xl: one long string', 'xl', (n) => `a = '${'x'.repeat(n)}'\n`],
  ['xl: backslashes in a string', 'xl', (n) => `a = "${'\\\\'.repeat(n / 2)}"\n`],
  ['xl: brackets, nested and unclosed', 'xl', (n) => `vsnd = ${'[ '.repeat(n / 2)}\n`],
  ['xl: one card with many items', 'xl', (n) => `vsnd = [ [ ${"'STREAM, type=p', ".repeat(n / 17)} ] ]\n`],
  ['xl: many lines of junk', 'xl', (n) => 'Memory = (1) # x\n'.repeat(n / 17)],
  ['dump: a long value full of escapes', 'xenstore', (n) => `/local/domain/1/device/vsnd/0/long-name = "${'\\x41\\t'.repeat(n / 6)}"\n`],
  ['dump: quotes inside one value', 'xenstore', (n) => `/local/domain/1/device/vsnd/0/long-name = "${'"'.repeat(n)}"\n`],
  ['dump: many lines of junk', 'xenstore', (n) => 'what = is "this\n'.repeat(n / 16)],
  ['dump: a deep plain subtree', 'xenstore', (n) => Array.from({ length: Math.floor(Math.sqrt(n)) }, (_, i) => `${' '.repeat(i)}n = ""`).join('\n')],
];

function median(f: () => void, runs = 3): number {
  f();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export function scaling(n = 1_000_000): ScalingRow[] {
  return CASES.map(([input, language, make]) => {
    const small = make(n);
    const big = make(2 * n);
    const msAtN = median(() => analyze(small, language));
    const msAt2N = median(() => analyze(big, language));
    return { input, language, msAtN, msAt2N, ratio: msAt2N / msAtN };
  });
}

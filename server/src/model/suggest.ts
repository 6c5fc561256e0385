/** Closest candidates to a misspelled name, for messages and quick-fixes. */

export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  // Optimal string alignment: insertions, deletions, substitutions and adjacent transpositions.
  let before: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) cur[j] = Math.min(cur[j], before[j - 2] + 1);
    }
    before = prev;
    prev = cur;
  }
  return prev[n];
}

/**
 * The best candidate for `input`, comparing case-insensitively and ignoring `_`/`-`
 * differences, or undefined when nothing is reasonably close.
 */
export function closest(input: string, candidates: readonly string[], aliases: Record<string, string> = {}): string | undefined {
  const norm = (s: string) => s.trim().toLowerCase().replace(/[_\s]/g, '-');
  const wanted = norm(input);
  if (!wanted) return undefined;
  if (aliases[wanted] && candidates.includes(aliases[wanted])) return aliases[wanted];
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const cn = norm(c);
    if (cn === wanted) return c;
    let score = editDistance(wanted, cn);
    if (cn.startsWith(wanted) || wanted.startsWith(cn)) score = Math.min(score, Math.abs(cn.length - wanted.length) * 0.5 + 0.5);
    if (score < bestScore) {
      bestScore = score;
      best = c;
    }
  }
  const limit = Math.max(1, Math.floor(wanted.length / 3));
  return bestScore <= limit ? best : undefined;
}

/** Supported values nearest to a number, nearest first (at most `count`). */
export function nearestNumbers(value: number, supported: readonly number[], count = 2): number[] {
  return [...supported].sort((a, b) => Math.abs(a - value) - Math.abs(b - value) || a - b).slice(0, count);
}

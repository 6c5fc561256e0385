/**
 * The index of the last element of an ascending array that is at most `value` (0 when even
 * the first is larger): the line of an offset, the chunk of a character.
 */
export function lastAtOrBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

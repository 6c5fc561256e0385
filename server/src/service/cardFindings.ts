/**
 * The rule findings of a dump's cards, one list per card, as incremental analysis keeps them
 * (service/incremental). An edit re-validates only the cards it touches; the findings of the
 * others are not copied to move them (in a 10 MB dump that was half of every keystroke, and
 * most of its garbage): each card keeps the distance its findings have moved since they were
 * made (its shift), and a finding is placed in the current text when it is read.
 *
 * Finding objects are never changed: a shifted finding is a new object with every offset
 * (span, related places, fix edits) moved by the same amount.
 */
import type { Finding } from '../tables/rules';
import { spanContains } from '../text/lineIndex';

/** One card's findings as made, with the lowest and highest offset any of them holds. */
interface CardEntry {
  readonly findings: readonly Finding[];
  readonly lo: number;
  readonly hi: number;
}

const NO_FINDINGS: CardEntry = { findings: [], lo: Infinity, hi: -Infinity };

export class CardFindings {
  private constructor(
    private readonly entries: readonly CardEntry[],
    /** What to add to every offset of entries[i] to place it in the current text. */
    private readonly shifts: readonly number[],
  ) {}

  /** Findings made for the current text, one list per card. */
  static of(perCard: readonly (readonly Finding[])[]): CardFindings {
    return new CardFindings(perCard.map(entryOf), perCard.map(() => 0));
  }

  /** Card `i`'s findings in the current text. */
  at(i: number): Finding[] {
    const shift = this.shifts[i];
    const { findings } = this.entries[i];
    return shift === 0 ? findings.slice() : findings.map((f) => mapOffsets(f, (x) => x + shift));
  }

  /** Every card's findings in the current text, cards in order. */
  all(): Finding[] {
    const out: Finding[] = [];
    for (let i = 0; i < this.entries.length; i++) {
      const shift = this.shifts[i];
      for (const f of this.entries[i].findings) out.push(shift === 0 ? f : mapOffsets(f, (x) => x + shift));
    }
    return out;
  }

  /** The findings whose span contains `offset` (as spanContains says), cards in order. */
  containing(offset: number): Finding[] {
    const out: Finding[] = [];
    for (let i = 0; i < this.entries.length; i++) {
      const { findings, lo, hi } = this.entries[i];
      const at = offset - this.shifts[i];
      if (at < lo || at > hi) continue;
      const shift = this.shifts[i];
      for (const f of findings) if (spanContains(f.span, at)) out.push(shift === 0 ? f : mapOffsets(f, (x) => x + shift));
    }
    return out;
  }

  /**
   * After an edit that moves every offset `x` with `x >= from && x > after` by `delta` (the
   * rule of XsNode.moveOffsets): cards in `fresh` take their new findings (made for the new
   * text), the others move. A card whose findings all lie on one side of the edit costs one
   * number; one whose findings straddle it (possible when another directory's lines sit among
   * its lines) is moved finding by finding.
   */
  edited(after: number, from: number, delta: number, fresh: ReadonlyMap<number, readonly Finding[]>): CardFindings {
    const entries = this.entries.slice();
    const shifts = this.shifts.slice();
    const threshold = Math.max(from, after + 1);
    for (let i = 0; i < entries.length; i++) {
      const made = fresh.get(i);
      if (made) {
        entries[i] = entryOf(made);
        shifts[i] = 0;
        continue;
      }
      const { lo, hi, findings } = entries[i];
      const shift = shifts[i];
      if (delta === 0 || hi + shift < threshold) continue;
      if (lo + shift >= threshold) {
        shifts[i] = shift + delta;
        continue;
      }
      entries[i] = entryOf(findings.map((f) => mapOffsets(f, (x) => (x + shift >= threshold ? x + shift + delta : x + shift))));
      shifts[i] = 0;
    }
    return new CardFindings(entries, shifts);
  }
}

function entryOf(findings: readonly Finding[]): CardEntry {
  if (findings.length === 0) return NO_FINDINGS;
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of findings) {
    forEachOffset(f, (x) => {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    });
  }
  return { findings, lo, hi };
}

/** The highest offset a finding holds (see forEachOffset). */
export function highestOffset(f: Finding): number {
  let hi = -Infinity;
  forEachOffset(f, (x) => {
    if (x > hi) hi = x;
  });
  return hi;
}

/** Every offset a finding holds: its span, its related places, its fix's edits. */
function forEachOffset(f: Finding, visit: (offset: number) => void): void {
  visit(f.span.start);
  visit(f.span.end);
  if (f.related) for (const r of f.related) { visit(r.span.start); visit(r.span.end); }
  const fix = f.fix;
  if (!fix) return;
  if (fix.kind === 'replace') {
    for (const e of fix.edits) { visit(e.span.start); visit(e.span.end); }
    return;
  }
  for (const c of fix.choices) for (const e of c.edits) { visit(e.span.start); visit(e.span.end); }
}

/** A copy of a finding with each offset `x` replaced by `move(x)`. */
export function mapOffsets(f: Finding, move: (offset: number) => number): Finding {
  const span = (s: { start: number; end: number }) => ({ start: move(s.start), end: move(s.end) });
  return {
    ...f,
    span: span(f.span),
    related: f.related?.map((r) => ({ ...r, span: span(r.span) })),
    fix: !f.fix ? undefined : f.fix.kind === 'replace'
      ? { ...f.fix, edits: f.fix.edits.map((e) => ({ ...e, span: span(e.span) })) }
      : { ...f.fix, choices: f.fix.choices.map((c) => ({ ...c, edits: c.edits.map((e) => ({ ...e, span: span(e.span) })) })) },
  };
}

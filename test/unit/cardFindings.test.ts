/**
 * service/cardFindings: the cards' findings moved by a shift per card read exactly as findings
 * moved one by one (every offset `x >= from && x > after` by `delta`), after any sequence of
 * edits, at every boundary; and `containing` finds what a filter of all findings finds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CardFindings, mapOffsets } from '../../server/src/service/cardFindings';
import { finding, Finding, replaceFix, RULES } from '../../server/src/tables/rules';
import { spanContains } from '../../server/src/text/lineIndex';
import { testSeed } from '../seed';

const SEED = testSeed();

/** Offsets from a small range, so that edits land on findings' ends often. */
const offset = fc.nat(40);
const span = fc.tuple(offset, fc.nat(6)).map(([start, length]) => ({ start, end: start + length }));
const oneFinding: fc.Arbitrary<Finding> = fc.record({
  span, fixAt: fc.option(span, { nil: undefined }), relatedAt: fc.option(span, { nil: undefined }),
}).map(({ span: s, fixAt, relatedAt }) => finding(RULES.rateUnsupported, s, 'message',
  fixAt && replaceFix('Fix', fixAt, 'x', true), relatedAt && [{ span: relatedAt, message: 'there' }]));
const cards = fc.array(fc.array(oneFinding, { maxLength: 4 }), { minLength: 1, maxLength: 5 });
/** An edit as the fast paths make them: inside a value (after = start, from = end) or by lines (after = -1). */
const edit = fc.record({
  after: fc.integer({ min: -1, max: 45 }), length: fc.nat(3), delta: fc.integer({ min: -4, max: 4 }),
  byLines: fc.boolean(), revalidate: fc.option(fc.nat(4), { nil: undefined }), fresh: fc.array(oneFinding, { maxLength: 2 }),
});

test('a shift per card reads as moving every finding, after any sequence of edits', (t) => {
  t.diagnostic(`seed ${SEED} (replay: SNDIF_SEED=${SEED})`);
  fc.assert(fc.property(cards, fc.array(edit, { maxLength: 6 }), fc.nat(50), (perCard, edits, probe) => {
    let kept = CardFindings.of(perCard);
    let moved: Finding[][] = perCard.map((fs) => fs.slice());
    for (const e of edits) {
      const after = e.byLines ? -1 : e.after;
      const from = e.byLines ? e.after + 1 : e.after + e.length;
      const fresh = new Map<number, Finding[]>();
      if (e.revalidate !== undefined && e.revalidate < perCard.length) fresh.set(e.revalidate, e.fresh);
      kept = kept.edited(after, from, e.delta, fresh);
      moved = moved.map((fs, i) => fresh.get(i) ?? fs.map((f) => mapOffsets(f, (x) => (x >= from && x > after ? x + e.delta : x))));
    }
    for (let i = 0; i < moved.length; i++) assert.deepEqual(kept.at(i), moved[i], `card ${i}`);
    assert.deepEqual(kept.all(), moved.flat());
    assert.deepEqual(kept.containing(probe), moved.flat().filter((f) => spanContains(f.span, probe)));
  }), { numRuns: 2000, seed: SEED });
});

test('cards on one side of an edit keep their finding objects or move by their shift alone', () => {
  const before = finding(RULES.rateUnsupported, { start: 10, end: 14 }, 'before');
  const afterIt = finding(RULES.rateUnsupported, { start: 30, end: 34 }, 'after', replaceFix('Fix', { start: 31, end: 32 }, '8', true));
  const kept = CardFindings.of([[before], [afterIt]]).edited(20, 21, 5, new Map());
  assert.equal(kept.at(0)[0], before);
  assert.deepEqual(kept.at(1), [{ ...afterIt, span: { start: 35, end: 39 }, fix: { ...afterIt.fix!, edits: [{ span: { start: 36, end: 37 }, text: '8' }] } }]);
  assert.deepEqual(kept.containing(36).map((f) => f.message), ['after']);
  assert.deepEqual(kept.containing(31), []);
});

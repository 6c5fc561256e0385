/**
 * Typing into an xl.cfg of ordinary size (10 cards, 2.4 KB): 1,000 keystrokes into a
 * `sample-rates` value (20 characters typed, then deleted one by one, 25 times), each
 * re-analysed the way the language server does it (`reanalyze()` of the previous analysis and
 * the change) and, after each, a whole `analyze()` of the same text. No warm-up beyond opening
 * the document: the first 200 keystrokes pay for compiling the code, as in a server that just
 * started; the last 200 show the compiled code.
 *
 * `npm run bench` runs it twice: in a process of its own (a server with only this document
 * open) and in the bench's process after the large inputs (a server that has analysed big
 * documents). `node out/bench/xlKeystroke.js` prints one run as JSON.
 */
import { analyze, analyzeForEditing } from '../server/src/service/analyze';
import { reanalyze, TextChange } from '../server/src/service/incremental';
import { xlConfig } from './generate';

export interface Latencies {
  /** Re-analysis after a keystroke, as the language server does it. */
  keystrokeP50: number;
  keystrokeP95: number;
  /** A whole analysis of the same text. */
  analysisP50: number;
  analysisP95: number;
}

export interface XlKeystrokeResult {
  cards: number;
  bytes: number;
  keystrokes: number;
  /** The first 200 keystrokes after opening the document, and the last 200. */
  first: Latencies;
  last: Latencies;
}

const TYPED = ',96000,192000,22050,';
const ROUNDS = 25;
const PHASE = 200;

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

/** The keystrokes as changes and the text after each, made before the clock starts. */
function keystrokes(text: string, at: number): { change: TextChange; text: string }[] {
  const out: { change: TextChange; text: string }[] = [];
  const withTyped = (n: number) => `${text.slice(0, at)}${TYPED.slice(0, n)}${text.slice(at)}`;
  for (let round = 0; round < ROUNDS; round++) {
    for (let n = 1; n <= TYPED.length; n++) out.push({ change: { start: at + n - 1, end: at + n - 1, text: TYPED[n - 1] }, text: withTyped(n) });
    for (let n = TYPED.length - 1; n >= 0; n--) out.push({ change: { start: at + n, end: at + n + 1, text: '' }, text: withTyped(n) });
  }
  return out;
}

function latencies(keystrokeMs: number[], analysisMs: number[]): Latencies {
  return {
    keystrokeP50: percentile(keystrokeMs, 50), keystrokeP95: percentile(keystrokeMs, 95),
    analysisP50: percentile(analysisMs, 50), analysisP95: percentile(analysisMs, 95),
  };
}

export function xlKeystroke(): XlKeystrokeResult {
  const text = xlConfig(2300);
  const at = text.indexOf('sample-rates=') + 'sample-rates='.length;
  const keys = keystrokes(text, at);
  let editable = analyzeForEditing(text, 'xl');
  const cards = editable.analysis.cards.length;
  // Interleaved, so that both see the same compiled code and the same heap.
  const keystrokeMs: number[] = [];
  const analysisMs: number[] = [];
  for (const key of keys) {
    let t0 = performance.now();
    editable = reanalyze(editable, key.change, key.text);
    keystrokeMs.push(performance.now() - t0);
    t0 = performance.now();
    analyze(key.text, 'xl');
    analysisMs.push(performance.now() - t0);
  }
  if (editable.analysis.text !== text) throw new Error('xlKeystroke: the keystrokes do not return to the text');
  return {
    cards, bytes: text.length, keystrokes: keys.length,
    first: latencies(keystrokeMs.slice(0, PHASE), analysisMs.slice(0, PHASE)),
    last: latencies(keystrokeMs.slice(-PHASE), analysisMs.slice(-PHASE)),
  };
}

if (require.main === module) process.stdout.write(JSON.stringify(xlKeystroke()));

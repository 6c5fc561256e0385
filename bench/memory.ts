/** Peak memory of one full analysis, in a process of its own: `node memory.js FILE LANG`. */
import { readFileSync } from 'node:fs';
import { analyze } from '../server/src/service/analyze';
import type { SndifLanguage } from '../server/src/service/language';

const [file, language] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
let heapPeak = 0;
const sample = () => { heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed); };
const timer = setInterval(sample, 5);
const analysis = analyze(text, language as SndifLanguage);
sample();
clearInterval(timer);
process.stdout.write(JSON.stringify({ rssPeakBytes: process.resourceUsage().maxRSS * 1024, heapPeakBytes: heapPeak, cards: analysis.cards.length }));

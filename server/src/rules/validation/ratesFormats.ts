/** Sample rates and formats the frontend ignores, and lists that no longer match. */
import { explained, finding, Finding, replaceFix, RULES } from '../../tables/rules';
import { pieceSpan, RuleContext, valueSpan } from '../context';
import { capitalize, quote } from '../../text/words';
import { FORMAT_BY_LIBXL_NAME, FORMAT_BY_NAME, RATES } from '../../tables/sndif';
import { closest, nearestNumbers } from '../../model/suggest';
import { describeFormats, describeRates } from '../../resolver/describe';
import type { ListRead } from '../../resolver/hw';
import { displayBytes } from '../../tree/xenstoreTree';

const SUPPORTED_RATES = RATES.map((r) => r.value);

export function rateAndFormatRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const visit of ctx.levels) {
    const { resolved, parent } = visit;
    const inherited = parent ? parent.hw : undefined;
    const rates = resolved.reads.rates;
    if (rates) {
      blanks(ctx, rates, out);
      for (const piece of rates.pieces) {
        if (piece.match || piece.partial || piece.text.trim() === '' || hasBlank(piece.text)) continue;
        const n = Number.parseInt(piece.text.trim(), 10);
        const nearest = Number.isFinite(n) ? nearestNumbers(n, SUPPORTED_RATES) : [];
        const span = pieceSpan(rates.node, piece.index);
        out.push(finding(RULES.rateUnsupported, span,
          explained(`Rate ${quote(displayBytes(piece.text), 12)} is not supported and is ignored${nearest.length ? `: use ${nearest.join(' or ')}` : ''}`,
            'The Linux frontend keeps only the rates it knows (sndif.h) and drops the others.'),
          nearest.length ? { kind: 'choices', safe: false, choices: nearest.map((r, i) => ({ title: `Change to ${r}`, edits: [{ span, text: String(r) }], preferred: i === 0 })) } : undefined));
      }
      if (!rates.applied && !rates.cut) {
        const kept = inherited ? describeRates(inherited) : describeRates(resolved.hw);
        out.push(finding(RULES.ratesNoneSupported, valueSpan(rates.node),
          explained('No rate here is supported, so the inherited rates stay: list a supported one',
            `${capitalize(visit.label)} keeps the inherited rates: ${kept}.`)));
      }
    }
    const formats = resolved.reads.formats;
    if (formats) {
      blanks(ctx, formats, out);
      for (const piece of formats.pieces) {
        if (piece.match || piece.partial || piece.text.trim() === '' || hasBlank(piece.text)) continue;
        const span = pieceSpan(formats.node, piece.index);
        const libxl = FORMAT_BY_LIBXL_NAME.get(piece.text.toLowerCase());
        if (libxl && libxl.libxlName !== libxl.name) {
          out.push(finding(RULES.formatUnsupported, span,
            explained(`The guest ignores ${piece.text}: float formats cannot be set through xl`,
              `${piece.text} is libxl's name for ${libxl.name}; the Linux frontend only knows ${libxl.name} and ignores ${piece.text}.`)));
          continue;
        }
        const suggestion = closest(piece.text, [...FORMAT_BY_NAME.keys()]);
        out.push(finding(RULES.formatUnsupported, span,
          explained(`Format ${quote(displayBytes(piece.text), 16)} is unknown and is ignored${suggestion ? `: did you mean ${suggestion}?` : ''}`,
            'The Linux frontend keeps only the formats it knows (sndif.h) and drops the others.'),
          suggestion && ctx.language === 'xenstore' ? replaceFix(`Change to ${suggestion}`, span, suggestion, true) : undefined));
      }
      if (!formats.applied && !formats.cut) {
        const kept = describeFormats(inherited ?? resolved.hw);
        out.push(finding(RULES.formatsNoneSupported, valueSpan(formats.node),
          explained('No format here is known, so the inherited formats stay: list a known one',
            `${capitalize(visit.label)} keeps the inherited formats: ${kept}.`)));
      }
    }
  }
  return out;
}

function hasBlank(s: string): boolean {
  return /\s/.test(s);
}

/** Blanks inside a XenStore list: " 48000" is compared as is and matches nothing. */
function blanks(ctx: RuleContext, read: ListRead, out: Finding[]): void {
  const value = read.node.value;
  if (!value || !read.pieces.some((p) => hasBlank(p.text))) return;
  // Only values written without escapes can be fixed by dropping their blanks.
  const fixed = value.text.replace(/ /g, '');
  const wouldMatch = read.pieces.filter((p) => hasBlank(p.text) && p.text.trim() !== '').map((p) => quote(displayBytes(p.text)));
  out.push(finding(RULES.listBlank, value.span,
    explained('Blanks inside the list make values unmatched and ignored: remove them',
      `The frontend splits on ',' without trimming, so ${wouldMatch.join(', ')} match${wouldMatch.length === 1 ? 'es' : ''} nothing and ${wouldMatch.length === 1 ? 'is' : 'are'} ignored.`),
    // A value the dump cut cannot be written back: its end is not known.
    ctx.language === 'xenstore' && value.direct && !read.cut ? replaceFix('Remove the blanks', value.span, fixed, true) : undefined));
}

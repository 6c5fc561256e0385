/** Sample rates and formats the frontend ignores, and lists that no longer match. */
import { finding, Finding, replaceFix, RULES } from '../../tables/rules';
import { pieceSpan, RuleContext, valueSpan } from '../context';
import { FORMAT_BY_LIBXL_NAME, FORMAT_BY_NAME, RATES } from '../../tables/sndif';
import { closest, nearestNumbers } from '../../model/suggest';
import { describeFormats, describeRates } from '../../resolver/describe';
import type { ListRead } from '../../resolver/hw';

const SUPPORTED_RATES = RATES.map((r) => r.value);

export function rateAndFormatRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const { resolved, parent, label } of ctx.levels) {
    const inherited = parent ? parent.hw : undefined;
    const rates = resolved.reads.rates;
    if (rates) {
      blanks(ctx, rates, out);
      for (const piece of rates.pieces) {
        if (piece.match || piece.text.trim() === '' || hasBlank(piece.text)) continue;
        const n = Number.parseInt(piece.text.trim(), 10);
        const nearest = Number.isFinite(n) ? nearestNumbers(n, SUPPORTED_RATES) : [];
        const span = pieceSpan(rates.node, piece.index);
        out.push(finding(RULES.rateUnsupported, span,
          `Sample rate ${piece.text} is not supported by the Linux frontend, which ignores it${nearest.length ? ` (nearest supported: ${nearest.join(', ')})` : ''}`,
          nearest.length ? { kind: 'choices', safe: false, choices: nearest.map((r, i) => ({ title: `Change to ${r}`, edits: [{ span, text: String(r) }], preferred: i === 0 })) } : undefined));
      }
      if (!rates.applied) {
        const kept = inherited ? describeRates(inherited) : describeRates(resolved.hw);
        out.push(finding(RULES.ratesNoneSupported, valueSpan(rates.node),
          `None of these sample rates is supported, so ${label} keeps the inherited rates: ${kept}`));
      }
    }
    const formats = resolved.reads.formats;
    if (formats) {
      blanks(ctx, formats, out);
      for (const piece of formats.pieces) {
        if (piece.match || piece.text.trim() === '' || hasBlank(piece.text)) continue;
        const span = pieceSpan(formats.node, piece.index);
        const libxl = FORMAT_BY_LIBXL_NAME.get(piece.text.toLowerCase());
        if (libxl && libxl.libxlName !== libxl.name) {
          out.push(finding(RULES.formatUnsupported, span,
            `${piece.text} is libxl's name for ${libxl.name}; the Linux frontend only knows ${libxl.name} and ignores ${piece.text}: float formats cannot be configured through xl`));
          continue;
        }
        const suggestion = closest(piece.text, [...FORMAT_BY_NAME.keys()]);
        out.push(finding(RULES.formatUnsupported, span,
          `Sample format "${piece.text}" is unknown to the Linux frontend, which ignores it${suggestion ? ` (did you mean ${suggestion}?)` : ''}`,
          suggestion && ctx.language === 'xenstore' ? replaceFix(`Change to ${suggestion}`, span, suggestion, true) : undefined));
      }
      if (!formats.applied) {
        const kept = describeFormats(inherited ?? resolved.hw);
        out.push(finding(RULES.formatsNoneSupported, valueSpan(formats.node),
          `None of these sample formats is known to the Linux frontend, so ${label} keeps the inherited formats: ${kept}`));
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
  const wouldMatch = read.pieces.filter((p) => hasBlank(p.text) && p.text.trim() !== '').map((p) => `"${p.text}"`);
  out.push(finding(RULES.listBlank, value.span,
    `Blanks inside the list: the frontend splits on ',' without trimming, so ${wouldMatch.join(', ')} match${wouldMatch.length === 1 ? 'es' : ''} nothing and ${wouldMatch.length === 1 ? 'is' : 'are'} ignored`,
    ctx.language === 'xenstore' && value.direct ? replaceFix('Remove the blanks', value.span, fixed, true) : undefined));
}

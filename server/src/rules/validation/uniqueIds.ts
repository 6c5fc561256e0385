/** Two streams of one card with the same unique-id: the backend cannot tell them apart. */
import { finding, Finding, replaceFix, RULES } from '../../tables/rules';
import { RuleContext, valueSpan } from '../context';
import type { XsNode } from '../../tree/xenstoreTree';
import { fromBytes } from '../../tree/xenstoreTree';

export function uniqueIdRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const card of ctx.cards) {
    const seen = new Map<string, XsNode>();
    const all = new Set<string>();
    for (const d of card.devices) for (const s of d.streams) if (s.uniqueId !== undefined) all.add(s.uniqueId);
    for (const device of card.devices) {
      for (const stream of device.streams) {
        const node = stream.node.child('unique-id');
        if (!node?.value || stream.uniqueId === undefined) continue;
        const first = seen.get(stream.uniqueId);
        if (!first) {
          seen.set(stream.uniqueId, node);
          continue;
        }
        const fresh = freshId(stream.uniqueId, all);
        all.add(fresh);
        out.push(finding(RULES.uniqueIdDuplicate, valueSpan(node),
          `unique-id "${fromBytes(stream.uniqueId)}" is already used by another stream of ${card.label}: the backend cannot tell the two streams apart`,
          replaceFix(`Change to ${fresh}`, valueSpan(node), fresh, true),
          [{ span: valueSpan(first), message: 'first use of this unique-id' }]));
      }
    }
  }
  return out;
}

/** The id with the smallest numeric suffix not in use: `0` → `1`, `spk` → `spk-2`. */
function freshId(id: string, used: Set<string>): string {
  const m = id.match(/^(.*?)(\d+)$/);
  const stem = m ? m[1] : `${id}-`;
  let n = m ? Number(m[2]) + 1 : 2;
  while (used.has(`${stem}${n}`)) n++;
  return `${stem}${n}`;
}

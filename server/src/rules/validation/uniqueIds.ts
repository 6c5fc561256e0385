/**
 * Two streams of one card with the same unique-id. sndif.h asks for a unique id per stream, but
 * the Linux frontend never reads it and snd_be (the only public backend) reads it as the backend
 * device (`pulse`, `alsa<hw:0;0>`), which several streams may share; xen-troops configs repeat
 * `pulse`. So: information, and renaming is offered but never applied by fix-all.
 */
import { explained, finding, Finding, replaceFix, RULES } from '../../tables/rules';
import { RuleContext, valueSpan } from '../context';
import type { XsNode } from '../../tree/xenstoreTree';
import { fromBytes } from '../../tree/xenstoreTree';
import { cardName } from '../../resolver/names';
import { quote } from '../../text/words';

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
          explained(`Unique-id ${quote(fromBytes(stream.uniqueId))} is also used by another stream of this card`,
            `Another stream of ${cardName(card)} has this unique-id. sndif.h asks for a unique id per stream, but neither the Linux frontend nor snd_be needs it: snd_be reads it as the backend device (e.g. pulse), which several streams may share.`),
          replaceFix(`Change to ${fresh}`, valueSpan(node), fresh, false),
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

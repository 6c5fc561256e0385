/** Card probe failures: what makes the guest's frontend give up on the whole card. */
import { explained, finding, Finding, RULES } from '../../tables/rules';
import { capitalize, quote } from '../../text/words';
import { displayBytes } from '../../tree/xenstoreTree';
import type { RuleContext } from '../context';
import { errnoText } from '../../resolver/resolve';
import { fullName as label } from '../../resolver/names';

export function probeRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const card of ctx.cards) {
    if (card.devices.length === 0) {
      out.push(finding(RULES.cardNoDevice, ctx.language === 'xl' ? card.node.span : card.node.keySpan,
        explained(ctx.language === 'xl' ? "Card has no PCM device, so it fails to probe: add a 'PCM' item" : 'Card has no PCM device, so it fails to probe: add device 0/',
          `${capitalize(label(card))}: the guest's frontend fails with ${errnoText('ENODEV')} ("No devices configured for sound card at ${card.path}").`)));
    }
    for (const device of card.devices) {
      for (const stream of device.streams) {
        const typeValue = stream.node.child('type')?.value;
        if (!typeValue) {
          const where = ctx.language === 'xl' ? stream.node.span : stream.node.keySpan;
          const p = stream.node.insertion('type', 'p');
          const c = stream.node.insertion('type', 'c');
          out.push(finding(RULES.streamTypeMissing, where,
            explained('Stream has no type, so its card fails to probe: add type=p or type=c',
              `${capitalize(label(card, device, stream))} has no type: ${ctx.language === 'xl' ? 'xl accepts that, but ' : ''}the guest's frontend fails the whole card with ${errnoText('ENOENT')}.`),
            p && c ? { kind: 'choices', choices: [
              { title: 'Add type=p (playback)', edits: [{ span: { start: p.offset, end: p.offset }, text: p.text }], preferred: true },
              { title: 'Add type=c (capture)', edits: [{ span: { start: c.offset, end: c.offset }, text: c.text }] },
            ] } : undefined));
        } else if (!stream.type) {
          out.push(finding(RULES.streamTypeInvalid, typeValue.span,
            explained('Stream type is not p or c, so its card fails to probe: use p or c',
              `${quote(displayBytes(typeValue.text))} is neither p nor c (compared case-insensitively over 2 bytes): the guest's frontend fails the whole card with ${errnoText('EINVAL')}.`),
            { kind: 'choices', choices: [
              { title: 'Change to p (playback)', edits: [{ span: typeValue.span, text: 'p' }], preferred: true },
              { title: 'Change to c (capture)', edits: [{ span: typeValue.span, text: 'c' }] },
            ] }));
        }
      }
    }
  }
  return out;
}

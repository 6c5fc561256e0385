/** Card probe failures: what makes the guest's frontend give up on the whole card. */
import { finding, Finding, RULES } from '../../tables/rules';
import type { RuleContext } from '../context';
import { errnoText } from '../../resolver/resolve';

export function probeRules(ctx: RuleContext): Finding[] {
  const out: Finding[] = [];
  for (const card of ctx.cards) {
    if (card.devices.length === 0) {
      out.push(finding(RULES.cardNoDevice, ctx.language === 'xl' ? card.node.span : card.node.keySpan,
        `${capital(card.label)} has no PCM device: the guest's card fails to probe with ${errnoText('ENODEV')} ("No devices configured for sound card at ${card.path}")${ctx.language === 'xl' ? '; add a \'PCM\' item with at least one \'STREAM\'' : ''}`));
    }
    for (const device of card.devices) {
      for (const stream of device.streams) {
        const typeValue = stream.node.child('type')?.value;
        if (!typeValue) {
          const where = ctx.language === 'xl' ? stream.node.span : stream.node.keySpan;
          const p = stream.node.insertion('type', 'p');
          const c = stream.node.insertion('type', 'c');
          out.push(finding(RULES.streamTypeMissing, where,
            `Stream ${device.index}/${stream.index} of ${card.label} has no type: ${ctx.language === 'xl' ? 'xl accepts that, but ' : ''}the guest's card fails to probe with ${errnoText('ENOENT')}; add type=p (playback) or type=c (capture)`,
            p && c ? { kind: 'choices', choices: [
              { title: 'Add type=p (playback)', edits: [{ span: { start: p.offset, end: p.offset }, text: p.text }], preferred: true },
              { title: 'Add type=c (capture)', edits: [{ span: { start: c.offset, end: c.offset }, text: c.text }] },
            ] } : undefined));
        } else if (!stream.type) {
          out.push(finding(RULES.streamTypeInvalid, typeValue.span,
            `Stream type "${typeValue.text}" is neither p nor c (compared case-insensitively over 2 bytes): the guest's card fails to probe with ${errnoText('EINVAL')}`,
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

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Keys in a dump that the frontend never reads at that level (typos such as sample_rates). */
import { explained, finding, Finding, replaceFix, RULES } from '../../tables/rules';
import { RuleContext } from '../context';
import { quote } from '../../text/words';
import { CONFIG_KEYS_AT, RUNTIME_KEYS } from '../../tables/sndif';
import { closest } from '../../model/suggest';
import type { XsNode } from '../../tree/xenstoreTree';

type Level = 'card' | 'device' | 'stream';

const KNOWN: Record<Level, ReadonlySet<string>> = {
  card: new Set([...CONFIG_KEYS_AT.card, ...RUNTIME_KEYS.card]),
  device: new Set([...CONFIG_KEYS_AT.device, ...RUNTIME_KEYS.device]),
  stream: new Set([...CONFIG_KEYS_AT.stream, ...RUNTIME_KEYS.stream]),
};

export function unknownKeyRules(ctx: RuleContext): Finding[] {
  if (ctx.language !== 'xenstore') return [];
  const out: Finding[] = [];
  const check = (node: XsNode, level: Level) => {
    const known = KNOWN[level];
    for (const child of node.children) {
      const name = child.name;
      if (known.has(name)) continue;
      if (level !== 'stream' && isIndex(name)) continue;
      const suggestion = closest(name, CONFIG_KEYS_AT[level]);
      const where = level === 'device' ? 'a PCM device' : `a ${level}`;
      out.push(finding(RULES.xsUnknownKey, child.keySpan,
        explained(`Key ${quote(name)} has no effect at ${where}${suggestion ? `: did you mean ${suggestion}?` : ''}`,
          `The Linux frontend never reads "${name}" at ${where}.`),
        suggestion ? replaceFix(`Rename to ${suggestion}`, child.keySpan, suggestion, true) : undefined));
    }
  };
  for (const card of ctx.cards) {
    check(card.node, 'card');
    for (const device of card.devices) {
      check(device.node, 'device');
      for (const stream of device.streams) check(stream.node, 'stream');
    }
  }
  return out;
}

function isIndex(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return name.length > 0;
}

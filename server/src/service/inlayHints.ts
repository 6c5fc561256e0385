/**
 * After each PCM device and stream, what it resolves to and where inherited values come from:
 * `⇢ 44.1–48 kHz · s16_le s32_le · 1–2 ch · 64 KiB (rates, formats from card)`.
 */
import { InlayHint, InlayHintKind, Range } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { HwSource } from '../resolver/hw';
import type { ResolvedLevelBase } from '../resolver/resolve';
import { compactHw } from '../resolver/describe';

export function inlayHints(analysis: Analysis, range: Range): InlayHint[] {
  const from = analysis.lines.offsetAt(range.start);
  const to = analysis.lines.offsetAt(range.end);
  const hints: InlayHint[] = [];
  const add = (level: ResolvedLevelBase, own: 'device' | 'stream') => {
    const at = level.node.span.end;
    if (at < from || at > to || level.node.span.end === level.node.span.start) return;
    hints.push({
      position: analysis.lines.positionAt(at),
      label: `⇢ ${compactHw(level.hw)}${inherited(level.source, own)}`,
      kind: InlayHintKind.Type,
      paddingLeft: true,
    });
  };
  for (const card of analysis.cards) {
    for (const device of card.devices) {
      add(device, 'device');
      for (const stream of device.streams) add(stream, 'stream');
    }
  }
  return hints;
}

/** "(rates, formats from card; buffer from default)" for the values this level did not set. */
export function inherited(source: HwSource, own: 'device' | 'stream'): string {
  const groups = new Map<string, string[]>();
  const note = (name: string, level: string) => {
    if (level === own) return;
    groups.set(level, [...(groups.get(level) ?? []), name]);
  };
  note('rates', source.rates.level);
  note('formats', source.formats.level);
  const channelLevels = new Set([source.channelsMin.level, source.channelsMax.level]);
  if (channelLevels.size === 1) note('channels', source.channelsMin.level);
  else {
    note('channels-min', source.channelsMin.level);
    note('channels-max', source.channelsMax.level);
  }
  note('buffer', source.bufferBytes.level);
  if (groups.size === 0) return '';
  const order = ['device', 'card', 'default'];
  return ` (${[...groups].sort((a, b) => order.indexOf(a[0]) - order.indexOf(b[0])).map(([level, names]) => `${names.join(', ')} from ${level === 'device' ? 'device' : level}`).join('; ')})`;
}

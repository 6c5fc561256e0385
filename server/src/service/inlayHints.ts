/**
 * At the end of each PCM device's and stream's line, what that level changes, in at most 40
 * characters (`⇢ 48000 Hz · 16 KiB`): VS Code cuts longer labels. A level that only inherits
 * gets no hint. The tooltip has the whole resolution and where every value comes from.
 */
import { InlayHint, InlayHintKind, MarkupKind, Range } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { Hw, HwSource } from '../resolver/hw';
import type { ResolvedCard, ResolvedDevice, ResolvedStream } from '../resolver/resolve';
import { compactRates, describeChannels, kib } from '../resolver/describe';
import { levelMarkdown } from './hover';

/** VS Code's editor.inlayHints.maximumLength is 43; stay below it with room for the padding. */
export const MAX_LABEL = 40;

export function inlayHints(analysis: Analysis, range: Range, uri: string): InlayHint[] {
  const from = analysis.lines.offsetAt(range.start);
  const to = analysis.lines.offsetAt(range.end);
  const hints: InlayHint[] = [];
  const add = (own: 'device' | 'stream', card: ResolvedCard, device: ResolvedDevice, stream?: ResolvedStream) => {
    const level = stream ?? device;
    const span = level.node.span;
    if (span.end === span.start || span.end < from || span.start > to) return;
    const label = changeLabel(level.hw, level.source, own);
    if (!label) return;
    const line = analysis.lines.positionAt(span.end).line;
    const end = analysis.lines.lineEnd(line);
    if (end < from || end > to) return;
    hints.push({
      position: analysis.lines.positionAt(end),
      label,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: { kind: MarkupKind.Markdown, value: levelMarkdown(analysis, { card, device, stream }, uri) },
    });
  };
  for (const card of analysis.cards) {
    for (const device of card.devices) {
      add('device', card, device);
      for (const stream of device.streams) add('stream', card, device, stream);
    }
  }
  return hints;
}

/** `⇢ ` and the values this level sets itself, shortened to MAX_LABEL; '' when it sets none. */
export function changeLabel(hw: Hw, source: HwSource, own: 'device' | 'stream'): string {
  const parts: string[] = [];
  if (source.rates.level === own) parts.push(compactRates(hw));
  const formatsAt = parts.length;
  if (source.formats.level === own) parts.push(hw.formats.join(' '));
  if (source.channelsMin.level === own || source.channelsMax.level === own) parts.push(`${describeChannels(hw)} ch`);
  if (source.bufferBytes.level === own) parts.push(kib(hw.bufferBytesMax));
  if (parts.length === 0) return '';
  const label = () => `⇢ ${parts.join(' · ')}`;
  // Too long: fewer formats first (`s16_le s32_le +3`), then rates without their count, then
  // formats only in the tooltip.
  if (label().length > MAX_LABEL && source.formats.level === own) {
    for (let keep = hw.formats.length - 1; keep >= 1 && label().length > MAX_LABEL; keep--) {
      parts[formatsAt] = `${hw.formats.slice(0, keep).join(' ')} +${hw.formats.length - keep}`;
    }
  }
  if (label().length > MAX_LABEL && source.rates.level === own) parts[0] = parts[0].replace(/ \(\d+ rates\)$/, '');
  if (label().length > MAX_LABEL && source.formats.level === own) parts[formatsAt] = '…';
  const text = label();
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

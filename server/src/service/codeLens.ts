/**
 * A CodeLens above each card: whether the guest's frontend probes it and what it holds, opening
 * the resolved configuration (the client's `sndif.showResolved` command) when clicked.
 */
import { CodeLens } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import { errnoText } from '../resolver/resolve';
import { compactHw } from '../resolver/describe';

export const SHOW_RESOLVED_COMMAND = 'sndif.showResolved';

export function codeLenses(analysis: Analysis, uri: string): CodeLens[] {
  return analysis.cards.filter((card) => card.node.span.end > card.node.span.start).map((card) => {
    const streams = card.devices.reduce((n, d) => n + d.streams.length, 0);
    const shape = `${card.devices.length} PCM device${card.devices.length === 1 ? '' : 's'}, ${streams} stream${streams === 1 ? '' : 's'}`;
    const title = card.probe.ok
      ? `✓ Probes · ${shape} · ${compactHw(card.hw)}`
      : `✗ Fails to probe (${errnoText(card.probe.errno)}) · ${shape}`;
    const start = analysis.lines.positionAt(card.node.span.start);
    return {
      range: { start: { line: start.line, character: 0 }, end: { line: start.line, character: 0 } },
      command: { title, command: SHOW_RESOLVED_COMMAND, arguments: [uri] },
    };
  });
}

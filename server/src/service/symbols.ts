/** Outline: card → PCM device → stream. */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { XsNode } from '../tree/xenstoreTree';
import { subtreeExtent } from '../tree/xenstoreTree';
import { cardName, deviceName, streamName } from '../resolver/names';
import type { Span } from '../text/lineIndex';
import { compactHw } from '../resolver/describe';


/**
 * Names from resolver/names.ts (the same as in Problems, hover and the report); icons from one
 * codicon family (module, namespace, package share the `{}` glyph) so the tree reads by name.
 * Every card says whether it probes, every level what it resolves to.
 */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const range = (s: Span) => analysis.lines.rangeOf(s);
  const symbol = (name: string, detail: string, kind: SymbolKind, node: XsNode, children: DocumentSymbol[]): DocumentSymbol => {
    // A dump node covers its whole subtree; an xl node already covers its item or list.
    const whole = analysis.language === 'xl' ? node.span : subtreeExtent(node);
    const selection = analysis.language === 'xl' ? node.span : node.keySpan;
    return { name, detail, kind, range: range(whole), selectionRange: range(selection), children };
  };
  return analysis.cards.map((card) => {
    const devices = card.devices.map((device) => {
      const streams = device.streams.map((stream) => symbol(streamName(stream),
        `${stream.type === 'p' ? 'playback' : stream.type === 'c' ? 'capture' : 'no type'} · ${compactHw(stream.hw)}`,
        SymbolKind.Package, stream.node, []));
      return symbol(deviceName(device), compactHw(device.hw), SymbolKind.Namespace, device.node, streams);
    });
    const status = card.probe.ok ? 'probes' : `fails to probe (-${card.probe.errno})`;
    return symbol(cardName(card), `${status} · ${compactHw(card.hw)}`, SymbolKind.Module, card.node, devices);
  }).filter((s) => s.range.end.line >= s.range.start.line);
}

/** Outline: card → PCM device → stream, named by short-name / name / unique-id. */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver-types';
import type { Analysis } from './analyze';
import type { XsNode } from '../tree/xenstoreTree';
import { fromBytes, subtreeExtent } from '../tree/xenstoreTree';
import type { Span } from '../text/lineIndex';
import { compactHw } from '../resolver/describe';


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
      const streams = device.streams.map((stream) => symbol(
        stream.uniqueId !== undefined ? fromBytes(stream.uniqueId) : `stream ${stream.index}`,
        `${stream.type === 'p' ? 'playback' : stream.type === 'c' ? 'capture' : 'no type'} · ${compactHw(stream.hw)}`,
        SymbolKind.Event, stream.node, []));
      return symbol(device.name ? fromBytes(device.name) : `PCM ${device.index}`, compactHw(device.hw), SymbolKind.Interface, device.node, streams);
    });
    const name = card.shortName !== undefined ? fromBytes(card.shortName) : card.label;
    return symbol(name, card.probe.ok ? card.path : `fails to probe: ${card.probe.errno}`, SymbolKind.Module, card.node, devices);
  }).filter((s) => s.range.end.line >= s.range.start.line);
}

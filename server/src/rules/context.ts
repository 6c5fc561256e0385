import type { Span } from '../text/lineIndex';
import type { ResolvedCard } from '../resolver/resolve';
import type { XsDump } from '../syntax/xenstore/parser';
import type { XsNode } from '../model/xenstoreTree';
import { pieceSpans } from '../model/xenstoreTree';
import type { FixData } from './catalogue';

export interface RuleOptions {
  /** Warn when a lower level widens its parent's range (the man page's rule). */
  readonly narrowingWarnings: boolean;
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = { narrowingWarnings: true };

/** What resolver-level rules see: the same for both languages. */
export interface RuleContext {
  readonly language: 'xl' | 'xenstore';
  readonly cards: ResolvedCard[];
  readonly dump?: XsDump;
  readonly options: RuleOptions;
  /** The document, for fixes that move text around. */
  readonly sourceText: string;
}

/** Where a key's value is written, falling back to the node's definition. */
export function valueSpan(node: XsNode): Span {
  return node.value?.span ?? node.span;
}

/** The document span of piece `index` of a list value. */
export function pieceSpan(node: XsNode, index: number): Span {
  if (!node.value) return node.span;
  return pieceSpans(node.value)[index] ?? node.value.span;
}

export function replaceFix(title: string, span: Span, text: string, preferred = true, safe = preferred): FixData {
  return { kind: 'replace', title, edits: [{ span, text }], preferred, safe };
}

/** Human level names for messages. */
export function levelName(level: 'card' | 'device' | 'stream' | 'default'): string {
  return level === 'device' ? 'PCM device' : level;
}

import type { ResolvedLevelBase } from '../resolver/resolve';

export interface LevelVisit {
  readonly level: 'card' | 'device' | 'stream';
  readonly resolved: ResolvedLevelBase;
  readonly parent: ResolvedLevelBase | undefined;
  /** "card 1/0", "PCM device 0", "stream 0/1", for messages. */
  readonly label: string;
}

/** Every level of every card, parents before children. */
export function* levels(cards: readonly ResolvedCard[]): Generator<LevelVisit> {
  for (const card of cards) {
    yield { level: 'card', resolved: card, parent: undefined, label: card.label };
    for (const device of card.devices) {
      yield { level: 'device', resolved: device, parent: card, label: `PCM device ${device.index} of ${card.label}` };
      for (const stream of device.streams) {
        yield { level: 'stream', resolved: stream, parent: device, label: `stream ${device.index}/${stream.index} of ${card.label}` };
      }
    }
  }
}

import type { Span } from '../text/lineIndex';
import type { ResolvedCard, ResolvedLevelBase } from '../resolver/resolve';
import type { XsNode } from '../tree/xenstoreTree';
import { pieceSpans } from '../tree/xenstoreTree';

export interface RuleOptions {
  /** Warn when a lower level widens its parent's range (the man page's rule). */
  readonly narrowingWarnings: boolean;
}

export const DEFAULT_RULE_OPTIONS: RuleOptions = { narrowingWarnings: true };

/** What resolver-level rules see: the same for both languages. */
export interface RuleContext {
  readonly language: 'xl' | 'xenstore';
  readonly cards: ResolvedCard[];
  readonly options: RuleOptions;
  /** The document, for fixes that move text around. */
  readonly sourceText: string;
  /** Every card, device and stream, parents first (computed once for all rules). */
  readonly levels: readonly LevelVisit[];
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

/** Human level names for messages. */
export function levelName(level: 'card' | 'device' | 'stream' | 'default'): string {
  return level === 'device' ? 'PCM device' : level;
}


export interface LevelVisit {
  readonly level: 'card' | 'device' | 'stream';
  readonly resolved: ResolvedLevelBase;
  readonly parent: ResolvedLevelBase | undefined;
  /** "card 1/0", "PCM device 0", "stream 0/1", for messages. */
  readonly label: string;
}

/** A level and its message label, which is only built when a message needs it. */
class Visit implements LevelVisit {
  constructor(
    readonly level: 'card' | 'device' | 'stream',
    readonly resolved: ResolvedLevelBase,
    readonly parent: ResolvedLevelBase | undefined,
    private readonly card: ResolvedCard,
    private readonly device?: { index: number },
    private readonly stream?: { index: number },
  ) {}

  get label(): string {
    if (this.stream && this.device) return `stream ${this.device.index}/${this.stream.index} of ${this.card.label}`;
    if (this.device) return `PCM device ${this.device.index} of ${this.card.label}`;
    return this.card.label;
  }
}

/** Every level of every card, parents before children. */
export function levelsOf(cards: readonly ResolvedCard[]): LevelVisit[] {
  const out: LevelVisit[] = [];
  for (const card of cards) {
    out.push(new Visit('card', card, undefined, card));
    for (const device of card.devices) {
      out.push(new Visit('device', device, card, card, device));
      for (const stream of device.streams) out.push(new Visit('stream', stream, device, card, device, stream));
    }
  }
  return out;
}

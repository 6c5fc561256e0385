import type { Span } from '../text/lineIndex';
import type { TextSource } from '../text/chunkedText';
import type { XsNode } from '../tree/xenstoreTree';
import { pieceSpans } from '../tree/xenstoreTree';
import type { ResolvedCard, ResolvedDevice, ResolvedLevelBase, ResolvedStream } from '../resolver/resolve';
import { fullName } from '../resolver/names';

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
  readonly sourceText: TextSource;
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



export interface LevelVisit {
  readonly level: 'card' | 'device' | 'stream';
  readonly resolved: ResolvedLevelBase;
  readonly parent: ResolvedLevelBase | undefined;
  /** `stream "out" of PCM "Main" of card "IVI"` (resolver/names.ts), for messages. */
  readonly label: string;
}

/** A level and its message label, which is only built when a message needs it. */
class Visit implements LevelVisit {
  constructor(
    readonly level: 'card' | 'device' | 'stream',
    readonly resolved: ResolvedLevelBase,
    readonly parent: ResolvedLevelBase | undefined,
    private readonly card: ResolvedCard,
    private readonly device?: ResolvedDevice,
    private readonly stream?: ResolvedStream,
  ) {}

  get label(): string {
    return fullName(this.card, this.device, this.stream);
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

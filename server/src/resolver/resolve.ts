/**
 * xen_snd_front_cfg_card and friends (Linux sound/xen/xen_snd_front_cfg.c): count devices
 * `0/`, `1/`, … up to 8 stopping at the first missing index (none: -ENODEV); read the card,
 * then each device (name, hw, streams counted the same way up to 8, every stream's type
 * checked: missing -ENOENT, other than p/c -EINVAL, either aborting the whole card), then each
 * stream's hw. Everything is resolved even after a failure, so the editor can show it, and the
 * first failure in kernel order is the card's probe result.
 */
import { DEFAULT_MAX_PCM_DEVICES, LIMITS, MaxPcmDevices } from '../tables/sndif';
import { displayBytes, XsNode } from '../tree/xenstoreTree';
import type { CardRoot } from '../tree/xenstoreTree';
import { cString, Hw, HwSource, LevelReads, readLevel, strncasecmpEqual } from './hw';

export interface ResolvedLevelBase {
  readonly node: XsNode;
  readonly hw: Hw;
  readonly source: HwSource;
  readonly reads: LevelReads;
}

export interface ResolvedStream extends ResolvedLevelBase {
  /** Index below the device (the XenStore node name). */
  readonly index: number;
  /** The frontend's running stream index across the card, when the card probes. */
  readonly cardIndex: number | undefined;
  readonly type: 'p' | 'c' | undefined;
  readonly typeNode: XsNode | undefined;
  readonly uniqueId: string | undefined;
}

export interface ResolvedDevice extends ResolvedLevelBase {
  readonly index: number;
  /** The name as the frontend keeps it (at most 79 bytes). */
  readonly name: string;
  readonly nameNode: XsNode | undefined;
  readonly streams: ResolvedStream[];
  /** Stream nodes the frontend never looks at: after a gap or past 8. */
  readonly ignored: IgnoredNode[];
}

export interface IgnoredNode {
  readonly node: XsNode;
  readonly reason: 'gap' | 'limit';
}

export type ProbeErrno = 'ENODEV' | 'ENOENT' | 'EINVAL';

export interface ProbeFailure {
  readonly errno: ProbeErrno;
  readonly message: string;
  /** The node responsible: the card (ENODEV) or the stream. */
  readonly node: XsNode;
}

export interface ResolvedCard extends ResolvedLevelBase {
  readonly root: CardRoot;
  /** Where the card is in XenStore; undefined for a listing that does not say (no path prefix, no backend link). */
  readonly path: string | undefined;
  readonly id: string;
  /** "card 0" (xl) or "card 0 of domain 3" (dump), for messages. */
  readonly label: string;
  readonly probe: { ok: true } | ({ ok: false } & ProbeFailure);
  readonly devices: ResolvedDevice[];
  readonly ignored: IgnoredNode[];
  readonly shortName: string | undefined;
  readonly longName: string | undefined;
  /** How many PCM devices the guest reads (SNDRV_PCM_DEVICES of its kernel). */
  readonly deviceLimit: MaxPcmDevices;
}

export interface ResolveOptions {
  /** SNDRV_PCM_DEVICES of the guest kernel: 8, or 254 with CONFIG_SND_DYNAMIC_MINORS. */
  readonly maxPcmDevices?: MaxPcmDevices;
}

const ERRNO_VALUES: Record<ProbeErrno, number> = { ENODEV: 19, ENOENT: 2, EINVAL: 22 };

export function errnoText(errno: ProbeErrno): string {
  return `-${errno} (-${ERRNO_VALUES[errno]})`;
}

/**
 * Children `0`, `1`, … while they exist, at most `limit`; the other numeric children are ignored.
 * The frontend checks existence with the index printed into `char node[3]`, so from 100 on it
 * looks at the first two digits (`10` for 100) and then reads the full index, which may not
 * exist: such a device reads no key of its own (a node outside the tree stands for it).
 */
function enumerate(node: XsNode, limit: number): { counted: XsNode[]; ignored: IgnoredNode[] } {
  const counted: XsNode[] = [];
  for (let i = 0; i < limit; i++) {
    const name = String(i);
    const probe = name.length > LIMITS.indexNameBytes ? node.child(name.slice(0, LIMITS.indexNameBytes)) : node.child(name);
    if (!probe) break;
    counted.push(node.child(name) ?? new XsNode(name, node, node.spanStart, node.spanStart));
  }
  // The first missing index decides why a node is ignored: past the limit with no gap before
  // it, or after a gap. Found once, so thousands of nodes stay linear.
  let firstGap = counted.length;
  if (firstGap === limit) while (node.child(String(firstGap))) firstGap++;
  const ignored: IgnoredNode[] = [];
  for (const child of node.children) {
    const name = child.name;
    if (!isDecimal(name)) continue;
    const index = Number(name);
    if (index < counted.length && counted[index] === child) continue;
    ignored.push({ node: child, reason: index >= limit && index < firstGap ? 'limit' : 'gap' });
  }
  ignored.sort((a, b) => Number(a.node.name) - Number(b.node.name));
  return { counted, ignored };
}

/** /^\d+$/ without a regular expression (every child of every level is asked). */
function isDecimal(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return name.length > 0;
}

function resolveCard(root: CardRoot, options: ResolveOptions = {}): ResolvedCard {
  const deviceLimit = options.maxPcmDevices ?? DEFAULT_MAX_PCM_DEVICES;
  const cardNode = root.node;
  const path = root.domid === '?' ? undefined : `/local/domain/${root.domid}/device/vsnd/${root.index}`;
  const { counted: deviceNodes, ignored } = enumerate(cardNode, deviceLimit);
  const card = readLevel(cardNode, 'card', null, null);
  let failure: ProbeFailure | undefined;
  if (deviceNodes.length === 0) {
    failure = { errno: 'ENODEV', node: cardNode, message: path ? `No devices configured for sound card at ${path}` : 'No devices configured for the sound card' };
  }

  let streamCount = 0;
  const devices: ResolvedDevice[] = deviceNodes.map((deviceNode, index) => {
    const raw = deviceNode.child('name')?.valueText;
    const name = raw === undefined ? '' : truncateBytes(cString(raw), LIMITS.pcmNameBytes);
    const level = readLevel(deviceNode, 'device', card.hw, card.source);
    const { counted: streamNodes, ignored: ignoredStreams } = enumerate(deviceNode, LIMITS.maxStreams);
    const typed = streamNodes.map((streamNode) => {
      const typeNode = streamNode.child('type');
      const value = typeNode?.valueText;
      const type = value === undefined ? undefined
        : strncasecmpEqual(value, 'p', LIMITS.typeCompareLength) ? 'p' as const
          : strncasecmpEqual(value, 'c', LIMITS.typeCompareLength) ? 'c' as const : undefined;
      return { streamNode, typeNode: typeNode?.value ? typeNode : undefined, value, type };
    });
    // cfg_get_stream_type runs over all streams of the device before any is configured.
    if (!failure) {
      for (const t of typed) {
        if (t.value === undefined) {
          failure = { errno: 'ENOENT', node: t.streamNode, message: `Stream ${streamPath(path, index, t.streamNode)} has no type` };
          break;
        }
        if (!t.type) {
          failure = { errno: 'EINVAL', node: t.typeNode ?? t.streamNode, message: `Stream ${streamPath(path, index, t.streamNode)} has type "${displayBytes(t.value)}", not p or c` };
          break;
        }
      }
    }
    const probing = !failure;
    const streams: ResolvedStream[] = typed.map((t, j) => {
      const read = readLevel(t.streamNode, 'stream', level.hw, level.source);
      return {
        node: t.streamNode,
        hw: read.hw,
        source: read.source,
        reads: read.reads,
        index: j,
        cardIndex: probing ? streamCount++ : undefined,
        type: t.type,
        typeNode: t.typeNode,
        uniqueId: t.streamNode.child('unique-id')?.valueText,
      };
    });
    return { node: deviceNode, hw: level.hw, source: level.source, reads: level.reads, index, name, nameNode: deviceNode.child('name'), streams, ignored: ignoredStreams };
  });

  return {
    hw: card.hw,
    source: card.source,
    reads: card.reads,
    node: cardNode,
    root,
    path,
    id: `${root.domid}/${root.index}`,
    label: root.label,
    probe: failure ? { ok: false, ...failure } : { ok: true },
    devices,
    ignored,
    shortName: cardNode.child('short-name')?.valueText,
    longName: cardNode.child('long-name')?.valueText,
    deviceLimit,
  };
}

/** A stream's directory: under its card's path, or (a listing that does not say where the card is) from the card down. */
function streamPath(cardPath: string | undefined, device: number, stream: XsNode): string {
  return cardPath ? `${cardPath}/${device}/${stream.name}` : `${device}/${stream.name}`;
}

/** strlcpy into a fixed field keeps at most `max` bytes. */
function truncateBytes(bytes: string, max: number): string {
  return bytes.length > max ? bytes.slice(0, max) : bytes;
}

export function resolveCards(roots: CardRoot[], options: ResolveOptions = {}): ResolvedCard[] {
  return roots.map((root) => resolveCard(root, options));
}

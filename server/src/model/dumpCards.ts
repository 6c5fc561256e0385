/**
 * Where the cards of a XenStore dump are: below /local/domain/D/device/vsnd in a listing with
 * paths, or, for a listing without path prefix, found from its shape and each card's
 * `backend` link. Each card is paired with its backend directory when the dump has it.
 */
import type { XsDump } from '../syntax/xenstore/parser';
import type { CardRoot, XsNode } from '../tree/xenstoreTree';
import { CONFIG_KEYS_AT, RUNTIME_KEYS } from '../tables/sndif';

/** Keys a frontend card directory may hold: a numbered node with one of them looks like a card. */
// `state` and `protocol` are in every device directory (vbd, vif, console): they do not make a
// node look like a sound card.
const CARD_KEYS: ReadonlySet<string> = new Set(
  [...CONFIG_KEYS_AT.card, ...RUNTIME_KEYS.card].filter((key) => key !== 'state' && key !== 'protocol'),
);

export function dumpCards(dump: Pick<XsDump, 'root' | 'relative'>): CardRoot[] {
  return dump.relative ? inferCards(dump.root) : absoluteCards(dump.root);
}

function absoluteCards(root: XsNode): CardRoot[] {
  const cards: CardRoot[] = [];
  const domains = root.child('local')?.child('domain');
  if (!domains) return cards;
  for (const domain of domains.children) {
    const domid = domain.name;
    const vsnd = domain.child('device')?.child('vsnd');
    if (!vsnd) continue;
    for (const node of vsnd.children) {
      const index = node.name;
      const backend = backendTwin(root, node, domid, index);
      cards.push({ node, domid, index, label: `card ${index} of domain ${domid}`, backend });
    }
  }
  return cards;
}

function backendTwin(root: XsNode, card: XsNode, domid: string, index: string): XsNode | undefined {
  const link = card.child('backend')?.valueText;
  const fromLink = link?.match(/^\/local\/domain\/([^/]+)\/backend\/vsnd\/[^/]+\/[^/]+$/);
  const b = fromLink ? fromLink[1] : '0';
  return root.child('local')?.child('domain')?.child(b)?.child('backend')?.child('vsnd')?.child(domid)?.child(index);
}

/**
 * A listing without path prefix (`xenstore-ls /local/domain/1/device/vsnd`, or one card):
 * find where its cards are from its shape and from each card's `backend` link.
 */
function inferCards(root: XsNode): CardRoot[] {
  const fromLink = (node: XsNode, fallbackIndex: string): CardRoot => {
    const m = node.child('backend')?.valueText?.match(/^\/local\/domain\/[^/]+\/backend\/vsnd\/([^/]+)\/([^/]+)$/);
    return { node, domid: m ? m[1] : '?', index: m ? m[2] : fallbackIndex, label: m ? `card ${m[2]} of domain ${m[1]}` : `card ${fallbackIndex}` };
  };
  const looksLikeCard = (node: XsNode) =>
    node.children.some((c) => CARD_KEYS.has(c.name)) || node.child('0') !== undefined;
  // A listing that contains a vsnd directory (of a domain or its device directory).
  const vsndDirs: XsNode[] = [];
  const walk = (node: XsNode, depth: number) => {
    if (depth > 6) return;
    for (const child of node.children) {
      if (child.name === 'vsnd' && (node === root || node.name === 'device')) vsndDirs.push(child);
      else walk(child, depth + 1);
    }
  };
  walk(root, 0);
  if (vsndDirs.length) return vsndDirs.flatMap((dir) => dir.children.map((node) => fromLink(node, node.name)));
  const top = root.children;
  if (top.some((c) => CARD_KEYS.has(c.name))) return [fromLink(root, '0')];
  return top.filter((node) => /^\d+$/.test(node.name) && looksLikeCard(node)).map((node) => fromLink(node, node.name));
}

/**
 * One naming scheme for cards, PCM devices and streams, used by Problems messages, hover,
 * inlay tooltips, the report and the outline: by short-name / PCM name / unique-id where there
 * is one, by index where not. `card "IVI"`, `card 0`, `PCM "Media"`, `PCM 1`,
 * `stream "media-in"`, `stream 1`; in a dump the card also says its domain.
 */
import type { ResolvedCard, ResolvedDevice, ResolvedStream } from './resolve';
import { fromBytes } from '../tree/xenstoreTree';

export function cardName(card: ResolvedCard): string {
  const domain = card.root.domid !== '?' && card.label.includes(' of domain ') ? ` of domain ${card.root.domid}` : '';
  return card.shortName !== undefined && card.shortName !== '' ? `card "${fromBytes(card.shortName)}"${domain}` : card.label;
}

export function deviceName(device: ResolvedDevice): string {
  return device.name ? `PCM "${fromBytes(device.name)}"` : `PCM ${device.index}`;
}

export function streamName(stream: ResolvedStream): string {
  return stream.uniqueId !== undefined && stream.uniqueId !== '' ? `stream "${fromBytes(stream.uniqueId)}"` : `stream ${stream.index}`;
}

/** The whole path, innermost first: `stream 1 of PCM "Media" of card "IVI"`. */
export function fullName(card: ResolvedCard, device?: ResolvedDevice, stream?: ResolvedStream): string {
  const parts = [cardName(card)];
  if (device) parts.unshift(deviceName(device));
  if (device && stream) parts.unshift(streamName(stream));
  return parts.join(' of ');
}

/** The level that set a value, in the same words: `default`, `card`, `PCM`, `stream`. */
export function levelWord(level: 'default' | 'card' | 'device' | 'stream'): string {
  return level === 'device' ? 'PCM' : level;
}

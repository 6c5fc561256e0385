/**
 * Realistic inputs of a given size: `xenstore-ls -f` and plain dumps of a busy host (N
 * domains with disks, networks, consoles and 1–4 vsnd cards each, some with mistakes), and
 * xl.cfg files with many cards. Deterministic for a given size and seed.
 */
import { random } from '../test/conformance/generate';

interface Node { name: string; value: string; children: Node[] }

const leaf = (name: string, value: string): Node => ({ name, value, children: [] });
const dir = (name: string, children: Node[], value = ''): Node => ({ name, value, children });

function vsndCard(rand: () => number, domid: number, n: number): Node {
  const broken = rand() < 0.2;
  const streams = (d: number) => Array.from({ length: 1 + Math.floor(rand() * 2) }, (_, j) => dir(String(j), [
    leaf('unique-id', `dom${domid}-c${n}-d${d}-s${j}`),
    leaf('type', broken && j === 1 ? 'playback' : j % 2 ? 'c' : 'p'),
    ...(rand() < 0.3 ? [leaf('sample-rates', broken ? '44100, 48000' : '48000')] : []),
    leaf('ring-ref', String(2000 + j)), leaf('event-channel', String(10 + j)),
    leaf('evt-ring-ref', String(1900 + j)), leaf('evt-event-channel', String(20 + j)),
  ]));
  return dir(String(n), [
    leaf('backend', `/local/domain/0/backend/vsnd/${domid}/${n}`), leaf('backend-id', '0'), leaf('state', '4'),
    leaf('short-name', `Card${n}`), leaf('long-name', `Virtual sound card ${n} of domain ${domid}`),
    leaf('sample-rates', '8000,16000,44100,48000'), leaf('sample-formats', 's16_le,s32_le'),
    leaf('channels-min', '1'), leaf('channels-max', broken ? '0x2' : '2'), leaf('buffer-size', '65536'),
    ...Array.from({ length: 1 + Math.floor(rand() * 2) }, (_, d) => dir(String(d), [leaf('name', `pcm${d}`), ...streams(d)])),
  ]);
}

function domain(rand: () => number, domid: number): Node {
  const cards = 1 + Math.floor(rand() * 4);
  return dir(String(domid), [
    leaf('vm', `/vm/00000000-0000-0000-0000-${String(domid).padStart(12, '0')}`),
    leaf('name', `guest-${domid}`), leaf('domid', String(domid)),
    dir('memory', [leaf('static-max', '2097152'), leaf('target', '2097152'), leaf('videoram', '-1')]),
    dir('cpu', [dir('0', [leaf('availability', 'online')]), dir('1', [leaf('availability', 'online')])]),
    dir('device', [
      dir('vbd', [dir('51712', [leaf('backend', `/local/domain/0/backend/vbd/${domid}/51712`), leaf('backend-id', '0'), leaf('state', '4'), leaf('virtual-device', '51712'), leaf('device-type', 'disk'), leaf('ring-ref', '8'), leaf('event-channel', '5'), leaf('protocol', 'x86_64-abi')])]),
      dir('vif', [dir('0', [leaf('backend', `/local/domain/0/backend/vif/${domid}/0`), leaf('backend-id', '0'), leaf('state', '4'), leaf('handle', '0'), leaf('mac', `00:16:3e:${(domid >> 8 & 255).toString(16).padStart(2, '0')}:${(domid & 255).toString(16).padStart(2, '0')}:01`), leaf('tx-ring-ref', '9'), leaf('rx-ring-ref', '10'), leaf('event-channel', '6'), leaf('request-rx-copy', '1')])]),
      dir('vsnd', Array.from({ length: cards }, (_, n) => vsndCard(rand, domid, n))),
    ]),
    dir('console', [leaf('ring-ref', '1'), leaf('port', '2'), leaf('limit', '1048576'), leaf('type', 'xenconsoled')]),
    dir('control', [leaf('shutdown', ''), leaf('feature-poweroff', '1'), leaf('feature-reboot', '1')]),
  ]);
}

function host(rand: () => number, targetBytes: number, full: boolean): string {
  const out: string[] = [];
  let size = 0;
  const emit = (node: Node, path: string, depth: number) => {
    const line = full ? `${path}/${node.name} = "${node.value}"` : `${' '.repeat(depth)}${node.name} = "${node.value}"`;
    out.push(line);
    size += line.length + 1;
    for (const c of node.children) emit(c, `${path}/${node.name}`, depth + 1);
  };
  const header = full
    ? ['/tool = ""', '/tool/xenstored = ""', '/local = ""', '/local/domain = ""']
    : ['tool = ""', ' xenstored = ""', 'local = ""', ' domain = ""'];
  out.push(...header);
  for (let domid = 1; size < targetBytes; domid++) emit(domain(rand, domid), full ? '/local/domain' : '', full ? 0 : 2);
  return `${out.join('\n')}\n`;
}

export function dump(targetBytes: number, form: 'plain' | 'full', seed = 1): string {
  return host(random(seed), targetBytes, form === 'full');
}

export function xlConfig(targetBytes: number, seed = 1): string {
  const rand = random(seed);
  const cards: string[] = [];
  let size = 200;
  for (let n = 0; size < targetBytes; n++) {
    const broken = rand() < 0.2;
    const card = `    [ 'CARD, short-name=Card${n}, sample-rates=44100;48000, sample-formats=s16_le;s32_le, channels-max=2',\n`
      + `      'PCM, name=Main${n}${broken ? ', buffer-size=96' : ''}',\n`
      + `        'STREAM, unique-id=out${n}, type=p',\n`
      + `        'STREAM, ${broken ? 'id' : 'unique-id'}=in${n}, type=c, channels-max=1' ],\n`;
    cards.push(card);
    size += card.length;
  }
  return `name = "bench"\nkernel = "/boot/vmlinuz"\nmemory = 2048\nvsnd = [\n${cards.join('')}]\n`;
}

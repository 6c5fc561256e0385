/** A xenstore-ls dump re-emitted as a nested YAML document, for the peer comparison. */
export function toYaml(dumpText: string): string {
  const out: string[] = [];
  // Re-read every line (not only vsnd nodes) from the -f or plain form.
  const stack: string[] = [];
  for (const raw of dumpText.split('\n')) {
    const m = raw.match(/^( *)(\S+) = "(.*)"$/);
    if (!m) continue;
    let depth: number;
    let name: string;
    if (m[2].startsWith('/')) {
      const parts = m[2].split('/').slice(1);
      // Emit missing ancestors for full paths.
      for (let i = 0; i < parts.length - 1; i++) {
        if (stack[i] !== parts[i]) {
          stack.length = i;
          stack.push(parts[i]);
          out.push(`${'  '.repeat(i)}"${parts[i]}":`);
        }
      }
      depth = parts.length - 1;
      name = parts[parts.length - 1];
    } else {
      depth = m[1].length;
      name = m[2];
    }
    stack.length = depth;
    stack.push(name);
    out.push(`${'  '.repeat(depth)}"${name}":${m[3] ? ` ${JSON.stringify(m[3])}` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

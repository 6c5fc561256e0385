// After `vsce package`: the .vsix is one package for the desktop and the web (it holds the files
// package.json names as "main" and "browser") and stays under 1 MiB.
// usage: node scripts/check-vsix.mjs FILE.vsix
import { readFileSync } from 'node:fs';

const LIMIT = 1024 * 1024;
const file = process.argv[2];
const zip = readFileSync(file);

/** Entry names from the zip's central directory (found through its end record). */
function entryNames(buffer) {
  const end = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error(`${file} is not a zip file`);
  const count = buffer.readUInt16LE(end + 10);
  let at = buffer.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: broken central directory`);
    const nameLength = buffer.readUInt16LE(at + 28);
    names.push(buffer.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return names;
}

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
const names = new Set(entryNames(zip));
const problems = [];
for (const entry of ['main', 'browser']) {
  const wanted = `extension/${manifest[entry].replace(/^\.\//, '')}`;
  if (!names.has(wanted)) problems.push(`"${entry}" (${manifest[entry]}) is not in the package`);
}
if (zip.length >= LIMIT) problems.push(`${(zip.length / 1024).toFixed(0)} KB, over the 1 MiB limit`);
if (problems.length) {
  console.error(`${file}: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(`${file}: ${(zip.length / 1024).toFixed(1)} KB, with the desktop ("main") and web ("browser") entries`);

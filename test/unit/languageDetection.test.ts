/**
 * VS Code picks the xenstore language for a file it has no name pattern for by its first line
 * (package.json `firstLine`): that must match the first line of every listing of a whole
 * store or of a domain, in each form xenstore-ls prints (plain, -f, -p, -f -p).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dump } from '../../bench/generate';

const ROOT = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { languages: { id: string; firstLine?: string }[] } };
const firstLine = new RegExp(manifest.contributes.languages.find((l) => l.id === 'xenstore')!.firstLine!);

test('the xenstore firstLine pattern matches how xenstore-ls starts a listing', () => {
  const starts = [
    'tool = ""', // xenstore-ls
    '/tool = ""', // xenstore-ls -f
    'tool = ""  . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . .  (n0)', // -p
    '/tool = ""                                                                                  (n0)', // -f -p
    '/tool/xenstored = ""',
    'local = ""', // a store without /tool
    '/local = ""',
    '/local/domain/1/device/vsnd/0/backend = "/local/domain/0/backend/vsnd/1/0"', // xenstore-ls -f /local/domain/1/device/vsnd
    'xenstore-ls: could not access path /local/domain/7',
    dump(2000, 'full').split('\n')[0],
    dump(2000, 'plain').split('\n')[0],
  ];
  for (const line of starts) assert.ok(firstLine.test(line), line);
  // Not every file that starts with a word and `= ""`: an xl.cfg never starts like that.
  for (const line of ['name = "guest"', 'vsnd = [', 'toolstack = ""', '# tool = ""']) assert.ok(!firstLine.test(line), line);
});

// Writes docs/rules/CODE.md and docs/rules/README.md from the rule catalogue and its docs
// table (run `npm run build` first). test/unit/ruleDocs.test.ts fails when they are stale.
'use strict';
const { mkdirSync, readdirSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { rulePage, ruleIndex, ruleCodes } = require('../out/server/src/service/rulePage.js');

const dir = join(__dirname, '..', 'docs', 'rules');
mkdirSync(dir, { recursive: true });
const codes = ruleCodes();
for (const name of readdirSync(dir)) {
  if (name.endsWith('.md') && name !== 'README.md' && !codes.includes(name.slice(0, -3))) rmSync(join(dir, name));
}
for (const code of codes) writeFileSync(join(dir, `${code}.md`), rulePage(code));
writeFileSync(join(dir, 'README.md'), ruleIndex());

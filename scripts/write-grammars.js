// Writes syntaxes/*.tmLanguage.json from the tables (run `npm run build` first).
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { xlGrammar, xenstoreGrammar } = require('../out/server/src/tables/grammars.js');

const root = join(__dirname, '..');
writeFileSync(join(root, 'syntaxes', 'xl-cfg.tmLanguage.json'), `${JSON.stringify(xlGrammar(), null, 2)}\n`);
writeFileSync(join(root, 'syntaxes', 'xenstore.tmLanguage.json'), `${JSON.stringify(xenstoreGrammar(), null, 2)}\n`);

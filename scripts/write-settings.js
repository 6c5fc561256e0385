// Writes the generated parts of package.json's settings (the rule codes of sndif.severity) from
// the rule catalogue (run `npm run build` first).
'use strict';
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { severitySchema } = require('../out/server/src/lsp/settings.js');

const file = join(__dirname, '..', 'package.json');
const pkg = JSON.parse(readFileSync(file, 'utf8'));
pkg.contributes.configuration.properties['sndif.severity'] = severitySchema();
writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);

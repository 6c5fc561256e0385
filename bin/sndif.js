#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm run build), or the bundled one inside a packaged extension.
const path = require('node:path');
const fs = require('node:fs');
const compiled = path.join(__dirname, '..', 'out', 'server', 'src', 'cli', 'main.js');
const bundled = path.join(__dirname, '..', 'dist', 'cli.js');
const entry = fs.existsSync(compiled) ? compiled : bundled;
require(entry).main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write(`sndif: internal error: ${e && e.stack ? e.stack : e}\n`); process.exitCode = 2; },
);

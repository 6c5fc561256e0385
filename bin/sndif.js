#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (npm run build), or the bundled one inside a packaged extension or
// the npm package.
const path = require('node:path');
const fs = require('node:fs');
const compiled = path.join(__dirname, '..', 'out', 'server', 'src', 'cli', 'main.js');
const bundled = path.join(__dirname, '..', 'dist', 'cli.js');
require(fs.existsSync(compiled) ? compiled : bundled).run();

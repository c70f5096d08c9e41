#!/usr/bin/env node
'use strict';
// The published entry point: loads the esbuild bundle of cli/main.ts (npm run build:cli).
const fs = require('node:fs');
const path = require('node:path');

const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
  process.stderr.write("drydock: dist/cli.js is missing; run 'npm run build' (or 'npm run build:cli') first, or 'npm run drydock -- …' to run from source.\n");
  process.exit(2);
}
require(bundle);

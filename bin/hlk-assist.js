#!/usr/bin/env node
// The command-line face of hlk-assist (check, practice, analyze): built into dist/cli.js by `npm run build`.
require('../dist/cli.js');

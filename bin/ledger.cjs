#!/usr/bin/env node
// `ledger <command>`: runs the TypeScript CLI under Node through tsx (a dependency of development installs).
const { spawnSync } = require('node:child_process');
const path = require('node:path');
const cli = path.join(__dirname, '..', 'electron', 'cli', 'main.ts');
const result = spawnSync(process.execPath, ['--import', 'tsx', cli, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(result.status ?? 1);

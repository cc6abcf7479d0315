#!/usr/bin/env node
// `npm run bench -- NAME [--quick]`: runs bench/NAME.ts.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const [name, ...rest] = process.argv.slice(2);
const file = `bench/${name}.ts`;
if (!name || !fs.existsSync(file)) {
  const known = fs.readdirSync('bench').filter((f) => f.endsWith('.ts') && !['lib.ts', 'http-driver.ts'].includes(f)).map((f) => f.slice(0, -3));
  console.error(`usage: npm run bench -- <${known.join('|')}> [--quick]`);
  process.exit(2);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...rest], { stdio: 'inherit' });
process.exit(result.status ?? 1);

#!/usr/bin/env node
// `npm start`: builds the web console when its sources are newer than the build, then starts the server.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : fs.statSync(full).mtimeMs);
  }
  return latest;
}

const built = 'web/dist/index.html';
const sourcesChanged = !fs.existsSync(built) || Math.max(newest('web/src'), newest('contracts/src')) > fs.statSync(built).mtimeMs;
if (sourcesChanged) {
  console.log('Building the web console...');
  const build = spawnSync('npm', ['run', 'build', '-w', 'web'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const server = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { stdio: 'inherit' });
process.exit(server.status ?? 1);

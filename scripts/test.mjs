#!/usr/bin/env node
// Runs test tiers with node's test runner (TypeScript through tsx):
//   unit         *.test.ts beside the code (not .int/.pg): server, contracts, and the web console's
//                pure logic (web/src/**/*.test.ts, no DOM)
//   integration  *.int.test.ts, on the embedded database (or PostgreSQL with --postgres)
//   pg           *.pg.test.ts, PostgreSQL only (two processes on one database)
//   e2e          e2e/*.e2e.ts in a real browser
//   TEST_ONLY=a,b runs only the files whose path contains one of the (comma-separated) parts
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const postgres = args.includes('--postgres');
const tiers = args.filter((a) => !a.startsWith('--'));
const only = process.env.TEST_ONLY;

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const sources = [...walk('server/src'), ...walk('contracts/src'), ...walk('web/src'), ...(fs.existsSync('e2e') ? walk('e2e') : [])];
const pick = {
  unit: (f) => f.endsWith('.test.ts') && !f.endsWith('.int.test.ts') && !f.endsWith('.pg.test.ts') && !f.startsWith('e2e'),
  integration: (f) => f.endsWith('.int.test.ts'),
  pg: (f) => f.endsWith('.pg.test.ts'),
  e2e: (f) => f.startsWith('e2e') && f.endsWith('.e2e.ts'),
};
const files = sources.filter((f) => tiers.some((t) => pick[t]?.(f))).filter((f) => !only || only.split(',').some((o) => f.includes(o))).sort();
if (files.length === 0) {
  console.error(`No test files for ${tiers.join(', ')}`);
  process.exit(1);
}
// The servers of the integration and PostgreSQL tiers log to one file, scanned after the run for
// personal data and secrets (docs/observability.md). GRIDGOV_LOG_SCAN=off skips it; a path keeps the file there.
const scanning = (tiers.includes('integration') || tiers.includes('pg')) && process.env.GRIDGOV_LOG_SCAN !== 'off';
const scanFile = scanning ? (process.env.GRIDGOV_LOG_SCAN ?? path.join(os.tmpdir(), `gridgov-log-scan-${process.pid}.jsonl`)) : null;
if (scanFile) fs.writeFileSync(scanFile, '');
const env = { ...process.env, ...(postgres ? { GRIDGOV_TEST_DB: 'postgres' } : {}), ...(scanFile ? { GRIDGOV_LOG_SCAN: scanFile } : { GRIDGOV_LOG_SCAN: '' }) };
// A browser test that hangs (a page that never answers) fails after 15 minutes instead of holding CI.
const timeout = tiers.includes('e2e') ? ['--test-timeout=900000'] : [];
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...timeout, ...files], { stdio: 'inherit', env });
let status = result.status ?? 1;
if (scanFile) {
  const scan = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/log-scan.ts', scanFile], { stdio: 'inherit' });
  if (scan.status !== 0) status = status || 1;
  if (!process.env.GRIDGOV_LOG_SCAN) fs.rmSync(scanFile, { force: true });
}
process.exit(status);

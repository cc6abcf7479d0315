/**
 * Scans a captured log (GRIDGOV_LOG_SCAN=<file>) for personal data and secrets:
 * `npm run logs:scan -- <file>`. Exits 1 and lists the lines (masked) if it finds any.
 */
import fs from 'node:fs';
import { scanLogText } from '../platform/observability/log-scan.js';

const file = process.argv[2];
if (!file) {
  console.error('usage: npm run logs:scan -- <log file>');
  process.exit(2);
}
const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
const lines = text.split('\n').filter((l) => l.trim()).length;
const findings = scanLogText(text);
if (findings.length === 0) {
  console.log(`Log scan: ${lines} lines of ${file}, no ID numbers, phones, tokens, cookies or secret fields`);
} else {
  console.error(`Log scan FAILED: ${findings.length} findings in ${lines} lines of ${file}`);
  for (const f of findings.slice(0, 50)) console.error(`  line ${f.line}: ${f.kind} ${f.excerpt}`);
  process.exitCode = 1;
}

/**
 * The restore drill: the latest backup restored into a scratch database, held against its
 * manifest (every table's count, the audit chain walked to the manifest's head), with the two
 * figures an operator promises: RPO, the age of the newest backup's data now (what a disaster
 * now would lose), and RTO, how long restoring and checking took.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { findBackup, type Manifest } from './manifest.js';
import { checkRestored, describeTarget, parseTarget, restoreBackup, type RestoredCheck, type RestoreTarget } from './restore.js';
import { databaseName, withDatabase } from './pg-tools.js';
import { BackupError } from './crypto.js';

export interface DrillOptions {
  dir: string;
  key: Buffer;
  /** For a PostgreSQL backup: the server whose scratch database is used (DATABASE_URL). */
  databaseUrl: string | null;
  /** A named scratch target instead of a generated one (it must be empty). */
  target?: string;
  /** A named folder for the backup's uploaded files instead of a generated one (it must be empty). */
  filesTarget?: string;
  /** Keep the scratch database afterwards. */
  keep?: boolean;
  now?: () => Date;
  log?: (line: string) => void;
}

export interface DrillResult {
  manifest: Manifest;
  target: string;
  /** Where the files went (null: the backup has none). */
  filesTarget: string | null;
  check: RestoredCheck;
  restoreS: number;
  verifyS: number;
  rtoS: number;
  rpoS: number;
}

function scratchTarget(manifest: Manifest, databaseUrl: string | null): RestoreTarget {
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  if (manifest.source.kind === 'pglite') return { kind: 'pglite', dataDir: path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-drill-')), 'pglite') };
  if (!databaseUrl) throw new BackupError('BACKUP_FAILED', `${manifest.name} is a PostgreSQL backup: set DATABASE_URL (the server to drill on) or pass --target postgres://...`);
  return { kind: 'postgres', url: withDatabase(databaseUrl, `gridgov_drill_${suffix}`) };
}

async function dropScratch(target: RestoreTarget): Promise<void> {
  if (target.kind === 'pglite') {
    fs.rmSync(path.dirname(target.dataDir), { recursive: true, force: true });
    return;
  }
  const admin = new pg.Client({ connectionString: withDatabase(target.url, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(databaseName(target.url))} with (force)`);
  } finally {
    await admin.end();
  }
}

export async function runRestoreDrill(options: DrillOptions): Promise<DrillResult> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const backup = findBackup(options.dir, 'latest');
  const target = options.target ? parseTarget(options.target) : scratchTarget(backup.manifest, options.databaseUrl);
  const generated = !options.target;
  let filesDir: string | null = null;
  let filesGenerated = false;
  if (backup.manifest.files) {
    filesGenerated = !options.filesTarget;
    filesDir = options.filesTarget ? path.resolve(options.filesTarget) : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-drill-files-')), 'files');
  }
  log(`Drill: restoring ${backup.manifest.name} (${backup.manifest.totalRows.toLocaleString('en')} rows, data of ${backup.manifest.createdAt}) into ${describeTarget(target)}`);
  const started = performance.now();
  try {
    await restoreBackup(backup, target, { key: options.key, filesDir });
    const restored = performance.now();
    log(`  restored in ${((restored - started) / 1000).toFixed(1)} s; checking counts, the audit chain${filesDir ? ' and the files' : ''}...`);
    const check = await checkRestored(target, backup.manifest, filesDir);
    const finished = performance.now();
    return {
      manifest: backup.manifest,
      target: describeTarget(target),
      filesTarget: filesDir,
      check,
      restoreS: (restored - started) / 1000,
      verifyS: (finished - restored) / 1000,
      rtoS: (finished - started) / 1000,
      rpoS: (now().getTime() - Date.parse(backup.manifest.createdAt)) / 1000,
    };
  } finally {
    if (generated && !options.keep) await dropScratch(target);
    if (filesDir && filesGenerated && !options.keep) fs.rmSync(path.dirname(filesDir), { recursive: true, force: true });
  }
}

/** The drill's closing lines, ending with the BENCH line the benchmarks record. */
export function drillReport(result: DrillResult): string[] {
  const lines = [
    `Backup:      ${result.manifest.name} (${result.manifest.source.kind}, ${(result.manifest.size / 1e6).toFixed(1)} MB encrypted)`,
    `Row counts:  ${result.check.countDifferences.length === 0 ? `all ${Object.keys(result.manifest.rowCounts).length} tables match the manifest (${result.check.facts.totalRows.toLocaleString('en')} rows)` : `DIFFER:\n  ${result.check.countDifferences.join('\n  ')}`}`,
    `Audit chain: ${result.check.auditChain.ok ? '' : 'FAILED: '}${result.check.auditChain.entries.toLocaleString('en')} entries, ${result.check.auditChain.detail}`,
    `Files:       ${result.check.files ? `${result.check.files.ok ? '' : 'FAILED: '}${result.check.files.detail}` : 'none in this backup'}`,
    `RPO:         ${result.rpoS.toFixed(0)} s (the newest backup's data is this old: a loss now loses what came after it)`,
    `RTO:         ${result.rtoS.toFixed(1)} s (restore ${result.restoreS.toFixed(1)} s + checks ${result.verifyS.toFixed(1)} s)`,
    result.check.ok ? 'Drill PASSED' : 'Drill FAILED',
    `BENCH restore rows=${result.check.facts.totalRows} rto_s=${result.rtoS.toFixed(1)} rpo_s=${result.rpoS.toFixed(0)}`,
  ];
  return lines;
}

/**
 * Audit anchoring. The audit chain proves that no entry was edited or removed from the middle,
 * but not that the newest entries were not cut off the end: the shortened chain still links up.
 * So a recurring job writes the chain's head (last entry id and hash) as a signed checkpoint to
 * an append-only file of JSON lines, and optionally POSTs it to an outside system. The
 * signature is an HMAC with a key apart from the personal-data key. `npm run audit:verify`
 * checks the chain against the last checkpoint: a chain that ends before it, or whose entry at
 * its id has another hash, was cut or rewritten.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { rows, sql, type Db } from '../db/client.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import { defineJob } from '../jobs/queue.js';
import { GENESIS_HASH } from '../audit/write-audit.js';
import { verifyAuditChain } from '../audit/verify-audit.js';
import { keyId } from './crypto.js';
import { announceGeneratedKey, checkpointKeySource, loadKey } from './keys.js';

export interface Checkpoint {
  v: 1;
  /** When the head was read. */
  at: string;
  /** The id of the chain's last entry ('0': the chain was empty). */
  seq: string;
  /** That entry's hash (the genesis hash for an empty chain). */
  hash: string;
  /** Which key signed it (a fingerprint, not the key). */
  keyId: string;
  /** HMAC-SHA256 over the fields above, hex. */
  sig: string;
}

const KEY_LABEL = 'gridgov audit checkpoint key id';

function signedText(c: Pick<Checkpoint, 'v' | 'at' | 'seq' | 'hash' | 'keyId'>): string {
  return `gridgov-audit-checkpoint|v${c.v}|${c.at}|${c.seq}|${c.hash}|${c.keyId}`;
}

export function signCheckpoint(key: Buffer, head: { at: Date; seq: string; hash: string }): Checkpoint {
  const unsigned = { v: 1 as const, at: head.at.toISOString(), seq: head.seq, hash: head.hash, keyId: keyId(key, KEY_LABEL) };
  return { ...unsigned, sig: createHmac('sha256', key).update(signedText(unsigned)).digest('hex') };
}

const checkpointShape = z.object({
  v: z.literal(1),
  at: z.string(),
  seq: z.string().regex(/^\d+$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  keyId: z.string(),
  sig: z.string().regex(/^[0-9a-f]{64}$/),
});

/** Why a checkpoint line is not believed, or null when its signature holds. */
export function checkpointProblem(key: Buffer, line: string): string | null {
  let parsed: Checkpoint;
  try {
    const result = checkpointShape.safeParse(JSON.parse(line));
    if (!result.success) return 'it is not a checkpoint (fields missing or malformed)';
    parsed = result.data;
  } catch {
    return 'it is not JSON';
  }
  if (parsed.keyId !== keyId(key, KEY_LABEL)) return `it names another signing key (${parsed.keyId})`;
  const expected = createHmac('sha256', key).update(signedText(parsed)).digest();
  const given = Buffer.from(parsed.sig, 'hex');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'its signature does not match (forged or altered)';
  return null;
}

/** The chain's head now: the last entry's id and hash. */
export async function auditHead(db: Db): Promise<{ seq: string; hash: string }> {
  const [last] = await rows<{ id: string; hash: string }>(db, sql`select id::text as id, hash from audit_log order by audit_log.id desc limit 1`);
  return last ? { seq: last.id, hash: last.hash } : { seq: '0', hash: GENESIS_HASH };
}

function readLines(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
}

/** Appends one line and flushes it to the disk before returning. */
function appendLine(file: string, line: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a', 0o644);
  try {
    fs.writeSync(fd, `${line}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface CheckpointOptions {
  file: string;
  key: Buffer;
  url?: string | null;
}

/**
 * Writes the head as a signed checkpoint, unless the last checkpoint already holds this head.
 * Returns the checkpoint written, or null. A failing outside URL fails the call (the job retries)
 * after the file line is written.
 */
export async function writeCheckpoint(db: Db, clock: Clock, options: CheckpointOptions): Promise<Checkpoint | null> {
  const head = await auditHead(db);
  const lastLine = readLines(options.file).at(-1);
  if (lastLine && checkpointProblem(options.key, lastLine) === null) {
    const last = JSON.parse(lastLine) as Checkpoint;
    if (last.seq === head.seq && last.hash === head.hash) return null;
  }
  const checkpoint = signCheckpoint(options.key, { at: clock.now(), ...head });
  appendLine(options.file, JSON.stringify(checkpoint));
  if (options.url) {
    const response = await fetch(options.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(checkpoint), signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`audit checkpoint: ${options.url} answered ${response.status}`);
  }
  return checkpoint;
}

/** The recurring job that anchors the chain (registered by the runtime when a checkpoint file is configured). */
export function auditCheckpointJob(config: Config) {
  let key: Buffer | null = null;
  return defineJob({
    name: 'audit.checkpoint',
    payload: z.object({}),
    repeatEveryMs: config.auditCheckpointMinutes * 60_000,
    handle: async (_payload, { db, clock }) => {
      if (!config.auditCheckpointFile) return;
      if (!key) {
        const source = checkpointKeySource(config);
        const loaded = loadKey(source, config);
        announceGeneratedKey(source, loaded);
        key = loaded.key;
      }
      await writeCheckpoint(db, clock, { file: config.auditCheckpointFile, key, url: config.auditCheckpointUrl });
    },
  });
}

export type AnchoredResult =
  | { ok: true; entries: number; headSeq: string; headHash: string; checkpoint: Checkpoint | null }
  | { ok: false; reason: 'chain_broken' | 'forged_checkpoint' | 'truncated' | 'diverged'; message: string; entries: number };

/**
 * The chain walked (verifyAuditChain), then held against the last checkpoint: every line of the
 * checkpoint file must carry a valid signature, and the chain must still hold the last
 * checkpoint's entry with the same hash.
 */
export async function verifyAnchoredChain(db: Db, options: { file: string | null; key: Buffer | null }): Promise<AnchoredResult> {
  const chain = await verifyAuditChain(db);
  if (!chain.ok) {
    return { ok: false, reason: 'chain_broken', entries: chain.entries, message: `Audit chain BROKEN at entry ${chain.brokenAt} (${chain.reason}) after ${chain.entries} entries checked` };
  }
  const head = await auditHead(db);
  const lines = options.file ? readLines(options.file) : [];
  if (lines.length === 0 || !options.key) return { ok: true, entries: chain.entries, headSeq: head.seq, headHash: chain.headHash, checkpoint: null };
  for (const [i, line] of lines.entries()) {
    const problem = checkpointProblem(options.key, line);
    if (problem) {
      return { ok: false, reason: 'forged_checkpoint', entries: chain.entries, message: `Checkpoint ${i + 1} of ${options.file} is REFUSED: ${problem}. The checkpoint file was tampered with, or signed with another key.` };
    }
  }
  const last = JSON.parse(lines.at(-1)!) as Checkpoint;
  if (BigInt(head.seq) < BigInt(last.seq)) {
    return {
      ok: false, reason: 'truncated', entries: chain.entries,
      message: `Audit log TRUNCATED: the checkpoint of ${last.at} saw entry ${last.seq}, but the chain now ends at entry ${head.seq} (${chain.entries} entries). Entries after ${head.seq} were cut off the end.`,
    };
  }
  if (last.seq !== '0') {
    const [entry] = await rows<{ hash: string }>(db, sql`select hash from audit_log where id = ${last.seq}`);
    if (!entry || entry.hash !== last.hash) {
      return {
        ok: false, reason: 'diverged', entries: chain.entries,
        message: `Audit log REWRITTEN: the checkpoint of ${last.at} saw entry ${last.seq} with hash ${last.hash}, but the chain ${entry ? `has ${entry.hash}` : 'has no such entry'} there.`,
      };
    }
  }
  return { ok: true, entries: chain.entries, headSeq: head.seq, headHash: chain.headHash, checkpoint: last };
}

/** Walks the audit chain in order and reports the first entry that does not fit. */
import { asc, gt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from './tables.js';
import type { AuditVerifyResult } from '@gridgov/contracts';
import type { ActorContext } from '../http/types.js';
import { chainHash, GENESIS_HASH, recordAudit } from './write-audit.js';

export type VerifyResult =
  | { ok: true; entries: number; headHash: string }
  | { ok: false; entries: number; brokenAt: string; reason: 'hash_mismatch' | 'chain_broken' };

export async function verifyAuditChain(db: Db, batch = 5000): Promise<VerifyResult> {
  let prev = GENESIS_HASH;
  let lastId = 0n;
  let count = 0;
  for (;;) {
    const entries = await db.select().from(auditLog).where(gt(auditLog.id, lastId)).orderBy(asc(auditLog.id)).limit(batch);
    if (entries.length === 0) return { ok: true, entries: count, headHash: prev };
    for (const e of entries) {
      count++;
      // A deleted or reordered entry breaks the link; an edited one breaks its own hash.
      if (e.prevHash !== prev) return { ok: false, entries: count, brokenAt: e.id.toString(), reason: 'chain_broken' };
      if (chainHash(prev, e) !== e.hash) return { ok: false, entries: count, brokenAt: e.id.toString(), reason: 'hash_mismatch' };
      prev = e.hash;
      lastId = e.id;
    }
  }
}

/** The auditor's check from the console: the chain walked now, the result written to the log. */
export async function verifyAndRecord(db: Db, ctx: ActorContext): Promise<AuditVerifyResult> {
  const result = await verifyAuditChain(db);
  const shown: AuditVerifyResult = result.ok
    ? { ok: true, entries: result.entries, headHash: result.headHash, brokenAt: null, reason: null, at: ctx.clock.now().toISOString() }
    : { ok: false, entries: result.entries, headHash: null, brokenAt: result.brokenAt, reason: result.reason, at: ctx.clock.now().toISOString() };
  await recordAudit(db, ctx, { action: 'audit.verify', objectType: 'audit_log', outcome: result.ok ? 'success' : 'failure', details: { ...shown } });
  return shown;
}

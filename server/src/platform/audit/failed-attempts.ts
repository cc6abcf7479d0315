/**
 * Counting failed attempts from the audit log (a limit that holds across processes): how many
 * entries of an action that did not succeed were written since an instant, from one address or
 * about one object. Modules limit guessing with it (the anonymous ticket lookup).
 */
import { and, count, eq, gte, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from './tables.js';

export interface FailedAttempts {
  action: string;
  since: Date;
  /** From this client address. */
  ip?: string;
  /** About this object. */
  object?: { type: string; id: string };
}

export async function countFailedAttempts(db: Db, q: FailedAttempts): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.action, q.action),
        ne(auditLog.outcome, 'success'),
        gte(auditLog.at, q.since),
        q.ip === undefined ? undefined : eq(auditLog.ip, q.ip),
        q.object === undefined ? undefined : and(eq(auditLog.objectType, q.object.type), eq(auditLog.objectId, q.object.id)),
      ),
    );
  return Number(row?.n ?? 0);
}

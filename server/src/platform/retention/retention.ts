/**
 * Retention: each kind of personal data is kept for a configured number of days, then purged or
 * anonymised by a daily job. Kinds are rules: the platform's own (sessions, uploads no record
 * claimed) and the modules' (`retention` in their definition: tickets' reporter details, import
 * error reports, export files). Each run writes one audit entry with the count per kind; a rule
 * touches only what is still there, so a second run the same day finds nothing (idempotent).
 *
 * The period of a kind is `GRIDGOV_RETAIN_<KIND>_DAYS` (the kind upper-cased, `-` as `_`), else
 * the rule's default; 0 keeps that kind for ever.
 */
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import type { Kit } from '../kit/kit.js';
import { defineJob } from '../jobs/queue.js';
import { recordAudit } from '../audit/write-audit.js';
import { systemContext } from '../context.js';
import { session } from '../accounts/tables.js';
import { attachment } from '../files/tables.js';

export { parseRetentionDays, retentionVariable } from './days.js';

export interface RetentionRule {
  /** `ticket-reporter`, `import-error-report`...: names the configuration variable. */
  kind: string;
  /** What it removes, for the docs and the audit (English). */
  what: string;
  defaultDays: number;
  /** Purges or anonymises what ended before `before`; answers how many records it changed. */
  purge(kit: Kit, before: Date): Promise<number>;
}

export function retentionDays(kit: { config: Pick<Kit['config'], 'retentionDays'> }, rule: Pick<RetentionRule, 'kind' | 'defaultDays'>): number {
  return kit.config.retentionDays[rule.kind] ?? rule.defaultDays;
}

const DAY_MS = 86_400_000;

/** Sessions that ended (expired or revoked) longer ago than the period: deleted. */
const sessionsRule: RetentionRule = {
  kind: 'sessions',
  what: 'sign-in sessions (address, browser) that ended',
  defaultDays: 30,
  purge: async (kit, before) => {
    const gone = await kit.db.delete(session).where(or(lt(session.expiresAt, before), lt(session.revokedAt, before))).returning({ id: session.id });
    return gone.length;
  },
};

/** Uploads no record ever claimed (a report abandoned half-way): the file and its row. */
const unclaimedUploadsRule: RetentionRule = {
  kind: 'unclaimed-attachments',
  what: 'uploaded files no record claimed',
  defaultDays: 7,
  purge: async (kit, before) => {
    const stale = await kit.db.select({ id: attachment.id, path: attachment.path }).from(attachment).where(and(isNull(attachment.ownerId), lt(attachment.createdAt, before))).limit(5000);
    let removed = 0;
    for (const row of stale) {
      // Claimed since the list was read: left alone.
      const [gone] = await kit.db.delete(attachment).where(and(eq(attachment.id, row.id), isNull(attachment.ownerId))).returning({ id: attachment.id });
      if (!gone) continue;
      await kit.files.delete(row.path);
      removed++;
    }
    return removed;
  },
};

export const PLATFORM_RETENTION: readonly RetentionRule[] = [sessionsRule, unclaimedUploadsRule];

export interface RetentionRun {
  at: string;
  kinds: Record<string, { days: number; before: string | null; count: number }>;
}

/** One pass over every rule; one audit entry with the counts (written even when they are all 0). */
export async function runRetention(kit: Kit, rules: readonly RetentionRule[]): Promise<RetentionRun> {
  const now = kit.clock.now();
  const run: RetentionRun = { at: now.toISOString(), kinds: {} };
  for (const rule of rules) {
    const days = retentionDays(kit, rule);
    if (days === 0) {
      run.kinds[rule.kind] = { days, before: null, count: 0 };
      continue;
    }
    const before = new Date(now.getTime() - days * DAY_MS);
    run.kinds[rule.kind] = { days, before: before.toISOString(), count: await rule.purge(kit, before) };
  }
  await recordAudit(kit.db as Db, systemContext(kit.clock, 'retention.purge'), {
    action: 'retention.purge',
    details: { kinds: run.kinds, total: Object.values(run.kinds).reduce((sum, k) => sum + k.count, 0) },
  });
  return run;
}

export function retentionJob(kit: Kit, rules: readonly RetentionRule[]) {
  const names = new Set<string>();
  for (const rule of rules) {
    if (names.has(rule.kind)) throw new Error(`Two retention rules for ${rule.kind}`);
    names.add(rule.kind);
  }
  return defineJob({
    name: 'retention.purge',
    payload: z.object({}),
    repeatEveryMs: DAY_MS,
    handle: async () => {
      await runRetention(kit, rules);
    },
  });
}

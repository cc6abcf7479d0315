/**
 * One budget per user for everything that reveals or confirms personal data: an unmask, an
 * exact ID-number or phone search, a write refused as a duplicate (it confirms that the number
 * is registered), and each row of an unmasked export that is downloaded. The budget is
 * `unmaskPerHour` units in any hour, counted from the audit log (so it holds across processes);
 * one user's budgeted actions are counted and written one at a time (an advisory lock).
 */
import { sql } from 'drizzle-orm';
import { REGISTER_KINDS } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { sumAuditUnits } from '../../platform/audit/queries.js';
import { writeAudit } from '../../platform/audit/write-audit.js';

export const UNMASK_WINDOW_MS = 60 * 60 * 1000;

/**
 * Audit actions that cost one unit each: the registers' own, and the reveals of the other
 * modules that keep ID numbers and phones (a dispute's party, a key person's guardian), so one
 * budget holds across all of them.
 */
export const ONE_UNIT_ACTIONS = ['register.unmask', 'register.duplicate', 'dispute.unmask', 'key_person.unmask', ...REGISTER_KINDS.map((k) => `${k}.search` as const)] as const;
/** Audit actions that cost the number in their details (rows of an unmasked export that left). */
export const ROW_UNIT_ACTIONS = { 'export.download': 'unmaskedRows', 'register.duplicates': 'rows' } as const;

/** Units `actorId` used in the last hour. */
export function unmaskUnitsUsed(db: Db, ctx: ActorContext): Promise<number> {
  const since = new Date(ctx.clock.now().getTime() - UNMASK_WINDOW_MS);
  return sumAuditUnits(db, { actorId: ctx.actor.id, since, oneEach: ONE_UNIT_ACTIONS, weighted: ROW_UNIT_ACTIONS });
}

/** Takes the user's budget lock for the rest of the transaction. */
export async function lockUnmaskBudget(tx: Db, ctx: ActorContext): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`unmask:${ctx.actor.id}`}))`);
}

/**
 * Within a transaction: locks the user's budget and refuses when `units` more would exceed it.
 * The caller writes the audit entry that spends them in the same transaction.
 */
export async function spendUnmaskBudget(tx: Db, ctx: ActorContext, limitPerHour: number, units = 1): Promise<{ used: number }> {
  await lockUnmaskBudget(tx, ctx);
  const used = await unmaskUnitsUsed(tx, ctx);
  if (used + units > limitPerHour) throw new AppError('UNMASK_RATE_LIMITED', { limitPerHour, used, asked: units });
  return { used };
}

/**
 * Rows of an import (or of its dry run) whose ID numbers are registered outside the importer's
 * scope: each confirms that a number is registered, so each spends a unit. Refused as a whole
 * (`UNMASK_RATE_LIMITED`) when they do not fit in what is left of the budget. In the caller's
 * transaction.
 */
export async function spendDuplicateRows(tx: Db, ctx: ActorContext, limitPerHour: number, kind: string, rows: number, importId: string): Promise<void> {
  if (rows === 0) return;
  await spendUnmaskBudget(tx, ctx, limitPerHour, rows);
  await writeAudit(tx, ctx, { action: 'register.duplicates', objectType: 'import', objectId: importId, outcome: 'denied', details: { register: kind, rows } });
}

/**
 * Field-by-field history of register records. Stored columns that hold personal data are
 * replaced by their masked form; ciphertexts and hashes never enter the history.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { maskIdNumber, type HistoryEntry, type RegisterKind } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { registerHistory } from './tables.js';

export type HistoryAction = HistoryEntry['action'];
export type Change = HistoryEntry['changes'][number];

/** Bookkeeping columns that are not part of a record's content. */
const SKIPPED = new Set(['id', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'importJobId', 'deletedAt', 'namePinyin', 'nameInitials']);
const isSecret = (key: string) => key.endsWith('Cipher') || key.endsWith('Hash');

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => same(v, b[i]));
  return (a ?? null) === (b ?? null);
}

/** The changed content fields between two versions of a row (before = null for a new record). */
export function diffRows(before: object | null, after: object): Change[] {
  const changes: Change[] = [];
  const previous = new Map<string, unknown>(before ? Object.entries(before) : []);
  const next: [string, unknown][] = Object.entries(after);
  for (const [field, to] of next) {
    if (SKIPPED.has(field) || isSecret(field) || to === undefined) continue;
    const from = previous.get(field) ?? null;
    if (!same(from, to)) changes.push({ field, from: from ?? null, to: to ?? null });
  }
  return changes;
}

export interface HistoryRecord {
  kind: RegisterKind;
  recordId: string;
  version: number;
  action: HistoryAction;
  changes: Change[];
}

export function historyRow(ctx: RequestContext, record: HistoryRecord) {
  return {
    id: randomUUID(),
    ...record,
    at: ctx.clock.now(),
    actorId: ctx.actor?.id ?? null,
    actorName: ctx.actor?.username ?? null,
  };
}

export async function writeHistory(tx: Db, ctx: RequestContext, record: HistoryRecord): Promise<void> {
  await tx.insert(registerHistory).values(historyRow(ctx, record));
}

export async function readHistory(db: Db, kind: RegisterKind, recordId: string): Promise<HistoryEntry[]> {
  const found = await db
    .select()
    .from(registerHistory)
    .where(and(eq(registerHistory.kind, kind), eq(registerHistory.recordId, recordId)))
    .orderBy(asc(registerHistory.version), asc(registerHistory.at));
  return found.map((h) => ({
    version: h.version,
    at: h.at.toISOString(),
    action: h.action as HistoryAction,
    actorName: h.actorName,
    changes: (h.changes as Change[]).map(shownChange),
  }));
}

/**
 * A change as history shows it: no more than the record itself shows. ID masks written under an
 * older rule are masked again, and a birth date shows its year only.
 */
export function shownChange(change: Change): Change {
  const show = SHOWN[change.field];
  return show ? { field: change.field, from: show(change.from), to: show(change.to) } : change;
}

const SHOWN: Record<string, (value: unknown) => unknown> = {
  idMasked: (v) => (typeof v === 'string' ? maskIdNumber(v) : v),
  birthDate: (v) => (typeof v === 'string' ? Number(v.slice(0, 4)) : v),
};

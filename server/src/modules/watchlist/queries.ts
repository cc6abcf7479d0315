/**
 * The watch list as its readers see it: entries of the subtree, filtered by kind, state and label
 * text, newest first, each with its hint and never its value. Every read is audited. There is no
 * filter by value: a search that answered "is this plate listed" would undo the mask.
 */
import { and, count, desc, eq, ilike, inArray, type SQL } from 'drizzle-orm';
import type { WarningSeverity, WatchEntry, WatchKind } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { isUuid } from '../../platform/audit/labels.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible } from '../../platform/scope.js';
import { watchEntry } from './tables.js';
import { WATCH_ENTRY_VISIBILITY, type WatchEntryRow } from './visibility.js';

type ReadKit = Pick<Kit, 'db' | 'providers'>;
type ListQuery = { kind?: WatchKind; active?: boolean; q?: string; page: number; pageSize: number };

/** Active and not past its expiry at `now`: captures are matched against it. */
export const isMatching = (e: Pick<WatchEntryRow, 'active' | 'expiresAt'>, now: Date) => e.active && (e.expiresAt === null || e.expiresAt > now);

export async function presentEntries(kit: ReadKit, found: readonly WatchEntryRow[], now: Date): Promise<WatchEntry[]> {
  if (found.length === 0) return [];
  const regions = await kit.providers.regionNames(kit.db, [...new Set(found.map((e) => e.regionCode))]);
  return found.map((e) => ({
    id: e.id, kind: e.kind as WatchKind, hint: e.hint, label: e.label, regionCode: e.regionCode, regionName: regions.get(e.regionCode) ?? '',
    severity: e.severity as WarningSeverity, active: e.active, matching: isMatching(e, now), expiresAt: e.expiresAt?.toISOString() ?? null, createdAt: e.createdAt.toISOString(),
  }));
}

function filters(actor: Actor, q: Omit<ListQuery, 'page' | 'pageSize'>): SQL {
  const parts: SQL[] = [recordVisible(actor, WATCH_ENTRY_VISIBILITY)];
  if (q.kind) parts.push(eq(watchEntry.kind, q.kind));
  if (q.active !== undefined) parts.push(eq(watchEntry.active, q.active));
  if (q.q) parts.push(ilike(watchEntry.label, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  return and(...parts)!;
}

export async function listEntries(kit: ReadKit, ctx: ActorContext, q: ListQuery) {
  const where = filters(ctx.actor, q);
  const [found, [total]] = await Promise.all([
    kit.db.select().from(watchEntry).where(where).orderBy(desc(watchEntry.createdAt), desc(watchEntry.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(watchEntry).where(where),
  ]);
  await writeAudit(kit.db, ctx, { action: 'watch_entry.list', objectType: 'watch_entry', details: { kind: q.kind ?? null, active: q.active ?? null, q: q.q ?? null, page: q.page, shown: found.length } });
  return { items: await presentEntries(kit, found, ctx.clock.now()), total: Number(total?.n ?? 0), page: q.page, pageSize: q.pageSize };
}

/** What the audit log shows for entries: `label (**A123)`. */
export async function entryLabels(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const valid = ids.filter(isUuid);
  if (valid.length === 0) return new Map();
  const found = await db.select({ id: watchEntry.id, label: watchEntry.label, hint: watchEntry.hint }).from(watchEntry).where(inArray(watchEntry.id, valid));
  return new Map(found.map((e) => [e.id, `${e.label}（${e.hint}）`]));
}

/**
 * What intake shows before a report is filed: the grid at the point, suggested categories from
 * the text, and possible duplicates (open tickets nearby with similar text in recent days).
 */
import { and, gte, inArray, lte, notInArray, sql } from 'drizzle-orm';
import type { IntakeCheck } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { TicketDeps } from './deps.js';
import { categoriesByCode } from './categories.js';
import { ticket } from './tables.js';
import { distanceM, similarityTo } from './similarity.js';

const DUPLICATE_DAYS = 7;
const DUPLICATE_RADIUS_M = 300;
const SIMILAR = 0.3;

export async function suggestCategories(deps: TicketDeps, text: string, k = 3): Promise<IntakeCheck['suggestions']> {
  const byCode = await categoriesByCode(deps.db);
  return deps.suggester
    .suggest(text, k)
    .map((s) => ({ category: byCode.get(s.code), probability: s.probability }))
    .filter((s) => s.category?.active)
    .map((s) => ({ categoryId: s.category!.id, code: s.category!.code, name: s.category!.name, probability: s.probability }));
}

/** Open tickets of the last days near the point (or, without a point, in the same region) with similar text. */
export async function findDuplicates(db: Db, now: Date, input: { description: string; lon?: number | null; lat?: number | null; regionCode?: string }, excludeId?: string): Promise<IntakeCheck['duplicates']> {
  const since = new Date(now.getTime() - DUPLICATE_DAYS * 24 * 60 * 60 * 1000);
  const open = notInArray(ticket.status, ['closed', 'rejected', 'merged']);
  const near =
    input.lon != null && input.lat != null
      ? and(
          gte(ticket.lon, input.lon - 0.004), lte(ticket.lon, input.lon + 0.004),
          gte(ticket.lat, input.lat - 0.003), lte(ticket.lat, input.lat + 0.003),
        )
      : input.regionCode ? inArray(ticket.regionCode, [input.regionCode]) : sql`false`;
  const candidates = await db
    .select({ id: ticket.id, number: ticket.number, description: ticket.description, lon: ticket.lon, lat: ticket.lat, createdAt: ticket.createdAt })
    .from(ticket)
    .where(and(open, near, gte(ticket.createdAt, since), excludeId ? sql`${ticket.id} <> ${excludeId}` : undefined))
    .limit(200);
  const similarity = similarityTo(input.description);
  return candidates
    .map((c) => ({
      id: c.id,
      number: c.number,
      description: c.description,
      distanceM: input.lon != null && input.lat != null && c.lon != null && c.lat != null ? Math.round(distanceM(input.lon, input.lat, c.lon, c.lat)) : null,
      similarity: Math.round(similarity(c.description) * 100) / 100,
      createdAt: c.createdAt.toISOString(),
    }))
    .filter((c) => c.similarity >= SIMILAR && (c.distanceM === null || c.distanceM <= DUPLICATE_RADIUS_M))
    .sort((a, b) => b.similarity - a.similarity)
    .slice(0, 5);
}

export async function checkIntake(deps: TicketDeps, actor: Actor, now: Date, input: { description: string; lon?: number; lat?: number }): Promise<IntakeCheck> {
  const found = input.lon !== undefined && input.lat !== undefined ? await deps.locator.lookup(input.lon, input.lat) : null;
  const [suggestions, duplicates] = await Promise.all([
    suggestCategories(deps, input.description),
    findDuplicates(deps.db, now, { ...input, regionCode: found?.regionCode ?? actor.regionCode }),
  ]);
  // Residents learn that a similar report exists, not what others wrote.
  const shown = actor.role === 'resident' ? duplicates.map((d) => ({ ...d, description: '' })) : duplicates;
  return { grid: found ? { id: found.id, name: found.name, regionCode: found.regionCode } : null, suggestions, duplicates: shown };
}

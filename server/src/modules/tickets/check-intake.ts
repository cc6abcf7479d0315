/**
 * What intake shows before a report is filed: the grid at the point, suggested categories from
 * the text, and possible duplicates (open tickets nearby with similar text in recent days).
 */
import { and, gte, inArray, lte, notInArray, sql } from 'drizzle-orm';
import type { IntakeCheck } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import { Batcher } from '../../platform/db/batcher.js';
import { runPrepared, type Db, type Prepared } from '../../platform/db/client.js';
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

interface Candidate {
  id: string;
  number: string;
  description: string;
  lon: number | null;
  lat: number | null;
  createdAt: Date;
}

interface DuplicateQuery {
  description: string;
  lon?: number | null;
  lat?: number | null;
  regionCode?: string;
}

/** The candidates that are close enough and similar enough, most similar first. */
function rankDuplicates(candidates: Candidate[], input: DuplicateQuery): IntakeCheck['duplicates'] {
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

/** The candidates near each of many points, in one round trip (the partial index on open tickets' points). */
const NEAR_POINTS: Prepared = {
  name: 'ticket_duplicate_candidates_v1',
  text: `
select q.i, c.id, c.number, c.description, c.lon, c.lat, c.created_at
from jsonb_to_recordset($1::jsonb) as q(i int, lon float8, lat float8, since timestamptz)
cross join lateral (
  select id, number, description, lon, lat, created_at from ticket
  where status not in ('closed', 'rejected', 'merged') and created_at >= q.since
    and lon between q.lon - 0.004 and q.lon + 0.004 and lat between q.lat - 0.003 and q.lat + 0.003
  limit 200) c`,
};

/**
 * Possible duplicates of a report: open tickets of the last days near the point (or, without a
 * point, in the same region) with similar text. Reports with a point filed at the same time are
 * looked up together.
 */
export class DuplicateFinder {
  private readonly near = new Batcher<{ lon: number; lat: number; since: Date }, Candidate[]>(async (points) => {
    const found = await runPrepared<{ i: number; id: string; number: string; description: string; lon: number; lat: number; created_at: Date | string }>(
      this.db,
      NEAR_POINTS,
      [JSON.stringify(points.map((p, i) => ({ i, lon: p.lon, lat: p.lat, since: p.since.toISOString() })))],
    );
    const out = points.map((): Candidate[] => []);
    for (const r of found) out[r.i]!.push({ id: r.id, number: r.number, description: r.description, lon: r.lon, lat: r.lat, createdAt: new Date(r.created_at) });
    return out;
  }, { maxInFlight: 2 });

  constructor(private readonly db: Db) {}

  async find(now: Date, input: DuplicateQuery, excludeId?: string): Promise<IntakeCheck['duplicates']> {
    const since = new Date(now.getTime() - DUPLICATE_DAYS * 24 * 60 * 60 * 1000);
    if (input.lon != null && input.lat != null && !excludeId) {
      return rankDuplicates(await this.near.submit({ lon: input.lon, lat: input.lat, since }), input);
    }
    const open = notInArray(ticket.status, ['closed', 'rejected', 'merged']);
    const near =
      input.lon != null && input.lat != null
        ? and(
            gte(ticket.lon, input.lon - 0.004), lte(ticket.lon, input.lon + 0.004),
            gte(ticket.lat, input.lat - 0.003), lte(ticket.lat, input.lat + 0.003),
          )
        : input.regionCode ? inArray(ticket.regionCode, [input.regionCode]) : sql`false`;
    const candidates = await this.db
      .select({ id: ticket.id, number: ticket.number, description: ticket.description, lon: ticket.lon, lat: ticket.lat, createdAt: ticket.createdAt })
      .from(ticket)
      .where(and(open, near, gte(ticket.createdAt, since), excludeId ? sql`${ticket.id} <> ${excludeId}` : undefined))
      .limit(200);
    return rankDuplicates(candidates, input);
  }
}

export async function checkIntake(deps: TicketDeps, actor: Actor, now: Date, input: { description: string; lon?: number; lat?: number }): Promise<IntakeCheck> {
  const found = input.lon !== undefined && input.lat !== undefined ? await deps.locator.lookup(input.lon, input.lat) : null;
  const [suggestions, duplicates] = await Promise.all([
    suggestCategories(deps, input.description),
    deps.duplicates.find(now, { ...input, regionCode: found?.regionCode ?? actor.regionCode }),
  ]);
  // Residents learn that a similar report exists, not what others wrote.
  const shown = actor.role === 'resident' ? duplicates.map((d) => ({ ...d, description: '' })) : duplicates;
  return { grid: found ? { id: found.id, name: found.name, regionCode: found.regionCode } : null, suggestions, duplicates: shown };
}

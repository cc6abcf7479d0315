/**
 * What intake shows before a report is filed: the grid at the point, suggested categories from
 * the text, and possible duplicates (open tickets nearby with similar text in recent days).
 */
import { and, arrayOverlaps, gte, inArray, isNull, notInArray, or, sql } from 'drizzle-orm';
import { ENDED_TICKET_STATUSES, sqlList, type IntakeCheck } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import { placeInScope } from '../../platform/scope.js';
import { Batcher } from '../../platform/db/batcher.js';
import { runPrepared, type Db, type Prepared } from '../../platform/db/client.js';
import type { TicketDeps } from './deps.js';
import { categoriesByCode } from './categories.js';
import { ticket } from './tables.js';
import { ticketReadable } from './ticket-access.js';
import { bigramCodes, distanceM, fingerprint, jaccard, type Fingerprint } from './similarity.js';

const DUPLICATE_DAYS = 7;
const DUPLICATE_RADIUS_M = 300;
const SIMILAR = 0.3;

/** Half the sides, in degrees, of the box around a point that holds the radius (the index's range condition), a metre to spare. */
function boxAround(lat: number): { dlon: number; dlat: number } {
  const dlat = ((DUPLICATE_RADIUS_M + 1) / 6_371_000) * (180 / Math.PI);
  return { dlon: dlat / Math.max(0.01, Math.cos((Math.abs(lat) + dlat) * (Math.PI / 180))), dlat };
}

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
  /** Epoch milliseconds. */
  createdMs: number;
}

interface DuplicateQuery {
  /** The report's own ticket, when it may already be written (never its own duplicate). */
  self?: string;
  description: string;
  /** The description's bigrams and signature, when the caller has them already. */
  text?: Fingerprint;
  lon?: number | null;
  lat?: number | null;
  regionCode?: string;
}

/** The candidates that are close enough and similar enough, most similar first. */
function rankDuplicates(candidates: Candidate[], input: DuplicateQuery, own: Uint32Array): IntakeCheck['duplicates'] {
  const found: IntakeCheck['duplicates'] = [];
  for (const c of candidates) {
    const distance = input.lon != null && input.lat != null && c.lon != null && c.lat != null ? Math.round(distanceM(input.lon, input.lat, c.lon, c.lat)) : null;
    if (distance !== null && distance > DUPLICATE_RADIUS_M) continue;
    const similarity = Math.round(jaccard(own, bigramCodes(c.description)) * 100) / 100;
    if (similarity < SIMILAR) continue;
    found.push({ id: c.id, number: c.number, description: c.description, distanceM: distance, similarity, createdAt: new Date(c.createdMs).toISOString(), visible: true });
  }
  return found.sort((a, b) => b.similarity - a.similarity).slice(0, 5);
}

/**
 * The candidates near each of many points, in one round trip: open tickets of the last days
 * within the radius (with a metre to spare: the exact cut is rankDuplicates') whose text shares a
 * signature value (or has none yet), found by the partial index on open tickets' points.
 */
const NEAR_POINTS: Prepared = {
  name: 'ticket_duplicate_candidates_v4',
  text: `
select q.i, c.id, c.number, c.description, c.lon, c.lat, c.created_ms
from jsonb_to_recordset($1::jsonb) as q(i int, self uuid, lon float8, lat float8, dlon float8, dlat float8, since timestamptz, sig int[])
cross join lateral (
  select id, number, description, lon, lat, extract(epoch from created_at) * 1000 as created_ms from ticket
  where status not in ${sqlList(ENDED_TICKET_STATUSES)} and created_at >= q.since
    and lon between q.lon - q.dlon and q.lon + q.dlon and lat between q.lat - q.dlat and q.lat + q.dlat
    and radians(sqrt(power((lon - q.lon) * cos(radians((lat + q.lat) / 2)), 2) + power(lat - q.lat, 2))) * 6371000 <= ${DUPLICATE_RADIUS_M + 1}
    and (text_sig is null or text_sig && q.sig) and id is distinct from q.self
  limit 200) c`,
};

/**
 * Possible duplicates of a report: open tickets of the last days near the point (or, without a
 * point, in the same region) with similar text. Reports with a point filed at the same time are
 * looked up together.
 */
export class DuplicateFinder {
  private readonly near = new Batcher<{ self?: string; lon: number; lat: number; since: Date; signature: number[] }, Candidate[]>(async (points) => {
    const found = await runPrepared<{ i: number; id: string; number: string; description: string; lon: number; lat: number; created_ms: number | string }>(
      this.db,
      NEAR_POINTS,
      [JSON.stringify(points.map((p, i) => ({ i, self: p.self, lon: p.lon, lat: p.lat, ...boxAround(p.lat), since: p.since.toISOString(), sig: p.signature })))],
    );
    const out = points.map((): Candidate[] => []);
    for (const r of found) out[r.i]!.push({ id: r.id, number: r.number, description: r.description, lon: r.lon, lat: r.lat, createdMs: Number(r.created_ms) });
    return out;
  }, { maxInFlight: 2 });

  constructor(private readonly db: Db) {}

  async find(now: Date, input: DuplicateQuery): Promise<IntakeCheck['duplicates']> {
    const since = new Date(now.getTime() - DUPLICATE_DAYS * 24 * 60 * 60 * 1000);
    const text = input.text ?? fingerprint(input.description);
    // No bigrams, nothing similar.
    if (text.signature.length === 0) return [];
    if (input.lon != null && input.lat != null) {
      return rankDuplicates(await this.near.submit({ self: input.self, lon: input.lon, lat: input.lat, since, signature: text.signature }), input, text.codes);
    }
    const open = notInArray(ticket.status, [...ENDED_TICKET_STATUSES]);
    // Without a point: the same region.
    const near = input.regionCode ? inArray(ticket.regionCode, [input.regionCode]) : sql`false`;
    const candidates = await this.db
      .select({ id: ticket.id, number: ticket.number, description: ticket.description, lon: ticket.lon, lat: ticket.lat, createdAt: ticket.createdAt })
      .from(ticket)
      .where(and(open, near, gte(ticket.createdAt, since), or(isNull(ticket.textSig), arrayOverlaps(ticket.textSig, text.signature)), input.self ? sql`${ticket.id} <> ${input.self}` : undefined))
      .limit(200);
    return rankDuplicates(candidates.map((c) => ({ ...c, createdMs: c.createdAt.getTime() })), input, text.codes);
  }
}

/**
 * Possible duplicates as the caller may see them: the tickets the caller may read in full; others
 * (outside their scope, or not theirs) only by number and similarity, never their text, place or id.
 */
export async function scopedDuplicates(db: Db, actor: Actor | null, duplicates: IntakeCheck['duplicates']): Promise<IntakeCheck['duplicates']> {
  if (duplicates.length === 0) return [];
  const ids = duplicates.map((d) => d.id).filter((id): id is string => id !== null);
  const visible = actor && ids.length ? new Set((await db.select({ id: ticket.id }).from(ticket).where(and(inArray(ticket.id, ids), ticketReadable(actor)))).map((v) => v.id)) : new Set<string>();
  return duplicates.map((d) => (d.id && visible.has(d.id) ? d : { id: null, number: d.number, description: '', distanceM: null, similarity: d.similarity, createdAt: d.createdAt, visible: false }));
}

export async function checkIntake(deps: TicketDeps, actor: Actor, now: Date, input: { description: string; lon?: number; lat?: number }): Promise<IntakeCheck> {
  const found = input.lon !== undefined && input.lat !== undefined ? await deps.locator.lookup(input.lon, input.lat) : null;
  const [suggestions, duplicates] = await Promise.all([
    suggestCategories(deps, input.description),
    deps.duplicates.find(now, { ...input, regionCode: found?.regionCode ?? actor.regionCode }),
  ]);
  // The grid the report would go to: staff only inside their own scope (they file nowhere else);
  // a resident, who may report anywhere served, is told where their report goes.
  const filesAnywhere = !actor.permissions.includes('ticket:read');
  const grid = found && (filesAnywhere || placeInScope(actor, { regionCode: found.regionCode, gridId: found.id })) ? { id: found.id, name: found.name, regionCode: found.regionCode } : null;
  return { grid, suggestions, duplicates: await scopedDuplicates(deps.db, actor, duplicates) };
}

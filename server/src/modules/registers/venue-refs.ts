/**
 * What other modules may know of venues and people without reading the registers' tables: a
 * live venue by its code (the portal's check-in, imports of check-ins), live venues by id, a
 * venue in an actor's scope, the live venues in an actor's scope (the demo's check-ins), and
 * residents' names by id (for masking in lists of check-ins).
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { scopeWhere } from './engine.js';
import { resident, venue } from './tables.js';

export interface VenueRef {
  id: string;
  code: string;
  name: string;
  address: string | null;
  regionCode: string;
  gridId: string;
}

const columns = { id: venue.id, code: venue.venueCode, name: venue.name, address: venue.address, regionCode: venue.regionCode, gridId: venue.gridId };

/** Live venues by their venue codes (code -> venue). */
export async function venuesByCode(db: Db, codes: readonly string[]): Promise<Map<string, VenueRef>> {
  if (codes.length === 0) return new Map();
  const found = await db.select(columns).from(venue).where(and(isNull(venue.deletedAt), inArray(venue.venueCode, [...new Set(codes)])));
  return new Map(found.map((v) => [v.code, v]));
}

/** Venues by id, deleted ones too (a check-in outlives its venue until the retention). */
export async function venuesByIds(db: Db, ids: readonly string[]): Promise<Map<string, VenueRef>> {
  if (ids.length === 0) return new Map();
  const found = await db.select(columns).from(venue).where(inArray(venue.id, [...new Set(ids)]));
  return new Map(found.map((v) => [v.id, v]));
}

/** A live venue in the actor's scope, or null (out of scope is not found). */
export async function venueInScope(db: Db, actor: Actor, id: string): Promise<VenueRef | null> {
  const [found] = await db.select(columns).from(venue).where(and(eq(venue.id, id), isNull(venue.deletedAt), scopeWhere(actor, venue)));
  return found ?? null;
}

/** The live venues in the actor's scope, by code (the demo city's check-ins). */
export async function venuesInScope(db: Db, actor: Actor): Promise<VenueRef[]> {
  return db.select(columns).from(venue).where(and(isNull(venue.deletedAt), scopeWhere(actor, venue))).orderBy(venue.venueCode);
}

/** Residents' names by id (id -> name), for lists that show them masked. */
export async function residentNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: resident.id, name: resident.name }).from(resident).where(inArray(resident.id, [...new Set(ids)]));
  return new Map(found.map((r) => [r.id, r.name]));
}

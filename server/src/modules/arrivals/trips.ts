/**
 * What tracing may know of trips (同行程): a person's trips in a window, and the other travellers
 * on each one. The caller checks its own scope and permissions; nothing here is shown to anyone by
 * itself. The rule, in one place:
 *
 * - A fellow traveller has the same train, flight or plate number and arrived within
 *   `windowHours` of the person (the same train at the same station at the same time).
 * - Where both have a carriage (车厢), it must be the same.
 * - With `seatRows`, where both seats have a row number (`12A`, `05F`), the rows may differ by at
 *   most that many; a seat without a row number counts (the evidence says which seats).
 */
import { and, between, eq, gte, lte, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { arrival } from './tables.js';

export interface Trip {
  transportNumber: string;
  carriage: string | null;
  seat: string | null;
  arrivedAt: Date;
}

export interface FellowTraveller {
  residentId: string | null;
  /** The keyed hash of the document (the person's key when not a resident). */
  idHash: Buffer;
  name: string;
  /** Where they are followed up: the resident's region and grid, else the region that imported them. */
  regionCode: string;
  gridId: string | null;
  trip: Trip;
  theirs: Trip;
}

/** The person's trips (by resident, or by the document's keyed hash) that arrived in [from, to]; those without a number are left out. */
export async function tripsOf(db: Db, person: { residentId: string | null; idHash: Buffer | null }, from: Date, to: Date): Promise<Trip[]> {
  const who: SQL[] = [];
  if (person.residentId) who.push(eq(arrival.residentId, person.residentId));
  if (person.idHash) who.push(eq(arrival.idHash, person.idHash));
  if (who.length === 0) return [];
  return db
    .select({ transportNumber: arrival.transportNumber, carriage: arrival.carriage, seat: arrival.seat, arrivedAt: arrival.arrivedAt })
    .from(arrival)
    .where(and(or(...who), gte(arrival.arrivedAt, from), lte(arrival.arrivedAt, to), ne(arrival.transportNumber, '')))
    .orderBy(arrival.arrivedAt);
}

const seatRow = (seat: string | null): number | null => {
  const m = seat ? /(\d+)\s*[A-Za-z]?$/.exec(seat.trim()) : null;
  return m ? Number(m[1]) : null;
};

const sameCarriage = (a: string | null, b: string | null) => !a || !b || a.replace(/^0+/, '').toUpperCase() === b.replace(/^0+/, '').toUpperCase();

/** Whether two travellers on the same trip sat near enough (the rule above). */
export function nearEnough(mine: Trip, theirs: Trip, seatRows: number | null): boolean {
  if (!sameCarriage(mine.carriage, theirs.carriage)) return false;
  if (seatRows === null) return true;
  const [a, b] = [seatRow(mine.seat), seatRow(theirs.seat)];
  return a === null || b === null || Math.abs(a - b) <= seatRows;
}

/** The other travellers on each of the trips, by the rule above (the person's own rows left out by `selfHash`). */
export async function fellowTravellers(db: Db, trips: readonly Trip[], rule: { windowHours: number; seatRows: number | null }, selfHash: Buffer | null): Promise<FellowTraveller[]> {
  const found: FellowTraveller[] = [];
  const windowMs = rule.windowHours * 3_600_000;
  for (const trip of trips) {
    const others = await db
      .select()
      .from(arrival)
      .where(and(eq(arrival.transportNumber, trip.transportNumber), between(arrival.arrivedAt, new Date(trip.arrivedAt.getTime() - windowMs), new Date(trip.arrivedAt.getTime() + windowMs))));
    for (const o of others) {
      if (selfHash && o.idHash.equals(selfHash)) continue;
      const theirs = { transportNumber: o.transportNumber, carriage: o.carriage, seat: o.seat, arrivedAt: o.arrivedAt };
      if (!nearEnough(trip, theirs, rule.seatRows)) continue;
      found.push({ residentId: o.residentId, idHash: o.idHash, name: o.name, regionCode: o.regionCode, gridId: o.gridId, trip, theirs });
    }
  }
  return found;
}

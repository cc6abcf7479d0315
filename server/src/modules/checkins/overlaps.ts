/**
 * Presence tracing (for cases and contacts): who else was at the same venues at overlapping
 * times as a person, with the evidence. The rule, in one place:
 *
 * - A check-in's interval is [checked in, end]. The end is the check-out; an open check-in (no
 *   check-out) lasts until the earlier of `now` and the end of its local day. A stay is followed
 *   at most 24 hours (a check-out later than that counts as 24 hours after the check-in).
 * - The person's check-ins considered are those whose interval meets the window [from, to].
 * - Another person's check-in overlaps one of them when it is at the same venue and the
 *   intervals share time: overlap = min(ends) - max(starts). With `minOverlapMinutes` 0, touching
 *   intervals (one leaves the minute the other arrives, overlap 0) count; with a minimum above
 *   0, the overlap must be at least that many minutes (touching never counts).
 * - The same venue at other times, or other venues, are not contacts.
 *
 * Reads only the partitions of the window's days (and the day before, for stays that began then).
 */
import { sql } from 'drizzle-orm';
import type { CheckinSource, PersonKind } from '@gridgov/contracts';
import { rows, type Db } from '../../platform/db/client.js';
import { timeZone } from '../../platform/time-zone.js';
import { personKindOf, sourceOf } from './person.js';

export interface OverlapQuery {
  personKey: string;
  from: Date;
  to: Date;
  minOverlapMinutes: number;
  /** Where open check-ins end today (default: the current time). */
  now?: Date;
}

export interface Interval {
  checkedInAt: Date;
  /** As stored: null while open. */
  checkedOutAt: Date | null;
  /** The end the rule gives it (check-out, or the open one's end). */
  until: Date;
  source: CheckinSource;
}

export interface VenueOverlap {
  venueId: string;
  personKey: string;
  personKind: PersonKind;
  mine: Interval;
  theirs: Interval;
  overlapMinutes: number;
}

const MAX_STAY = "interval '24 hours'";

interface Row {
  venue_id: string;
  person_key: string;
  person_kind: string;
  my_in: Date | string;
  my_out: Date | string | null;
  my_until: Date | string;
  my_source: string;
  their_in: Date | string;
  their_out: Date | string | null;
  their_until: Date | string;
  their_source: string;
  overlap_seconds: number | string;
}

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** The other persons who were at the person's venues at overlapping times in the window, with the evidence (earliest first). */
export async function venueOverlaps(db: Db, q: OverlapQuery): Promise<VenueOverlap[]> {
  return (await overlapsOf(db, [q.personKey], q)).get(q.personKey.toLowerCase()) ?? [];
}

/**
 * `venueOverlaps` for many cases at once, in one statement (the same rule and window for each):
 * case key -> its contacts' evidence (earliest first; a case without contacts has an empty list).
 * Keys are answered lower-case. For a batch of cases this replaces a round trip and a plan per case by one set-based join.
 */
export async function venueOverlapsMany(db: Db, q: Omit<OverlapQuery, 'personKey'> & { personKeys: readonly string[] }): Promise<Map<string, VenueOverlap[]>> {
  return overlapsOf(db, q.personKeys, q);
}

async function overlapsOf(db: Db, keys: readonly string[], q: Omit<OverlapQuery, 'personKey'>): Promise<Map<string, VenueOverlap[]>> {
  const found = new Map<string, VenueOverlap[]>(keys.map((k) => [k.toLowerCase(), []]));
  if (keys.length === 0) return found;
  const now = q.now ?? new Date();
  const zone = timeZone();
  const minSeconds = Math.max(0, q.minOverlapMinutes) * 60;
  /** The end the rule gives a check-in of the table aliased `t`. */
  const endSql = (t: 'm' | 'o') => {
    const a = sql.raw(t);
    return sql`least(coalesce(${a}.checked_out_at, least(${now}::timestamptz, ((date_trunc('day', ${a}.checked_in_at at time zone ${zone}) + interval '1 day') at time zone ${zone}))), ${a}.checked_in_at + ${sql.raw(MAX_STAY)})`;
  };
  // One case: its key as a constant (the plan prunes by it); many: the distinct keys of an array.
  const cases = keys.length === 1 ? sql`select ${keys[0]}::uuid as k` : sql`select distinct unnest(${`{${keys.join(',')}}`}::uuid[]) as k`;
  const result = await rows<Row & { case_key: string }>(
    db,
    sql`with cases as (${cases}), mine as (
          select c.k, m.venue_id, m.checked_in_at as s, m.checked_out_at, m.source, ${endSql('m')} as e
          from cases c join venue_checkin m on m.person_key = c.k
            and m.checked_in_at >= ${q.from}::timestamptz - ${sql.raw(MAX_STAY)} and m.checked_in_at <= ${q.to}::timestamptz
        ), mine_in_window as (
          select * from mine where e >= ${q.from}::timestamptz
        ), pairs as (
          select w.k as case_key, w.venue_id, o.person_key, o.person_kind, w.s as my_in, w.checked_out_at as my_out, w.e as my_until, w.source as my_source,
                 o.checked_in_at as their_in, o.checked_out_at as their_out, ${endSql('o')} as their_until, o.source as their_source
          from mine_in_window w
          join venue_checkin o on o.venue_id = w.venue_id and o.person_key <> w.k
            and o.checked_in_at <= w.e and o.checked_in_at >= w.s - ${sql.raw(MAX_STAY)}
        )
        select *, extract(epoch from (least(my_until, their_until) - greatest(my_in, their_in))) as overlap_seconds
        from pairs
        where least(my_until, their_until) >= greatest(my_in, their_in)
          and extract(epoch from (least(my_until, their_until) - greatest(my_in, their_in))) >= ${minSeconds}
          and (${minSeconds} = 0 or least(my_until, their_until) > greatest(my_in, their_in))
        order by case_key, my_in, their_in, person_key`,
  );
  for (const r of result) {
    found.get(r.case_key)?.push({
      venueId: r.venue_id,
      personKey: r.person_key,
      personKind: personKindOf(r.person_kind),
      mine: { checkedInAt: date(r.my_in), checkedOutAt: r.my_out ? date(r.my_out) : null, until: date(r.my_until), source: sourceOf(r.my_source) },
      theirs: { checkedInAt: date(r.their_in), checkedOutAt: r.their_out ? date(r.their_out) : null, until: date(r.their_until), source: sourceOf(r.their_source) },
      overlapMinutes: Math.round((Number(r.overlap_seconds) / 60) * 100) / 100,
    });
  }
  return found;
}

/**
 * A resident checks in at a venue by its code, and checks out, on the portal. The person key is
 * the one the registers know the account by (`accountPerson`: the resident, or the document, once
 * the account gave its real name; until then the account; see person.ts). One open check-in per person: checking in elsewhere closes the
 * open one at that moment; checking in again where one is already checked in changes nothing.
 * An open check-in of an earlier day is not closed: it counts until the end of its day. A
 * person's check-ins take turns on an advisory lock of their key, so two taps at once make one.
 * Each check-in and check-out is audited with the venue's place.
 */
import { and, eq, gte, isNull, sql } from 'drizzle-orm';
import type { OwnCheckin } from '@gridgov/contracts';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { TransitionReaction } from '../../platform/workflow/workflow.js';
import { dayStart, localDate } from '../../platform/time-zone.js';
import { venuesByCode, venuesByIds, type VenueRef } from '../registers/venue-refs.js';
import { accountPerson } from '../registers/account-identity.js';
import { ensurePartitions } from './partitions.js';
import { PERSON_CODES, SOURCE_CODES } from './person.js';
import { venueCheckin } from './tables.js';

/** The live venue with this code, or CHECKIN_VENUE_UNKNOWN. */
export async function venueOfCode(kit: Pick<Kit, 'db'>, code: string): Promise<VenueRef> {
  const found = (await venuesByCode(kit.db, [code])).get(code);
  if (!found) throw new AppError('CHECKIN_VENUE_UNKNOWN', { fields: [{ field: 'venueCode', code: 'CHECKIN_VENUE_UNKNOWN' }] });
  return found;
}

const own = (venue: VenueRef, checkedInAt: Date, checkedOutAt: Date | null): OwnCheckin => ({
  venueCode: venue.code, venueName: venue.name, checkedInAt: checkedInAt.toISOString(), checkedOutAt: checkedOutAt?.toISOString() ?? null, source: 'portal',
});

export async function checkIn(kit: Pick<Kit, 'db'>, ctx: ActorContext, code: string): Promise<OwnCheckin> {
  const venue = await venueOfCode(kit, code);
  const now = ctx.clock.now();
  const { personKey: person, kind } = await accountPerson(kit.db, ctx.actor.id);
  await ensurePartitions(kit.db, [localDate(now)]);
  return kit.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`checkin:${person}`}))`);
    const [open] = await tx
      .select()
      .from(venueCheckin)
      .where(and(eq(venueCheckin.personKey, person), isNull(venueCheckin.checkedOutAt), gte(venueCheckin.checkedInAt, dayStart(localDate(now)))))
      .orderBy(sql`${venueCheckin.checkedInAt} desc`)
      .limit(1);
    if (open && open.venueId === venue.id) return own(venue, open.checkedInAt, null);
    if (open) {
      await tx.update(venueCheckin).set({ checkedOutAt: now }).where(and(eq(venueCheckin.venueId, open.venueId), eq(venueCheckin.checkedInAt, open.checkedInAt), eq(venueCheckin.personKey, person)));
      await writeAudit(tx, ctx, { action: 'checkin.close', objectType: 'venue', objectId: open.venueId, regionCode: open.regionCode, details: { checkedInAt: open.checkedInAt.toISOString(), by: 'checkin_elsewhere' } });
    }
    await tx
      .insert(venueCheckin)
      .values({ venueId: venue.id, checkedInAt: now, personKey: person, personKind: PERSON_CODES[kind], checkedOutAt: null, source: SOURCE_CODES.portal, regionCode: venue.regionCode, gridId: venue.gridId })
      .onConflictDoNothing();
    await writeAudit(tx, ctx, { action: 'checkin.create', objectType: 'venue', objectId: venue.id, regionCode: venue.regionCode, details: { source: 'portal', closed: open?.venueId ?? null } });
    return own(venue, now, null);
  });
}

/** Closes the person's open check-in of today; CHECKIN_NOT_OPEN when there is none. */
export async function checkOut(kit: Pick<Kit, 'db'>, ctx: ActorContext): Promise<OwnCheckin> {
  const now = ctx.clock.now();
  const { personKey: person } = await accountPerson(kit.db, ctx.actor.id);
  const closed = await kit.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`checkin:${person}`}))`);
    const [row] = await tx
      .update(venueCheckin)
      .set({ checkedOutAt: now })
      .where(and(eq(venueCheckin.personKey, person), isNull(venueCheckin.checkedOutAt), gte(venueCheckin.checkedInAt, dayStart(localDate(now)))))
      .returning();
    if (!row) throw new AppError('CHECKIN_NOT_OPEN');
    await writeAudit(tx, ctx, { action: 'checkin.close', objectType: 'venue', objectId: row.venueId, regionCode: row.regionCode, details: { checkedInAt: row.checkedInAt.toISOString(), by: 'checkout' } });
    return row;
  });
  const venue = (await venuesByIds(kit.db, [closed.venueId])).get(closed.venueId)!;
  return own(venue, closed.checkedInAt, now);
}

/**
 * An account gave its real name (`account.identify`): its portal check-ins, kept under the
 * account's id until then, move to the person key, so tracing finds them with the person's others.
 */
export const identifiedAccount: TransitionReaction = {
  on: ['account.identify'],
  react: async (kit, event) => {
    const kind = (await accountPerson(kit.db, event.id)).kind;
    await kit.db.update(venueCheckin).set({ personKey: event.to, personKind: PERSON_CODES[kind] }).where(and(eq(venueCheckin.personKey, event.from), eq(venueCheckin.personKind, PERSON_CODES.account)));
  },
};

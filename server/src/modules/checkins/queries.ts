/**
 * Reads of check-ins. A resident sees only their own (the portal account's key); staff read one
 * venue's check-ins when the venue is in their scope (else "not found"), with a stated purpose,
 * the people masked, and the read audited with the purpose and the filters. Reads name a time
 * window, so only the partitions of its days are scanned.
 */
import { accountPerson } from '../registers/account-identity.js';
import { and, count, desc, eq, gte, lt } from 'drizzle-orm';
import type { OwnCheckin, OwnCheckins, VenueCheckin, VenueCheckinQuery } from '@gridgov/contracts';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { accountNames } from '../../platform/accounts/accounts.js';
import { dayBounds, dayStart, localDate } from '../../platform/time-zone.js';
import { residentNames, venueInScope, venuesByIds } from '../registers/venue-refs.js';
import { PERSON_CODES, personKindOf, sourceOf } from './person.js';
import { venueCheckin } from './tables.js';

/** How far back a resident's own list and a venue's default window reach. */
const OWN_DAYS = 14;
const mask = (name: string) => [...name].map((c, i) => (i === 0 ? c : '*')).join('');

/** One's own check-ins of the last 14 days, newest first, and the open one of today. */
export async function ownCheckins(kit: Pick<Kit, 'db'>, ctx: ActorContext): Promise<OwnCheckins> {
  const now = ctx.clock.now();
  const found = await kit.db
    .select()
    .from(venueCheckin)
    .where(and(eq(venueCheckin.personKey, (await accountPerson(kit.db, ctx.actor.id)).personKey), gte(venueCheckin.checkedInAt, dayStart(localDate(now, OWN_DAYS - 1)))))
    .orderBy(desc(venueCheckin.checkedInAt))
    .limit(50);
  const venues = await venuesByIds(kit.db, found.map((r) => r.venueId));
  const recent: OwnCheckin[] = found.map((r) => ({
    venueCode: venues.get(r.venueId)?.code ?? '',
    venueName: venues.get(r.venueId)?.name ?? '',
    checkedInAt: r.checkedInAt.toISOString(),
    checkedOutAt: r.checkedOutAt?.toISOString() ?? null,
    source: sourceOf(r.source),
  }));
  const today = dayStart(localDate(now)).toISOString();
  const current = recent.find((r) => r.checkedOutAt === null && r.checkedInAt >= today) ?? null;
  return { current, recent };
}

/** A venue's check-ins in a window of local days (default: the last 14), newest first; masked; audited with the purpose. */
export async function venueCheckins(kit: Pick<Kit, 'db'>, ctx: ActorContext, venueId: string, q: VenueCheckinQuery) {
  const venue = await venueInScope(kit.db, ctx.actor, venueId);
  if (!venue) throw notFound();
  if (!q.purpose) throw new AppError('CHECKIN_PURPOSE_REQUIRED', { fields: [{ field: 'purpose', code: 'CHECKIN_PURPOSE_REQUIRED' }] });
  const now = ctx.clock.now();
  const from = q.from ?? localDate(now, OWN_DAYS - 1);
  const to = q.to ?? localDate(now);
  const where = and(eq(venueCheckin.venueId, venue.id), gte(venueCheckin.checkedInAt, dayBounds(from)[0]), lt(venueCheckin.checkedInAt, dayBounds(to)[1]));
  const [found, [total]] = await Promise.all([
    kit.db.select().from(venueCheckin).where(where).orderBy(desc(venueCheckin.checkedInAt), desc(venueCheckin.personKey)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    kit.db.select({ n: count() }).from(venueCheckin).where(where),
  ]);
  const [residents, accounts] = await Promise.all([
    residentNames(kit.db, found.filter((r) => r.personKind === PERSON_CODES.resident).map((r) => r.personKey)),
    accountNames(kit.db, found.filter((r) => r.personKind === PERSON_CODES.account).map((r) => r.personKey)),
  ]);
  const items: VenueCheckin[] = found.map((r) => {
    const name = r.personKind === PERSON_CODES.resident ? residents.get(r.personKey) : r.personKind === PERSON_CODES.account ? accounts.get(r.personKey) : undefined;
    return { personKind: personKindOf(r.personKind), personMasked: name ? mask(name) : null, checkedInAt: r.checkedInAt.toISOString(), checkedOutAt: r.checkedOutAt?.toISOString() ?? null, source: sourceOf(r.source) };
  });
  const n = Number(total?.n ?? 0);
  await writeAudit(kit.db, ctx, {
    action: 'checkin.list', objectType: 'venue', objectId: venue.id, regionCode: venue.regionCode,
    details: { purpose: q.purpose, from, to, page: q.page, shown: items.length, total: n },
  });
  return { items, total: n, page: q.page, pageSize: q.pageSize };
}

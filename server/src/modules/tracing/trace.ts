/**
 * Contact tracing for one case, by the rule in force (rule.ts):
 *
 * - The exposure window opens `exposureDaysBefore` days before the onset date (else the sampling
 *   date, else the day the case was recorded) at local midnight, and closes at isolation (else now).
 * - Close contacts (degree 1): who shared a venue with the case at overlapping times in the window
 *   (`venueOverlaps`, touching stays and open check-outs as its rule says, `minOverlapMinutes`);
 *   who travelled on the same train or flight (`fellowTravellers`: same number, arrival within
 *   `tripWindowHours`, same carriage, seat rows within `seatRows`); who lives in the same household.
 * - Secondary contacts (degree 2, when `secondary`): the close contacts' own venue contacts after
 *   their first exposure, and their households. Someone already a close contact is not also secondary.
 * - Each contact keeps every piece of evidence. Found again later (a re-trace, another exposure),
 *   its last exposure moves on and its follow-up restarts from there: `follow_until` = last
 *   exposure + `followUpDays`. Contacts from interviews are kept as they are; nobody found before
 *   is dropped by a later trace.
 *
 * One transaction with the case locked (traces of one case take turns); audited with the counts.
 */
import { evidenceChanged } from '../../platform/kit/evidence.js';
import { eq, sql } from 'drizzle-orm';
import type { ContactKind, TraceResult, TracingRule } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { notify } from '../../platform/notifications/notify.js';
import { dayStart, localDate } from '../../platform/time-zone.js';
import { documentKey, venueOverlaps, venueOverlapsMany, type VenueOverlap } from '../checkins/index.js';
import { venuesByIds } from '../registers/venue-refs.js';
import { householdMates, residentFacts } from '../registers/person-facts.js';
import { fellowTravellers, tripsOf } from '../arrivals/trips.js';
import { caseNoOf } from './present.js';
import { currentRule } from './rule.js';
import { epiCase, epiContact } from './tables.js';

type ContactRow = typeof epiContact.$inferSelect;
import { loadCase, managesCase, type CaseRow } from './workflow.js';

const DAY_MS = 86_400_000;
const KIND_CODES = { resident: 'r', account: 'a', document: 'd' } as const;

/** Evidence as stored (the venue's id kept; its name as it was then). */
export type StoredEvidence = Record<string, unknown> & { kind: ContactKind };

interface Found {
  personKey: string;
  personKind: 'r' | 'a' | 'd';
  residentId: string | null;
  name: string | null;
  kinds: Set<ContactKind>;
  evidence: StoredEvidence[];
  first: Date;
  last: Date;
  regionCode: string;
  gridId: string | null;
  viaKey: string | null;
}

/**
 * A contact's exposures after a new find from `first` to `last`: the earliest first, the latest
 * last, the follow-up restarted from the last exposure (never shortened), still followed while it
 * runs (one who became a case stays one).
 */
export function mergeExposure(had: Pick<ContactRow, 'firstExposureAt' | 'lastExposureAt' | 'followUntil' | 'status'> | undefined, first: Date, last: Date, rule: TracingRule, now: Date) {
  const lastExposureAt = had && had.lastExposureAt > last ? had.lastExposureAt : last;
  const follow = new Date(lastExposureAt.getTime() + rule.followUpDays * DAY_MS);
  const followUntil = had && had.followUntil > follow ? had.followUntil : follow;
  return {
    firstExposureAt: had && had.firstExposureAt < first ? had.firstExposureAt : first,
    lastExposureAt,
    followUntil,
    status: had?.status === 'case' ? 'case' : followUntil > now ? 'following' : 'ended',
  };
}

export function exposureWindow(c: Pick<CaseRow, 'onsetDate' | 'samplingDate' | 'createdAt' | 'isolatedAt'>, rule: TracingRule, now: Date): { from: Date; to: Date } {
  const base = c.onsetDate ?? c.samplingDate ?? localDate(c.createdAt);
  const from = new Date(dayStart(base).getTime() - rule.exposureDaysBefore * DAY_MS);
  const to = c.isolatedAt && c.isolatedAt < now ? c.isolatedAt : now;
  return { from, to: to < from ? from : to };
}

function add(into: Map<string, Found>, f: Omit<Found, 'kinds' | 'evidence'> & { kind: ContactKind; evidence: StoredEvidence }) {
  const had = into.get(f.personKey);
  if (!had) {
    const { kind, evidence, ...rest } = f;
    into.set(f.personKey, { ...rest, kinds: new Set([kind]), evidence: [evidence] });
    return;
  }
  had.kinds.add(f.kind);
  had.evidence.push(f.evidence);
  if (f.first < had.first) had.first = f.first;
  if (f.last > had.last) had.last = f.last;
  had.name ??= f.name;
  had.residentId ??= f.residentId;
}

/** Venue contacts with their evidence; `viaKey`: the close contact whose overlap it was (secondary contacts). */
async function addVenueContacts(db: Db, into: Map<string, Found>, found: ReadonlyArray<{ o: VenueOverlap; viaKey: string | null }>) {
  const venues = await venuesByIds(db, [...new Set(found.map(({ o }) => o.venueId))]);
  for (const { o, viaKey } of found) {
    const v = venues.get(o.venueId);
    const first = new Date(Math.max(o.mine.checkedInAt.getTime(), o.theirs.checkedInAt.getTime()));
    const last = new Date(Math.min(o.mine.until.getTime(), o.theirs.until.getTime()));
    add(into, {
      personKey: o.personKey, personKind: KIND_CODES[o.personKind], residentId: o.personKind === 'resident' ? o.personKey : null, name: null,
      first, last, regionCode: v?.regionCode ?? '', gridId: v?.gridId ?? null, viaKey, kind: 'venue',
      evidence: {
        kind: 'venue', venueId: o.venueId, venueName: v?.name ?? '', caseIn: o.mine.checkedInAt.toISOString(), caseUntil: o.mine.until.toISOString(),
        theirIn: o.theirs.checkedInAt.toISOString(), theirUntil: o.theirs.until.toISOString(), theirOpen: o.theirs.checkedOutAt === null, overlapMinutes: o.overlapMinutes,
      },
    });
  }
}

async function addHouseholds(db: Db, into: Map<string, Found>, residents: ReadonlyArray<{ residentId: string; first: Date; last: Date; viaKey: string | null }>) {
  const mates = await householdMates(db, residents.map((r) => r.residentId));
  for (const r of residents) {
    for (const mate of mates.get(r.residentId) ?? []) {
      add(into, { personKey: mate, personKind: 'r', residentId: mate, name: null, first: r.first, last: r.last, regionCode: '', gridId: null, viaKey: r.viaKey, kind: 'household', evidence: { kind: 'household' } });
    }
  }
}

/** Residents are followed up where they live; others where they were met. */
async function placeResidents(db: Db, found: Iterable<Found>, fallback: { regionCode: string; gridId: string | null }) {
  const list = [...found];
  const facts = await residentFacts(db, list.flatMap((f) => (f.residentId ? [f.residentId] : [])));
  for (const f of list) {
    const r = f.residentId ? facts.get(f.residentId) : undefined;
    if (r) Object.assign(f, { regionCode: r.regionCode, gridId: r.gridId });
    else if (!f.regionCode) Object.assign(f, fallback);
  }
}

/**
 * Tells the places that follow new contacts up: per grid (its grid workers) and per region (its
 * operators), one notice with the count and the case number, about the first of them; never the
 * one who traced.
 */
async function noticeNewContacts(kit: Pick<Kit, 'registry'>, tx: Db, ctx: ActorContext, fresh: ReadonlyArray<{ id: string; regionCode: string; gridId: string | null }>, caseNo: number) {
  const places = new Map<string, { id: string; regionCode: string; gridId: string | null; n: number }>();
  for (const v of fresh) {
    const key = `${v.regionCode}/${v.gridId ?? ''}`;
    const had = places.get(key);
    if (had) had.n++;
    else places.set(key, { id: v.id, regionCode: v.regionCode, gridId: v.gridId, n: 1 });
  }
  await notify(
    tx,
    kit.registry.audiences,
    ctx.clock.now(),
    [...places.values()].map((p) => ({
      kind: 'contact.found',
      params: { caseNo: caseNoOf(caseNo), n: p.n },
      subject: { type: 'contact', id: p.id },
      except: ctx.actor.id,
      audiences: [
        ...(p.gridId ? [{ kind: 'accounts_at' as const, permission: 'contact:read' as const, gridId: p.gridId }] : []),
        { kind: 'accounts_at' as const, permission: 'contact:read' as const, regionCode: p.regionCode },
      ],
    })),
  );
}

export async function traceCase(kit: Pick<Kit, 'db' | 'vault' | 'registry'>, ctx: ActorContext, caseId: string): Promise<TraceResult> {
  return kit.db.transaction(async (tx) => {
    const c = await loadCase(tx, ctx.actor, caseId, true);
    if (!managesCase(ctx.actor, c)) throw new AppError('FORBIDDEN', { action: 'trace' });
    if (c.status === 'excluded') throw new AppError('CASE_STATE', { action: 'trace', status: c.status });
    const now = ctx.clock.now();
    const { version, rule } = await currentRule(tx);
    const { from, to } = exposureWindow(c, rule, now);
    // Neither the case nor the case it caught it from is its contact.
    const source = c.sourceCaseId ? await tx.select({ personKey: epiCase.personKey }).from(epiCase).where(eq(epiCase.id, c.sourceCaseId)) : [];
    const caseKeys = new Set([c.personKey, ...source.map((s) => s.personKey)]);

    // Close contacts.
    const close = new Map<string, Found>();
    const mine = await venueOverlaps(tx, { personKey: c.personKey, from, to, minOverlapMinutes: rule.minOverlapMinutes, now });
    await addVenueContacts(tx, close, mine.map((o) => ({ o, viaKey: null })));
    const trips = await tripsOf(tx, { residentId: c.residentId, idHash: c.idHash }, from, to);
    for (const f of await fellowTravellers(tx, trips, { windowHours: rule.tripWindowHours, seatRows: rule.seatRows }, c.idHash)) {
      const key = f.residentId ?? documentKey(f.idHash);
      if (caseKeys.has(key)) continue;
      const at = new Date(Math.min(f.trip.arrivedAt.getTime(), f.theirs.arrivedAt.getTime()));
      add(close, {
        personKey: key, personKind: f.residentId ? 'r' : 'd', residentId: f.residentId, name: f.name, first: at, last: at, regionCode: f.regionCode, gridId: f.gridId, viaKey: null, kind: 'trip',
        evidence: { kind: 'trip', transportNumber: f.trip.transportNumber, carriage: f.theirs.carriage, caseSeat: f.trip.seat, theirSeat: f.theirs.seat, caseArrivedAt: f.trip.arrivedAt.toISOString(), theirArrivedAt: f.theirs.arrivedAt.toISOString() },
      });
    }
    if (c.residentId) await addHouseholds(tx, close, [{ residentId: c.residentId, first: from, last: to, viaKey: null }]);
    for (const k of caseKeys) close.delete(k);
    await placeResidents(tx, close.values(), { regionCode: c.regionCode, gridId: c.gridId });

    const existing = await tx.select().from(epiContact).where(eq(epiContact.caseId, c.id));
    const byKey = new Map(existing.map((e) => [e.personKey, e]));
    // Every close contact of the case (found now or before) is followed for secondary contacts.
    const closeKeys = new Set([...close.keys(), ...existing.filter((e) => e.degree === 1).map((e) => e.personKey)]);

    const secondary = new Map<string, Found>();
    if (rule.secondary && closeKeys.size > 0) {
      const firsts = new Map<string, Date>([...existing.filter((e) => e.degree === 1).map((e) => [e.personKey, e.firstExposureAt] as const), ...[...close].map(([k, f]) => [k, f.first] as const)]);
      const earliest = new Date(Math.min(...[...firsts.values()].map((d) => d.getTime())));
      const theirs = await venueOverlapsMany(tx, { personKeys: [...closeKeys], from: earliest, to: now, minOverlapMinutes: rule.minOverlapMinutes, now });
      // Only what happened after the close contact's own first exposure.
      const after = [...theirs].flatMap(([key, overlaps]) => overlaps.filter((o) => o.mine.until >= (firsts.get(key) ?? earliest)).map((o) => ({ o, viaKey: key })));
      await addVenueContacts(tx, secondary, after);
      const residents = [...closeKeys].flatMap((k) => {
        const f = close.get(k) ?? byKey.get(k);
        const residentId = f?.residentId ?? null;
        return residentId ? [{ residentId, first: firsts.get(k) ?? earliest, last: now, viaKey: k }] : [];
      });
      await addHouseholds(tx, secondary, residents);
      for (const k of [...caseKeys, ...closeKeys]) secondary.delete(k);
      await placeResidents(tx, secondary.values(), { regionCode: c.regionCode, gridId: c.gridId });
    }

    const ids = new Map(existing.map((e) => [e.personKey, e.id]));
    let added = 0;
    let reexposed = 0;
    const toValue = (f: Found, degree: number) => {
      const had = byKey.get(f.personKey);
      if (!had) added++;
      else if (f.last > had.lastExposureAt) reexposed++;
      const kept = (had?.evidence as StoredEvidence[] | undefined)?.filter((e) => e.kind === 'manual') ?? [];
      const level = had ? Math.min(had.degree, degree) : degree;
      const value = {
        id: had?.id ?? crypto.randomUUID(), caseId: c.id, personKey: f.personKey, personKind: f.personKind, residentId: f.residentId, name: f.name ?? had?.name ?? null,
        degree: level, viaContactId: level === 1 || !f.viaKey ? null : (ids.get(f.viaKey) ?? null),
        kinds: [...new Set([...(had?.kinds ?? []).filter((k) => k === 'manual'), ...f.kinds])], evidence: [...kept, ...f.evidence],
        ...mergeExposure(had, f.first, f.last, rule, now),
        regionCode: f.regionCode, gridId: f.gridId, createdAt: had?.createdAt ?? now, updatedAt: now,
      };
      ids.set(f.personKey, value.id);
      return value;
    };
    // Close contacts first, so that a secondary contact names its close contact's id.
    const values = [...[...close.values()].map((f) => toValue(f, 1)), ...[...secondary.values()].map((f) => toValue(f, 2))];
    for (let i = 0; i < values.length; i += 500) {
      await tx
        .insert(epiContact)
        .values(values.slice(i, i + 500))
        .onConflictDoUpdate({
          target: [epiContact.caseId, epiContact.personKey],
          set: {
            degree: sql`excluded.degree`, viaContactId: sql`excluded.via_contact_id`, kinds: sql`excluded.kinds`, evidence: sql`excluded.evidence`, name: sql`excluded.name`,
            firstExposureAt: sql`excluded.first_exposure_at`, lastExposureAt: sql`excluded.last_exposure_at`, followUntil: sql`excluded.follow_until`, status: sql`excluded.status`,
            regionCode: sql`excluded.region_code`, gridId: sql`excluded.grid_id`, updatedAt: sql`excluded.updated_at`,
          },
        });
    }
    // The health codes of the case and of every contact it touched follow in this transaction (kit/evidence.ts).
    await evidenceChanged(kit, tx, [c.personKey, ...values.map((v) => v.personKey)], now);
    await noticeNewContacts(kit, tx, ctx, values.filter((v) => !byKey.has(v.personKey) && v.status === 'following'), c.caseNo);
    const counts = { close: values.filter((v) => v.degree === 1).length, secondary: values.filter((v) => v.degree === 2).length, added, reexposed };
    await tx.execute(sql`update epi_case set traced_at = ${now}, rule_version = ${version}, updated_at = ${now} where id = ${c.id}`);
    await writeAudit(tx, ctx, { action: 'case.trace', objectType: 'case', objectId: c.id, regionCode: c.regionCode, details: { ...counts, ruleVersion: version, from: from.toISOString(), to: to.toISOString() } });
    return { ...counts, ruleVersion: version };
  });
}

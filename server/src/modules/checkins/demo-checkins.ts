/**
 * Check-ins in the demo city: fourteen days of venue check-ins by residents of the county, most
 * at the venues of their own community (so people meet at the same supermarket or canteen), one
 * in eight at a venue elsewhere in the county; one in twenty never checked out, one in three from
 * an access gate. One evening a group met at one venue for two hours (a cluster for tracing).
 * Rows go through the import kind's own check and store, as a partner's feed would, in the name
 * of the county's operator.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { dayStart, localDate, localDateTime } from '../../platform/time-zone.js';
import { importActor } from '../imports/deps.js';
import { generateResidents, mulberry32, type DemoCity } from '../demo/generate-city.js';
import { venuesInScope, type VenueRef } from '../registers/venue-refs.js';
import { checkinImport } from './import-checkins.js';

const DAYS = 14;
const PEOPLE = 300;
const BATCH = 1000;
const MINUTE = 60_000;

export async function seedDemoCheckins(kit: Kit, city: DemoCity, countyPrefix: string): Promise<{ checkins: number; people: number; venues: number; cluster: number }> {
  const random = mulberry32(34);
  const account = await accountByUsername(kit.db, 'county_op');
  if (!account) return { checkins: 0, people: 0, venues: 0, cluster: 0 };
  const actor = importActor(
    { id: account.id, username: account.username, displayName: account.displayName, role: account.role as Role, permissions: [], departmentIds: [], sessionId: null },
    { scopeRegionCode: account.scopeRegionCode!, scopeGridId: null },
  );
  const venues = await venuesInScope(kit.db, actor);
  if (venues.length === 0) return { checkins: 0, people: 0, venues: 0, cluster: 0 };
  const byCommunity = new Map<string, VenueRef[]>();
  for (const v of venues) byCommunity.set(v.regionCode, [...(byCommunity.get(v.regionCode) ?? []), v]);
  const people: { name: string; idNumber: string; phone: string; regionCode: string }[] = [];
  for (const r of generateResidents(city)) {
    if (r.regionCode.startsWith(countyPrefix) && r.kind === 'registered' && byCommunity.has(r.regionCode) && random() < 0.35) people.push(r);
    if (people.length >= PEOPLE) break;
  }
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const now = kit.clock.now();
  const values: Record<string, string | null>[] = [];
  const add = (p: (typeof people)[number], v: VenueRef, at: Date, minutes: number | null) => {
    if (at >= now) return;
    const out = minutes === null ? null : new Date(at.getTime() + minutes * MINUTE);
    values.push({
      venueCode: v.code, name: p.name, idType: '身份证', idNumber: p.idNumber, phone: p.phone, checkedInAt: localDateTime(at),
      // Still there: a check-out after now is not known yet.
      checkedOutAt: out && out < now ? localDateTime(out) : null, gate: random() < 1 / 3 ? '东门闸机' : null,
    });
  };
  for (let d = DAYS - 1; d >= 0; d--) {
    const start = dayStart(localDate(now, d)).getTime();
    for (const p of people) {
      if (random() < 0.4) continue;
      const visits = 1 + Math.floor(random() * 3);
      for (let j = 0; j < visits; j++) {
        const venue = random() < 0.875 ? pick(byCommunity.get(p.regionCode)!) : pick(venues);
        const at = new Date(start + (8 * 60 + j * 200 + Math.floor(random() * 90)) * MINUTE);
        add(p, venue, at, random() < 0.05 ? null : 10 + Math.floor(random() * 111));
      }
    }
  }
  // The cluster: three days ago, from 18:00, a dozen people of one community at its first venue for two hours.
  const community = people[0]!.regionCode;
  const group = people.filter((p) => p.regionCode === community).slice(0, 12);
  const evening = dayStart(localDate(now, 3)).getTime() + 18 * 60 * MINUTE;
  group.forEach((p, i) => add(p, byCommunity.get(community)![0]!, new Date(evening + i * 3 * MINUTE), 120 - i * 3));

  const checked = values.flatMap((v, i) => {
    const row = checkinImport.parse(v, () => undefined, { vault: kit.vault, now, config: kit.config });
    return row ? [{ row: i + 2, value: row.value }] : [];
  });
  const ctx = { actor, ip: '127.0.0.1', requestId: 'demo', locale: 'zh-CN' as const, clock: kit.clock };
  let created = 0;
  for (let i = 0; i < checked.length; i += BATCH) {
    const part = checked.slice(i, i + BATCH);
    const stored = await kit.db.transaction((tx) =>
      checkinImport.store({ db: tx, ctx, vault: kit.vault, importId: randomUUID(), fail: () => undefined, react: async () => undefined, evidenceChanged: async () => undefined }, part),
    );
    created += stored.created;
  }
  return { checkins: created, people: people.length, venues: new Set(values.map((v) => v.venueCode)).size, cluster: group.length };
}

/**
 * Arrivals in the demo city: five days of checkpoints' lists (a high-speed rail station, the
 * airport, a highway toll gate), most of them residents of the county coming home (matched to
 * their grid, the older ones already checked), a few visitors no register knows
 * (unmatched, for follow-up). Rows go through the import kind's own check and store, as an
 * imported list would, in the name of the county's operator.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { idCheckChar, type Role } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { rows } from '../../platform/db/client.js';
import { importActor } from '../imports/deps.js';
import { localDateTime } from '../../platform/time-zone.js';
import { generateResidents, mulberry32, type DemoCity } from '../demo/generate-city.js';
import { arrivalImport } from './import-arrivals.js';

const TRIPS = [
  { mode: '高铁', number: (r: number) => `G${1000 + Math.floor(r * 8000)}`, checkpoint: '常德站', origin: ['北京西', '广州南', '武汉', '上海虹桥', '深圳北'] },
  { mode: '飞机', number: (r: number) => `CZ${3000 + Math.floor(r * 900)}`, checkpoint: '常德桃花源机场', origin: ['北京首都', '上海浦东', '广州白云', '昆明长水'] },
  { mode: '自驾', number: (_r: number) => '', checkpoint: '常张高速常德东收费站', origin: ['长沙', '益阳', '岳阳', '张家界'] },
] as const;
const VISITORS = ['林嘉怡', '周子健', '何晓彤', '郑宇航', '谢雨桐', '罗志强'];

export async function seedDemoArrivals(kit: Kit, city: DemoCity, countyPrefix: string): Promise<{ arrivals: number; matched: number; checked: number }> {
  const random = mulberry32(21);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const account = await accountByUsername(kit.db, 'county_op');
  if (!account) return { arrivals: 0, matched: 0, checked: 0 };
  const actor = importActor(
    { id: account.id, username: account.username, displayName: account.displayName, role: account.role as Role, permissions: [], departmentIds: [], sessionId: null },
    { scopeRegionCode: account.scopeRegionCode!, scopeGridId: null },
  );
  const now = kit.clock.now();
  const people: { name: string; idNumber: string; phone: string | null }[] = [];
  for (const r of generateResidents(city)) {
    if (r.regionCode.startsWith(countyPrefix) && r.kind === 'registered' && random() < 0.1) people.push({ name: r.name, idNumber: r.idNumber, phone: r.phone });
    if (people.length >= 40) break;
  }
  VISITORS.forEach((name, i) => {
    const body = `430102198${i}01${10 + i}00${i}`;
    people.push({ name, idNumber: `${body}${idCheckChar(body)}`, phone: null });
  });
  const values = people.map((p, i) => {
    const trip = pick(TRIPS);
    const at = new Date(now.getTime() - (1 + random() * 4.5 * 24) * 3_600_000);
    return {
      name: p.name, idType: '身份证', idNumber: p.idNumber, phone: p.phone, transportMode: trip.mode, transportNumber: trip.number(random()),
      carriage: trip.mode === '高铁' ? String(1 + (i % 16)).padStart(2, '0') : null, seat: trip.mode === '自驾' ? null : `${1 + (i % 20)}${'ABCDF'[i % 5]}`,
      origin: pick(trip.origin), arrivedAt: localDateTime(at), checkpoint: trip.checkpoint,
    };
  });
  const checked = values.flatMap((v, i) => {
    const row = arrivalImport.parse(v, () => undefined, { vault: kit.vault, now, config: kit.config });
    return row ? [{ row: i + 2, value: row.value }] : [];
  });
  const ctx = { actor, ip: '127.0.0.1', requestId: 'demo', locale: 'zh-CN' as const, clock: kit.clock };
  const stored = await kit.db.transaction((tx) =>
    arrivalImport.store({ db: tx, ctx, vault: kit.vault, importId: randomUUID(), fail: () => undefined, react: async () => undefined, evidenceChanged: async () => undefined }, checked),
  );
  // The older matched arrivals were checked the next day.
  const done = await rows<{ id: string }>(
    kit.db,
    sql`update arrival set status = 'checked', checked_by = ${actor.id}::uuid, checked_at = arrived_at + interval '20 hours', check_note = '已电话联系，居家健康监测'
        where resident_id is not null and arrived_at < ${new Date(now.getTime() - 2 * 86_400_000)} returning id`,
  );
  const [m] = await rows<{ n: number }>(kit.db, sql`select count(*)::int as n from arrival where resident_id is not null`);
  return { arrivals: stored.created, matched: m?.n ?? 0, checked: done.length };
}

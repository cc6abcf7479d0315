/**
 * Supplies reservation in the demo city: last month's mask drive, ended (most collected, the rest
 * released), and one open now at five points of a county, with people who already reserved
 * (through the same writer as the portal) and some who collected.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { idCheckChar } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import { systemContext } from '../../platform/context.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { protect } from '../registers/personal-data.js';
import { seededRandom } from '../tickets/classifier/training-texts.js';
import { supplyDrive, supplyPoint, supplyReservation } from './tables.js';
import { END_JOB } from './transition-drive.js';
import { ReservationWriter } from './reserve-supplies.js';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['秀英', '建国', '桂兰', '志强', '丽华', '海燕', '伟', '静', '磊', '敏', '军', '娟', '勇', '红梅', '晓东'];
const POINT_NAMES = ['社区卫生服务站', '老百姓大药房', '益丰大药房', '社区服务中心', '街道便民服务点'];

export async function seedDemoReservations(kit: Pick<Kit, 'db' | 'vault' | 'jobs' | 'clock'>, county: string, communities: readonly string[]): Promise<{ drives: number; reservations: number }> {
  const { db, vault } = kit;
  const createdBy = (await accountByUsername(db, 'county_op'))?.id ?? randomUUID();
  const now = kit.clock.now();
  const random = seededRandom(31);
  const day = 86_400_000;
  const at = (days: number) => new Date(now.getTime() + days * day);
  let n = 0;
  const person = () => {
    n++;
    const first17 = `430702${1950 + (n % 50)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
    return { name: SURNAMES[n % SURNAMES.length]! + GIVEN[(n * 7) % GIVEN.length]!, idNumber: first17 + idCheckChar(first17), phone: `13${String(700_000_000 + n * 7919).padStart(9, '0')}` };
  };
  const makeDrive = async (status: string, opens: number, closes: number, pickupFrom: number, pickupUntil: number, stock: number) => {
    const id = randomUUID();
    await db.insert(supplyDrive).values({ id, regionCode: county, itemName: '一次性医用口罩', unit: '只', perPerson: 5, opensAt: at(opens), closesAt: at(closes), pickupFrom: at(pickupFrom), pickupUntil: at(pickupUntil), status, version: 2, createdBy, createdAt: at(opens - 1), updatedAt: at(opens) });
    const points = communities.slice(0, POINT_NAMES.length).map((regionCode, i) => ({ id: randomUUID(), driveId: id, regionCode, name: POINT_NAMES[i]!, address: `${['人民路', '建设路', '武陵大道', '朗州路', '桥南路'][i]}${10 + i * 13}号`, lon: null, lat: null, hours: '8:30-17:30', stock, reserved: 0, pickedUp: 0, released: 0 }));
    await db.insert(supplyPoint).values(points);
    return { id, points };
  };

  // Last month's drive: reserved in full at the busy points, mostly collected, the rest released at its end.
  const past = await makeDrive('ended', -32, -30, -31, -27, 60);
  let reservations = 0;
  for (const p of past.points) {
    const made = Math.round(p.stock * (0.6 + 0.4 * random()));
    const rows = Array.from({ length: made }, (_, i) => {
      const who = person();
      const id = protect(vault, 'id_number', who.idNumber);
      const phone = protect(vault, 'phone', who.phone);
      const picked = random() < 0.85;
      const reservedAt = new Date(at(-32).getTime() + i * 97_000);
      return {
        id: randomUUID(), driveId: past.id, pointId: p.id, regionCode: p.regionCode, name: who.name, idNumberHash: id.hash, idNumberCipher: id.cipher, idNumberMasked: id.masked,
        phoneHash: phone.hash, phoneCipher: phone.cipher, phoneMasked: phone.masked, pickupCode: String(10_000_000 + reservations + i), status: picked ? 'picked_up' : 'released',
        reservedAt, pickedUpAt: picked ? new Date(at(-31).getTime() + i * 131_000) : null, pickedUpBy: null,
      };
    });
    reservations += rows.length;
    await db.insert(supplyReservation).values(rows);
    const pickedUp = rows.filter((r) => r.status === 'picked_up').length;
    await db.update(supplyPoint).set({ reserved: pickedUp, pickedUp, released: rows.length - pickedUp }).where(eq(supplyPoint.id, p.id));
  }

  // This week's drive, open now: people reserve through the portal's writer; some have collected.
  const open = await makeDrive('open', -1, 2, -1, 4, 200);
  await kit.jobs.enqueue(db, END_JOB, { driveId: open.id }, { runAt: at(4), singletonKey: `${END_JOB.name}:${open.id}` });
  const writer = new ReservationWriter(db, vault);
  const ctx = { ...systemContext(kit.clock, 'demo'), ip: '127.0.0.1' };
  for (const [i, p] of open.points.entries()) {
    const count = [150, 90, 60, 35, 20][i] ?? 20;
    for (let k = 0; k < count; k++) await writer.reserve(ctx, { driveId: open.id, pointId: p.id, ...person() });
    reservations += count;
  }
  await db.execute(sql`
    with picked as (
      update supply_reservation set status = 'picked_up', picked_up_at = reserved_at + interval '5 hours'
      where id in (select id from supply_reservation where drive_id = ${open.id} order by reserved_at limit 120) returning point_id)
    update supply_point p set picked_up = p.picked_up + c.n from (select point_id, count(*)::int as n from picked group by point_id) c where p.id = c.point_id`);
  return { drives: 2, reservations };
}

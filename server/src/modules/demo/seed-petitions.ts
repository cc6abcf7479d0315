/**
 * Petitions in the demo city: a year of petition tickets in every village or community (most
 * months none or a couple at the township; now and then one that went to the county or city, or
 * came as a group of people), then the no-petition villages assessed for each of the twelve
 * months, so the page shows a mix of 达标 and 未达标 with a history and month-on-month changes.
 * The disputes seeded before count too (the first county's recent months).
 */
import type { Clock } from '../../platform/clock.js';
import { systemContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { dayStart } from '../../platform/time-zone.js';
import { insertPetitions, type DemoPetition } from '../tickets/demo-petitions.js';
import { assessVillages } from '../petitions/assess-villages.js';
import { monthOf, shiftMonth } from '../petitions/months.js';

const STORIES: [string, string][] = [
  ['petition.land', '反映征地补偿款未按标准发放'],
  ['petition.labour', '反映工程款拖欠导致农民工工资未结'],
  ['petition.legal', '对法院判决执行进度不满，要求督促执行'],
  ['petition.livelihood', '反映低保资格认定不公'],
];

export async function seedDemoPetitions(db: Db, clock: Clock, categoryIds: ReadonlyMap<string, string>, villages: readonly { regionCode: string; gridId: string }[], months = 12): Promise<{ petitions: number; months: number }> {
  const now = clock.now();
  const last = shiftMonth(monthOf(now), -1);
  let state = 20_261_203;
  const random = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  const petitions: DemoPetition[] = [];
  for (let k = months - 1; k >= -1; k--) {
    // k = -1: the current month so far.
    const month = shiftMonth(last, -k);
    const start = dayStart(`${month}-01`).getTime();
    villages.forEach((v, i) => {
      // Some villages are restless: more petitions, more often past the township.
      const restless = i % 5 === 2;
      const count = Math.floor(random() * (restless ? 4 : 2.2));
      for (let n = 0; n < count; n++) {
        const at = new Date(start + Math.floor(random() * 27 * 86_400_000) + 9 * 3_600_000);
        if (at.getTime() >= now.getTime()) continue;
        const [category, description] = STORIES[Math.floor(random() * STORIES.length)]!;
        const roll = random();
        const level = roll < (restless ? 0.3 : 0.06) ? (roll < 0.03 ? 'city' : 'county') : 'township';
        const group = random() < (restless ? 0.2 : 0.05);
        petitions.push({ regionCode: v.regionCode, gridId: v.gridId, category, at, level, ...(group ? { people: 5 + Math.floor(random() * 20) } : { people: 1 + Math.floor(random() * 2) }), description });
      }
    });
  }
  await insertPetitions(db, categoryIds, petitions, now);
  const ctx = systemContext(clock, 'demo.seed');
  for (let k = months - 1; k >= 0; k--) await assessVillages(db, ctx, { regionPrefix: '', month: shiftMonth(last, -k) });
  return { petitions: petitions.length, months };
}

/**
 * Self-declarations in the demo city: the last five days in a county's first grids, through the
 * same path as the portal (validation, matching, rules, the daily rule): registered residents
 * declaring daily (a few with a fever or symptoms, one correcting a temperature the same day),
 * arrivals from elsewhere not in the register (unmatched, placed in their community), and a few
 * taken by phone.
 */
import { idCheckChar, type DeclarationMode } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import { systemContext } from '../../platform/context.js';
import { generateResidents, mulberry32, type DemoCity, type DemoResident } from '../demo/generate-city.js';
import { declare } from './declare.js';

const SYMPTOMS = ['cough', 'sore_throat', 'fatigue', 'fever'];
const FROM = ['武汉市', '长沙市', '广州市', '上海市', '北京市', '深圳市'];

function answers(p: { name: string; idNumber: string; phone: string; sex: string; address: string }, random: () => number, sick: boolean, today: string) {
  const travelled = random() < 0.15;
  return {
    name: p.name, sex: p.sex, nationality: 'CHN', id_type: '111', id_number: p.idNumber, address: p.address, phone: p.phone,
    temperature: sick ? Math.round((37.4 + random() * 1.4) * 10) / 10 : Math.round((36.1 + random() * 0.9) * 10) / 10,
    ...(sick && random() < 0.7 ? { symptoms: [SYMPTOMS[Math.floor(random() * SYMPTOMS.length)]!] } : {}),
    ...(random() < 0.1 ? { conditions: ['hypertension'] } : {}),
    contact: 'none', risk_area: travelled && random() < 0.3, travelled,
    ...(travelled ? { trips: [{ from: FROM[Math.floor(random() * FROM.length)]!, to: '常德市', transport: 'train', number: `G${1000 + Math.floor(random() * 8000)}`, departed_on: today, arrived_on: today }] } : {}),
  };
}

export async function seedDemoDeclarations(kit: Kit, city: DemoCity, countyPrefix: string): Promise<{ declarations: number; abnormal: number; unmatched: number }> {
  const random = mulberry32(14);
  const grids = new Set(city.grids.filter((g) => g.regionCode.startsWith(countyPrefix)).slice(0, 4).map((g) => g.code));
  const people: DemoResident[] = [];
  for (const r of generateResidents(city)) {
    if (grids.has(r.gridCode) && r.kind === 'registered') people.push(r);
    if (people.length >= 30) break;
  }
  const communities = [...new Set(people.map((p) => p.regionCode))];
  const now = kit.clock.now();
  let declarations = 0;
  let abnormal = 0;
  let unmatched = 0;
  const run = async (at: Date, mode: DeclarationMode, a: Record<string, unknown>, regionCode: string | undefined, source: 'portal' | 'phone') => {
    const ctx = { ...systemContext({ now: () => at }, 'demo'), ip: '127.0.0.1' };
    const made = await declare(kit, ctx, { mode, ...(regionCode ? { regionCode } : {}), answers: a }, { source, perPerson: null, community: async (code) => code });
    declarations++;
    if (made.abnormal) abnormal++;
    return made;
  };
  for (let daysBack = 4; daysBack >= 0; daysBack--) {
    const dayStart = now.getTime() - daysBack * 86_400_000 - 10 * 3_600_000;
    const today = new Date(dayStart).toISOString().slice(0, 10);
    for (const [i, p] of people.entries()) {
      if (random() < 0.35) continue;
      const at = new Date(dayStart + i * 7 * 60_000);
      const sick = random() < 0.06;
      const a = answers({ ...p, sex: p.sex === 'male' ? '1' : '2' }, random, sick, today);
      await run(at, 'daily', a, undefined, random() < 0.1 ? 'phone' : 'portal');
      // Now and then a resident corrects the temperature later the same day: the second replaces the first.
      if (sick && random() < 0.5) await run(new Date(at.getTime() + 2 * 3_600_000), 'daily', { ...a, temperature: 36.8, symptoms: [] }, undefined, 'portal');
    }
    // Arrivals not (yet) in the register: kept, placed in the community they named.
    for (let k = 0; k < 3; k++) {
      const first17 = `420102${1980 + k}0${1 + daysBack}${10 + k}00${k + 1}`;
      const idNumber = first17 + idCheckChar(first17);
      const a = { ...answers({ name: `${'陈刘吴'[k]}${'晓明'[daysBack % 2]}`, idNumber, phone: `1355${String(daysBack * 1000 + k).padStart(7, '0')}`, sex: '1', address: `${['人民路', '建设路', '朗州路'][k]}${20 + k}号` }, random, k === 0 && daysBack % 2 === 0, today), travelled: true, risk_area: k === 1, trips: [{ from: FROM[k]!, to: '常德市', transport: k === 2 ? 'car' : 'train', number: k === 2 ? '' : `G${1500 + k}`, departed_on: today, arrived_on: today }] };
      await run(new Date(dayStart + (3 + k) * 3_600_000), 'once', a, communities[(k + daysBack) % communities.length], 'portal');
      unmatched++;
    }
  }
  return { declarations, abnormal, unmatched };
}

/**
 * The demo city's key persons: a few dozen residents of the first grids across the categories,
 * each with its risk history and months of visits by the grid's worker, some visits overdue, so
 * `npm start` shows a live picture to the community operator and the grid workers.
 */
import { randomUUID } from 'node:crypto';
import type { KpRiskLevel } from '@gridgov/contracts';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/client.js';
import { gridAccounts } from '../../platform/accounts/accounts.js';
import { localDate, dayStart } from '../../platform/time-zone.js';
import { residentsInGrids } from '../registers/person-facts.js';
import { intervalFor, shipCategories, visitRules } from './categories.js';
import { formKeyOf } from './shipped.js';
import { keyPerson, kpRiskChange, kpVisit } from './tables.js';
import { addDays, isMinor } from './schedule.js';

const ANSWERS: Record<string, Record<string, unknown>> = {
  community_correction: { correction_kind: 'probation', offence: '危险驾驶罪', sentence: '拘役四个月，缓刑六个月', start_date: '2026-07-01', electronic_monitoring: false },
  released_prisoner: { recidivist: false, offence: '盗窃罪', sentence: '有期徒刑二年', prison: '湖南省常德监狱', release_date: '2025-09-12', risk_assessment: 'medium', handover_date: '2025-09-15', resettled_date: '2025-10-20', original_occupation: '个体经营' },
  drug_rehab: { measure: 'community_rehab', drug_kind: '冰毒', start_date: '2025-03-01', relapses: 0 },
  mental_disorder: { guardian_name: '家属', guardian_relation: 'parent', onset_date: '2012-05-01', diagnosis: 'schizophrenia', incident_count: 0, risk_assessment: '1', treatment: 'outpatient', hospital: '常德市第二人民医院' },
  key_petitioner: { petition_matter: '征地补偿标准争议', petition_count: 4, last_petition: '2026-09-18', petition_level: 'city', collective: false },
  key_youth: { youth_kind: 'dropout', school: '', offence_record: false, help_measures: '联系职业学校技能培训' },
  elderly_alone: { health: 'chronic', income: 'pension', alarm_device: true, care_needs: '每周送药' },
  left_behind_child: { parents_work_place: '广东东莞', school: '村完小', health: 'good', care_measures: '每月家访，结对帮扶' },
  disabled_in_difficulty: { disability_kind: 'physical', disability_grade: '2', subsidies: ['living', 'nursing'], difficulty: '出行不便' },
};
const FINDINGS = ['在家，情绪稳定', '近况良好，已告知近期政策', '家属在场，无异常', '电话联系正常，表示有困难会主动联系', '生活规律，按时服药'];
const RISKS: KpRiskLevel[] = ['high', 'medium', 'medium', 'low', 'low'];

export async function seedDemoKeyPersons(db: Db, clock: Clock, gridIds: readonly string[]): Promise<number> {
  await shipCategories(db, clock);
  const now = clock.now();
  const today = localDate(now);
  const people = await residentsInGrids(db, gridIds, 3000);
  if (people.length === 0) return 0;
  const [rules, workers] = await Promise.all([visitRules(db), gridAccounts(db, 'keyperson:visit', gridIds)]);
  const workerOf = new Map(workers.map((w) => [w.gridId, w.id]));
  const pickFor = (code: string, used: Set<string>) => {
    const fits = (p: (typeof people)[number]) => {
      const minor = isMinor(p.birthDate, today);
      if (code === 'elderly_alone') return p.tags.includes('elderly_alone');
      if (code === 'left_behind_child') return p.tags.includes('left_behind_child') || (minor && Number(p.birthDate?.slice(0, 4)) >= 2012);
      if (code === 'disabled_in_difficulty') return p.tags.includes('disabled');
      if (code === 'key_youth') return minor && Number(p.birthDate?.slice(0, 4)) <= 2011;
      return !minor && Number(p.birthDate?.slice(0, 4)) >= 1955;
    };
    return people.find((p) => !used.has(p.id) && fits(p));
  };
  const plan: [string, number][] = [
    ['released_prisoner', 6], ['community_correction', 4], ['drug_rehab', 3], ['mental_disorder', 4], ['key_petitioner', 4], ['key_youth', 2],
    ['elderly_alone', 6], ['left_behind_child', 3], ['disabled_in_difficulty', 4],
  ];
  const used = new Set<string>();
  const persons: (typeof keyPerson.$inferInsert)[] = [];
  const history: (typeof kpRiskChange.$inferInsert)[] = [];
  const visits: (typeof kpVisit.$inferInsert)[] = [];
  let n = 0;
  for (const [code, count] of plan) {
    for (let i = 0; i < count; i++) {
      const p = pickFor(code, used);
      if (!p) break;
      used.add(p.id);
      n++;
      const risk = code === 'elderly_alone' || code === 'left_behind_child' ? 'low' : RISKS[n % RISKS.length]!;
      const interval = intervalFor(rules, p.regionCode, code, risk);
      const created = addDays(now, -(120 + (n % 5) * 20));
      const id = randomUUID();
      const workerId = workerOf.get(p.gridId) ?? null;
      // Visits at the interval from enrolment; every fourth person stops being visited (overdue now).
      const overdue = n % 4 === 0;
      let last: Date | null = null;
      let k = 0;
      for (let at = addDays(created, interval - 1); at < addDays(now, overdue ? -interval - 3 : -1); at = addDays(at, interval)) {
        const visitedOn = localDate(at);
        last = dayStart(visitedOn);
        if (workerId) visits.push({ id: randomUUID(), keyPersonId: id, visitedOn, way: k % 3 === 2 ? 'phone' : 'home', findings: FINDINGS[(n + k) % FINDINGS.length]!, visitedBy: workerId, createdAt: at });
        k++;
      }
      if (!workerId) last = null;
      const management = code === 'released_prisoner' ? (risk === 'high' ? 'strict' : 'normal') : null;
      persons.push({
        id, residentId: p.id, categoryCode: code, formKey: formKeyOf(code), formVersion: 1, answers: ANSWERS[code]!, riskLevel: risk, managementLevel: management, status: 'active',
        regionCode: p.regionCode, gridId: p.gridId, workerId, helpers: [{ name: '社区民警', role: '包保民警' }], birthDate: p.birthDate, visitIntervalDays: interval,
        nextVisitDue: addDays(last ?? created, interval), lastVisitAt: last, version: 1, createdAt: created, updatedAt: created,
      });
      history.push({ id: randomUUID(), keyPersonId: id, field: 'risk', fromLevel: null, toLevel: risk === 'high' ? 'medium' : risk, reason: '建档', changedAt: created });
      if (risk === 'high') history.push({ id: randomUUID(), keyPersonId: id, field: 'risk', fromLevel: 'medium', toLevel: 'high', reason: '近期情绪波动，家属反映有过激言行', changedAt: addDays(created, 40) });
      if (management) history.push({ id: randomUUID(), keyPersonId: id, field: 'management', fromLevel: null, toLevel: management, reason: '建档', changedAt: created });
    }
  }
  await db.transaction(async (tx) => {
    if (persons.length) await tx.insert(keyPerson).values(persons).onConflictDoNothing();
    if (history.length) await tx.insert(kpRiskChange).values(history);
    for (let i = 0; i < visits.length; i += 500) await tx.insert(kpVisit).values(visits.slice(i, i + 500));
  });
  return persons.length;
}

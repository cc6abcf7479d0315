/**
 * Enterprises in the demo city: a handful of resumption applications of the county's enterprises
 * in every state with their history (submitted, returned and resubmitted, approved, rejected,
 * revoked), staff lists from their employees (residents of their grids made employees), a week of
 * daily health registrations of the resumed ones (one stopped reporting three days ago, some
 * staff absent or with fever), and the screening of a few. The portal account `ent_filer` is the
 * filer (企业填报人) of two of them: one approved to resume (it registers the daily health) and the
 * one whose application is still a draft (it submits it).
 */
import { randomUUID } from 'node:crypto';
import { RESUMPTION_FORM_KEY } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { localDate } from '../../platform/time-zone.js';
import { residentsInGrids } from '../registers/person-facts.js';
import { addDemoEmployees, organizationsInGrids } from '../registers/organization-facts.js';
import { resumptionAnswers } from './answers.js';
import { flagOf } from './health.js';
import { enterpriseApplication, enterpriseApplicationStep, enterpriseFiler, enterpriseHealthReport, enterpriseScreening, type HealthItem, type StaffItem } from './tables.js';

const DAY = 86_400_000;
const FROM = ['湖北省武汉市', '广东省深圳市', '湖南省长沙市', '浙江省杭州市'];
/** [steps], the last one the application's state. */
const STORIES: string[][] = [
  ['submit', 'approve'],
  ['submit', 'approve'],
  ['submit', 'return', 'submit', 'approve'],
  ['submit', 'approve'],
  ['submit'],
  ['submit', 'return'],
  ['submit', 'reject'],
  ['submit', 'approve', 'revoke'],
  [],
];
const TO: Record<string, string> = { submit: 'submitted', return: 'returned', approve: 'approved', reject: 'rejected', revoke: 'revoked' };
const NOTES: Record<string, string> = { return: '请补充员工分批返岗安排和隔离观察室设置', reject: '防疫物资储备不足，无测温设备', revoke: '企业员工出现发热病例，暂停复工' };

export async function seedDemoEnterprises(db: Db, now: Date, grids: readonly { id: string; regionCode: string }[]): Promise<{ applications: number; reports: number }> {
  const orgs = await organizationsInGrids(db, grids.map((g) => g.id), ['enterprise', 'shop'], 40);
  const people = await residentsInGrids(db, grids.map((g) => g.id), 2000);
  const filer = await accountByUsername(db, 'gw1');
  const reviewer = await accountByUsername(db, 'township_op');
  const createdBy = filer?.id ?? randomUUID();
  const chosen = orgs.slice(0, STORIES.length);
  const staffOf = new Map<string, StaffItem[]>();
  const employees = chosen.flatMap((o, i) => {
    const local = people.filter((p) => p.gridId === o.gridId).slice(i * 6, i * 6 + 5 + (i % 3));
    staffOf.set(o.id, local.map((p, k) => ({ residentId: p.id, returning: k % 3 === 0, comingFrom: k % 3 === 0 ? FROM[(i + k) % FROM.length]! : null })));
    return local.map((p, k) => ({ organizationId: o.id, residentId: p.id, position: k === 0 ? '负责人' : '员工', isContact: k === 0, joinedAt: new Date(now.getTime() - 400 * DAY) }));
  });
  await addDemoEmployees(db, employees);
  let reports = 0;
  for (const [i, o] of chosen.entries()) {
    const staff = staffOf.get(o.id) ?? [];
    if (staff.length === 0) continue;
    const story = STORIES[i]!;
    const start = new Date(now.getTime() - (12 - i) * DAY);
    const id = randomUUID();
    const status = story.length ? TO[story[story.length - 1]!]! : 'draft';
    const at = (k: number) => new Date(start.getTime() + (k + 1) * 5 * 3_600_000);
    const decided = story.findLastIndex((s) => s === 'approve' || s === 'reject' || s === 'revoke');
    await db.insert(enterpriseApplication).values({
      id, number: `FG${localDate(start).replaceAll('-', '')}-${id.slice(0, 6).toUpperCase()}`, organizationId: o.id, gridId: o.gridId, regionCode: o.regionCode, status,
      formKey: RESUMPTION_FORM_KEY, formVersion: 1, answers: resumptionAnswers(localDate(new Date(start.getTime() + 2 * DAY)), { masks: 500 + i * 300, thermometers: i === 6 ? 0 : 2 + (i % 3) }),
      staff, resumeOn: localDate(new Date(start.getTime() + 2 * DAY)), submittedAt: story.length ? at(story.lastIndexOf('submit')) : null, decidedAt: decided >= 0 ? at(decided) : null,
      version: 1 + story.length, createdBy, createdAt: start, updatedAt: story.length ? at(story.length - 1) : start,
    });
    let from = 'draft';
    const steps = story.map((action, k) => {
      const step = {
        id: randomUUID(), applicationId: id, version: k + 2, action, fromStatus: from, toStatus: TO[action]!, note: NOTES[action] ?? null, attachments: [],
        actorId: action === 'submit' ? createdBy : (reviewer?.id ?? null), actorName: action === 'submit' ? (filer?.displayName ?? null) : (reviewer?.displayName ?? null), at: at(k),
      };
      from = TO[action]!;
      return step;
    });
    if (steps.length) await db.insert(enterpriseApplicationStep).values(steps);
    // A week of daily registrations of the resumed (and of the revoked before it was revoked); enterprise 4 stopped three days ago.
    if (status === 'approved' || status === 'revoked') {
      const lastDay = status === 'revoked' ? 5 : i === 3 ? 3 : 0;
      const rows = [];
      for (let back = 6; back >= lastDay; back--) {
        const entries: HealthItem[] = staff.map((s, k) => {
          const present = (k + back + i) % 9 !== 0;
          const fever = present && (k * 7 + back + i) % 23 === 0;
          return { residentId: s.residentId, present, temperature: present ? (fever ? 37.9 : 36.2 + ((k + back) % 6) / 10) : null, symptoms: fever ? ['fever', 'cough'] : [], note: present ? null : '请假' };
        });
        const flags = entries.map(flagOf);
        const when = new Date(now.getTime() - back * DAY);
        rows.push({
          id: randomUUID(), organizationId: o.id, gridId: o.gridId, regionCode: o.regionCode, day: localDate(when), entries, presentCount: entries.filter((e) => e.present).length,
          absentCount: flags.filter((f) => f === 'absent').length, abnormalCount: flags.filter((f) => f === 'abnormal').length, registeredBy: createdBy, registeredAt: when,
        });
      }
      await db.insert(enterpriseHealthReport).values(rows);
      reports += rows.length;
    }
  }
  const screened = orgs.slice(0, 14).map((o, i) => ({
    organizationId: o.id, gridId: o.gridId, regionCode: o.regionCode, status: i % 5 === 4 ? 'issue' : 'ok',
    note: i % 5 === 4 ? '员工宿舍人员密集，未设测温点' : '已落实测温、消毒和登记制度', ticketId: null, screenedBy: createdBy, screenedAt: new Date(now.getTime() - (i + 1) * 3_600_000 * 7), version: 1,
  }));
  if (screened.length) await db.insert(enterpriseScreening).values(screened);
  const entFiler = await accountByUsername(db, 'ent_filer');
  const linkedTo = [chosen[0], chosen[STORIES.length - 1]].filter((o) => o !== undefined && (staffOf.get(o.id)?.length ?? 0) > 0);
  if (entFiler && reviewer && linkedTo.length > 0) {
    await db.insert(enterpriseFiler).values(linkedTo.map((o) => ({ id: randomUUID(), organizationId: o!.id, userId: entFiler.id, grantedBy: reviewer.id, grantedAt: new Date(now.getTime() - 14 * DAY) })));
  }
  return { applications: chosen.length, reports };
}

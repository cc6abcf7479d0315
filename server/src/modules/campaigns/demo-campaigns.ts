/**
 * Survey campaigns in the demo city: last month's door-to-door survey of a community, closed
 * (nearly every household visited, a few fevers followed up), and this week's, open and about
 * half done. Tasks come from the module's own generation job code (over the registers'
 * households); the answers are the household survey form's, validated by the forms kit once and
 * written set-based, spread over the days of each window.
 */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { evaluateAlerts, type AlertRule } from '@gridgov/contracts';
import type { Kit } from '../../platform/kit/kit.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { publishedForm } from '../../platform/forms/queries.js';
import { checkAnswers } from '../../platform/forms/validate-submission.js';
import { localDate } from '../../platform/time-zone.js';
import { rows } from '../../platform/db/client.js';
import { ticketDeps } from '../tickets/deps.js';
import { generateTasks } from './generate-tasks.js';
import { surveyCampaign } from './tables.js';

const FORM = 'epidemic.household_survey';

export async function seedDemoCampaigns(kit: Kit, community: string): Promise<{ campaigns: number; answers: number }> {
  const { db } = kit;
  const now = kit.clock.now();
  const day = 86_400_000;
  const at = (days: number) => new Date(now.getTime() + days * day);
  const createdBy = (await accountByUsername(db, 'community_op'))?.id ?? randomUUID();
  const form = await publishedForm(db, FORM);
  const category = await ticketDeps(kit).categories.active({ code: 'livelihood.elderly' });
  const rules = (form.definition.alerts ?? []).filter((r) => category || r.action !== 'ticket') as AlertRule[];
  const today = localDate(now);
  const member = (temperature: number) => ({ name: '户主', relation: 'head', temperature, travelled: false, contact: 'none' });
  const well = checkAnswers(form.definition, { address: '住户地址', visited_on: today, visit_result: 'met', members: [member(36.5)], worker_confirm: true }, today, 'zh-CN').value;
  const fever = checkAnswers(form.definition, { address: '住户地址', visited_on: today, visit_result: 'met', members: [member(37.9)], fever_referral: 'clinic', worker_confirm: true }, today, 'zh-CN').value;
  const feverAlerts = evaluateAlerts({ fields: form.definition.fields, alerts: rules }, fever, { today });

  let answers = 0;
  const campaign = async (name: string, start: number, end: number, share: number, closed: boolean) => {
    const id = randomUUID();
    await db.insert(surveyCampaign).values({
      id, regionCode: community, name, formKey: form.key, formVersion: form.version, startsAt: at(start), endsAt: at(end), target: { kind: 'region' }, targetIds: null, unmatched: [],
      alertRules: rules, ticketCategoryId: category?.id ?? null, status: 'open', version: 2, generation: 'running', genCursor: null, createdBy, createdAt: at(start - 1), updatedAt: at(start),
    });
    await generateTasks(kit, id);
    // The visits, spread over the days the window has had so far; one in 25 found a fever.
    const days = Math.max(1, Math.min(end, 0) - start);
    await db.execute(sql`
      with picked as (
        select t.*, ${at(start)}::timestamptz + (mod(abs(hashtext(t.id::text || 'day')), ${days * 600}) * interval '144 seconds') + interval '8 hours' as answered_at,
               mod(abs(hashtext(t.id::text || 'fever')), 25) = 0 as fever
        from survey_task t where t.campaign_id = ${id}::uuid and t.status = 'pending' and t.assignee_id is not null and mod(abs(hashtext(t.id::text)), 100) < ${Math.round(share * 100)}),
      ins as (
        insert into survey_answer (id, task_id, campaign_id, grid_id, region_code, form_key, form_version, answers, alerts, answered_by, answered_at)
        select gen_random_uuid(), p.id, p.campaign_id, p.grid_id, p.region_code, ${form.key}, ${form.version},
               jsonb_set(case when p.fever then ${JSON.stringify(fever)}::jsonb else ${JSON.stringify(well)}::jsonb end, '{visited_on}', to_jsonb(to_char(p.answered_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD'))),
               case when p.fever then ${JSON.stringify(feverAlerts)}::jsonb else '[]'::jsonb end, p.assignee_id, p.answered_at
        from picked p returning task_id, answered_at, jsonb_array_length(alerts) > 0 as alerted),
      done as (update survey_task t set status = 'done', done_at = i.answered_at from ins i where t.id = i.task_id returning t.*, i.alerted),
      follow as (
        insert into survey_task (id, campaign_id, kind, household_id, household_number, address, grid_id, region_code, assignee_id, status, alert_key, parent_task_id, created_at, done_at)
        select gen_random_uuid(), d.campaign_id, 'follow_up', d.household_id, d.household_number, d.address, d.grid_id, d.region_code, d.assignee_id,
               ${closed ? 'done' : 'pending'}, 'fever', d.id, d.done_at, ${closed ? sql`d.done_at + interval '1 day'` : sql`null::timestamptz`}
        from done d where d.alerted returning id)
      update survey_progress p set done = p.done + c.done, alerts = c.alerts
      from (select grid_id, count(*)::int as done, count(*) filter (where alerted)::int as alerts from done group by grid_id) c
      where p.campaign_id = ${id}::uuid and p.grid_id = c.grid_id`);
    const [n] = await rows<{ n: number }>(db, sql`select count(*)::int as n from survey_answer where campaign_id = ${id}::uuid`);
    answers += n!.n;
    if (closed) await db.update(surveyCampaign).set({ status: 'closed', version: 3, updatedAt: at(end) }).where(eq(surveyCampaign.id, id));
  };
  await campaign('上月入户走访摸排', -40, -26, 0.96, true);
  await campaign('本周入户走访摸排', -3, 4, 0.5, false);
  return { campaigns: 2, answers };
}

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { idCheckChar, type SurveyAnswerReceipt, type SurveyCampaign, type SurveyProgress, type SurveyTask } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { localDate } from '../../platform/time-zone.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { DEFAULT_ADMISSION } from '../../platform/http/admission-limits.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { campaignBody } from './scope-kit.js';
import { declarationAnswers } from '../declarations/scope-kit.js';
import { generateBatch } from './generate-tasks.js';
import { gridAccountsUnder } from '../../platform/accounts/accounts.js';

type Page<T> = { items: T[]; total: number };
const ID = `43070219800101001${idCheckChar('43070219800101001')}`;

describe('survey campaigns (入户走访摸排)', () => {
  let env: TestEnv;
  let op: Client;
  let countyOp: Client;
  let gw1: Client;
  let gw1b: Client;
  let gw2: Client;
  let communityCode: string;
  let grid1: string;
  let grid2: string;
  let gw1Id: string;
  let gw1bId: string;
  let campaign: SurveyCampaign;
  const db = () => env.rt.database.db;

  const member = (more: Record<string, unknown> = {}) => ({ name: '张三', relation: 'head', temperature: 36.5, travelled: false, contact: 'none', ...more });
  const answers = (members: Record<string, unknown>[], more: Record<string, unknown> = {}) => ({
    address: '3栋2单元501', visited_on: localDate(env.clock.now()), visit_result: 'met', members, worker_confirm: true, ...more,
  });

  before(async () => {
    // Phones resend in bursts: admission control (tested on its own) is off.
    env = await startTestEnv({ config: { admission: { ...DEFAULT_ADMISSION, maxInFlight: 0 } } });
    const [g1, ...rest] = env.seed.city.grids;
    communityCode = g1!.regionCode;
    const g2 = rest.find((g) => g.regionCode === communityCode)!;
    grid1 = env.gridId(g1!.code);
    grid2 = env.gridId(g2.code);
    const worker2 = env.seed.accounts.find((a) => a.gridCode === g2.code)!;
    // A second worker in the first grid (for reassignment): a copy of gw1's account.
    [op, countyOp, gw1, gw2] = await Promise.all([env.login('community_op'), env.login('county_op'), env.login('gw1'), env.login(worker2.username)]);
    gw1Id = (await rows<{ id: string }>(db(), sql`select id from app_user where username = 'gw1'`))[0]!.id;
    // 500 households, 300 in the first grid and 200 in the second, written set-based.
    await db().execute(sql`insert into household (id, grid_id, region_code, number, kind, address, created_at, updated_at)
      select gen_random_uuid(), case when n <= 300 then ${grid1}::uuid else ${grid2}::uuid end, ${communityCode}, 'H' || lpad(n::text, 4, '0'), 'family', '幸福路' || n || '号', now(), now()
      from generate_series(1, 500) n`);
  });
  after(() => env.close());

  let category: string;
  it('drafts a campaign over a region and generates one task per household, in resumable batches, once', async () => {
    category = (await rows<{ id: string }>(db(), sql`select id from ticket_category where code like 'livelihood.%' and active order by code limit 1`))[0]!.id;
    const made = await op.post<SurveyCampaign>('/api/survey-campaigns', { ...campaignBody(communityCode, env.clock.now(), ['x']), target: { kind: 'region' }, name: '冬季入户走访', alertRules: undefined, ticketCategoryId: category });
    assert.equal((await op.post<{ error: { code: string } }>('/api/survey-campaigns', { ...campaignBody(communityCode, env.clock.now(), ['x']), alertRules: undefined })).status, 400, 'ticket rules need a category');
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual([made.body.status, made.body.generation, made.body.formVersion, made.body.actions], ['draft', 'waiting', 1, ['open', 'cancel']]);
    assert.ok(made.body.alertRules.some((r) => r.key === 'contact' && r.action === 'ticket'), 'the form\'s alert rules by default');
    const opened = await op.post<SurveyCampaign>(`/api/survey-campaigns/${made.body.id}/open`, { version: 1 });
    assert.equal(opened.body.status, 'open');
    // Two batches by hand (as a worker that then died would), then the queued job finishes.
    const workers = JSON.stringify(await gridAccountsUnder(db(), 'campaign:survey', communityCode));
    assert.deepEqual(await generateBatch(db(), env.clock, env.rt.kit.providers, made.body.id, workers, 100), { taken: 100, inserted: 100, declared: 0, done: false });
    assert.deepEqual(await generateBatch(db(), env.clock, env.rt.kit.providers, made.body.id, workers, 100), { taken: 100, inserted: 100, declared: 0, done: false });
    assert.ok((await env.rt.jobs.runDue(20)) >= 1);
    const [counts] = await rows<{ n: number; households: number; unassigned: number }>(
      db(),
      sql`select count(*)::int as n, count(distinct household_id)::int as households, count(*) filter (where assignee_id is null)::int as unassigned from survey_task where campaign_id = ${made.body.id}`,
    );
    assert.deepEqual(counts, { n: 500, households: 500, unassigned: 0 });
    const byGrid = await rows<{ grid_id: string; n: number; assignees: number }>(db(), sql`select grid_id, count(*)::int as n, count(distinct assignee_id)::int as assignees from survey_task where campaign_id = ${made.body.id} group by grid_id order by n desc`);
    assert.deepEqual(byGrid.map((g) => [g.grid_id, g.n]), [[grid1, 300], [grid2, 200]]);
    campaign = (await op.get<SurveyCampaign>(`/api/survey-campaigns/${made.body.id}`)).body;
    assert.deepEqual([campaign.generation, campaign.totals], ['done', { total: 500, done: 0, alerts: 0 }]);
    // Generating again takes nothing.
    assert.deepEqual(await generateBatch(db(), env.clock, env.rt.kit.providers, made.body.id, workers), { taken: 0, inserted: 0, declared: 0, done: true });
  });

  it('a grid worker sees only their own tasks; the operator only their subtree', async () => {
    const mine = await gw1.get<Page<SurveyTask>>(`/api/survey-tasks?pageSize=200`);
    assert.equal(mine.body.total, 300);
    assert.ok(mine.body.items.every((t) => t.assigneeId === gw1Id && t.gridId === grid1));
    const theirs = await gw2.get<Page<SurveyTask>>(`/api/survey-tasks?pageSize=5`);
    assert.equal(theirs.body.total, 200);
    assert.equal((await gw2.get(`/api/survey-tasks/${mine.body.items[0]!.id}`)).status, 404);
    assert.equal((await op.get<Page<SurveyTask>>(`/api/survey-tasks?campaign=${campaign.id}`)).body.total, 500);
    // A worker of another community sees neither the campaign nor its tasks (another county: the scope matrix).
    const far = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode !== communityCode)!;
    const outsider = await env.login(far.username);
    assert.equal((await outsider.get(`/api/survey-campaigns/${campaign.id}`)).status, 404);
    assert.equal((await outsider.get<Page<SurveyTask>>(`/api/survey-tasks?campaign=${campaign.id}`)).body.total, 0);
    assert.equal((await gw2.get(`/api/survey-campaigns/${campaign.id}/progress`)).status, 403);
    const progress = await countyOp.get<SurveyProgress>(`/api/survey-campaigns/${campaign.id}/progress?level=township`);
    assert.deepEqual(progress.body.items.map((r) => [r.key, r.total]), [[`${communityCode.slice(0, 9)}000`, 500]]);
  });

  it('a task carries its household\'s point (its building\'s) for the worker\'s map, only on the worker\'s own tasks', async () => {
    // H0001 (gw1's grid) and H0301 (the second grid) live in placed buildings; the rest are not placed.
    for (const [number, grid, lon, lat] of [['H0001', grid1, 111.69812, 29.03146], ['H0301', grid2, 111.7, 29.04]] as const) {
      await db().execute(sql`with b as (
          insert into building (id, grid_id, region_code, name, kind, lon, lat, created_at, updated_at)
          values (gen_random_uuid(), ${grid}::uuid, ${communityCode}, ${`${number}楼`}, 'residential', ${lon}, ${lat}, now(), now()) returning id),
        d as (
          insert into dwelling (id, grid_id, region_code, building_id, room, use, created_at, updated_at)
          select gen_random_uuid(), ${grid}::uuid, ${communityCode}, b.id, '101', 'owner_occupied', now(), now() from b returning id)
        update household set dwelling_id = (select id from d) where number = ${number}`);
    }
    const mine = (await gw1.get<Page<SurveyTask>>('/api/survey-tasks?pageSize=200')).body.items;
    const placed = mine.filter((t) => t.lon !== null);
    assert.deepEqual(placed.map((t) => [t.householdNumber, t.lon, t.lat]), [['H0001', 111.69812, 29.03146]]);
    assert.ok(mine.filter((t) => t.lon === null).every((t) => t.lat === null));
    const one = await gw1.get<SurveyTask>(`/api/survey-tasks/${placed[0]!.id}`);
    assert.deepEqual([one.body.lon, one.body.lat], [111.69812, 29.03146]);
    // The other grid's placed household is the other worker's to see, not gw1's.
    const theirs = (await gw2.get<Page<SurveyTask>>('/api/survey-tasks?pageSize=200')).body.items;
    assert.deepEqual(theirs.filter((t) => t.lon !== null).map((t) => t.householdNumber), ['H0301']);
  });

  it('reassigns one task, then every pending task of a grid, to another worker of that grid only', async () => {
    // A second worker joins the first grid: a copy of gw1's account.
    await db().execute(sql`insert into app_user select (jsonb_populate_record(null::app_user, to_jsonb(u) || jsonb_build_object('id', gen_random_uuid(), 'username', 'gw1b', 'display_name', '网格员1乙'))).* from app_user u where username = 'gw1'`);
    gw1b = await env.login('gw1b');
    gw1bId = (await rows<{ id: string }>(db(), sql`select id from app_user where username = 'gw1b'`))[0]!.id;
    assert.equal((await gw1b.get<Page<SurveyTask>>('/api/survey-tasks')).body.total, 0);
    const [first] = (await gw1.get<Page<SurveyTask>>('/api/survey-tasks?pageSize=1')).body.items;
    const one = await op.post<{ reassigned: number }>(`/api/survey-campaigns/${campaign.id}/reassign`, { taskId: first!.id, assigneeId: gw1bId });
    assert.deepEqual(one.body, { reassigned: 1 });
    assert.equal((await gw1b.get<Page<SurveyTask>>('/api/survey-tasks')).body.total, 1);
    assert.equal((await gw1.get(`/api/survey-tasks/${first!.id}`)).status, 404);
    const wrong = await op.post<{ error: { code: string } }>(`/api/survey-campaigns/${campaign.id}/reassign`, { gridId: grid2, assigneeId: gw1bId });
    assert.equal(wrong.body.error.code, 'SURVEY_ASSIGNEE_INVALID');
    const all = await op.post<{ reassigned: number }>(`/api/survey-campaigns/${campaign.id}/reassign`, { gridId: grid1, assigneeId: gw1bId });
    assert.deepEqual(all.body, { reassigned: 299 });
    const back = await op.post<{ reassigned: number }>(`/api/survey-campaigns/${campaign.id}/reassign`, { gridId: grid1, assigneeId: gw1Id });
    assert.deepEqual(back.body, { reassigned: 300 });
    const audits = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'survey_task.reassign'`);
    assert.equal(audits[0]!.n, 3);
  });

  it('an answer replayed with the same client id is one answer; a fever makes a follow-up task', async () => {
    const [task] = (await gw1.get<Page<SurveyTask>>('/api/survey-tasks?pageSize=1')).body.items;
    const body = { clientId: randomUUID(), answers: answers([member({ temperature: 38.2 })], { fever_referral: 'clinic' }) };
    const results = await Promise.all([1, 2, 3].map(() => gw1.post<SurveyAnswerReceipt>(`/api/survey-tasks/${task!.id}/answers`, body)));
    assert.ok(results.every((r) => r.status === 200), JSON.stringify(results.map((r) => r.body)));
    assert.deepEqual(results.map((r) => r.body.id), [body.clientId, body.clientId, body.clientId]);
    assert.equal(results.filter((r) => r.body.created).length, 1);
    assert.deepEqual(results[0]!.body.alerts.map((a) => a.key), ['fever']);
    const [stored] = await rows<{ answers: number; followUps: number; done: number }>(
      db(),
      sql`select (select count(*)::int from survey_answer where task_id = ${task!.id}) as answers,
                 (select count(*)::int from survey_task where parent_task_id = ${task!.id} and kind = 'follow_up' and assignee_id = ${gw1Id}) as "followUps",
                 (select done from survey_progress where campaign_id = ${campaign.id} and grid_id = ${grid1}) as done`,
    );
    assert.deepEqual(stored, { answers: 1, followUps: 1, done: 1 });
    // The same id for another task is refused; a second answer to a done task too.
    const [next] = (await gw1.get<Page<SurveyTask>>('/api/survey-tasks?status=pending&kind=visit&pageSize=1')).body.items;
    assert.equal((await gw1.post<{ error: { code: string } }>(`/api/survey-tasks/${next!.id}/answers`, body)).body.error.code, 'SURVEY_ANSWER_CONFLICT');
    assert.equal((await gw1.post<{ error: { code: string } }>(`/api/survey-tasks/${task!.id}/answers`, { ...body, clientId: randomUUID() })).body.error.code, 'SURVEY_TASK_DONE');
    // Invalid answers: the forms kit's field errors.
    const bad = await gw1.post<{ error: { code: string } }>(`/api/survey-tasks/${next!.id}/answers`, { clientId: randomUUID(), answers: answers([member({ temperature: 50 })]) });
    assert.equal(bad.body.error.code, 'FORM_ANSWERS_INVALID');
  });

  it('contact with a case files a ticket through the tickets intake; answers are read masked with a purpose (audited)', async () => {
    const [task] = (await gw1.get<Page<SurveyTask>>('/api/survey-tasks?status=pending&kind=visit&pageSize=1')).body.items;
    const res = await gw1.post<SurveyAnswerReceipt>(`/api/survey-tasks/${task!.id}/answers`, {
      clientId: randomUUID(), answers: answers([member({ contact: 'close', contact_note: '与确诊病例同乘', id_number: ID, phone: '13812341234' })]),
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.ok(res.body.ticketId);
    const tickets = await rows<{ source: string; region_code: string; origin: { type: string } | null }>(db(), sql`select source, region_code, to_jsonb(t) -> 'origin' as origin from ticket t where id = ${res.body.ticketId}`);
    assert.equal(tickets.length, 1);
    assert.equal(tickets[0]!.region_code, communityCode);
    // Reading answers needs a purpose; ID numbers and phones come back masked.
    assert.equal((await op.get<{ error: { code: string } }>(`/api/survey-campaigns/${campaign.id}/answers`)).body.error.code, 'SURVEY_PURPOSE_REQUIRED');
    const read = await op.get<Page<{ answers: { members: { id_number: string; phone: string }[] }; alerts: { key: string }[] }>>(`/api/survey-campaigns/${campaign.id}/answers?purpose=${encodeURIComponent('核查密接')}&alerted=yes`);
    assert.equal(read.body.total, 2);
    const contact = read.body.items.find((a) => a.alerts.some((x) => x.key === 'contact'))!;
    assert.notEqual(contact.answers.members[0]!.id_number, ID);
    assert.ok(contact.answers.members[0]!.id_number.includes('*'));
    assert.ok(contact.answers.members[0]!.phone.includes('*'));
    const audit = await rows<{ details: { purpose: string } }>(db(), sql`select details from audit_log where action = 'survey_answer.read'`);
    assert.deepEqual(audit.map((a) => a.details.purpose), ['核查密接']);
    // The dashboard's figures (answers and alerts by day at the grid) agree with a recount.
    await foldMetrics(db(), env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(db(), env.rt.kit.registry.metrics), []);
    const figures = await rows<{ metric: string; value: number }>(db(), sql`select metric, sum(value)::int as value from metric_value where metric like 'campaigns.%' and scope = ${communityCode} group by metric order by metric`);
    assert.deepEqual(figures.map((f) => [f.metric, f.value]), [['campaigns.alerted', 2], ['campaigns.answered', 2]]);
  });

  it('exports the answers to Excel with the form\'s fields as columns in the caller\'s language', async () => {
    const url = `/api/survey-campaigns/${campaign.id}/export?purpose=${encodeURIComponent('汇总上报')}`;
    const file = await env.rt.app.inject({ method: 'GET', url, headers: { cookie: op.sessionCookie ?? '', 'accept-language': 'zh-CN' } });
    assert.equal(file.statusCode, 200, file.body);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(0, 4), ['户号', '网格', '走访人', '提交时间']);
    assert.ok(header.includes('住址') || header.some((h) => typeof h === 'string' && h.includes('地址')), JSON.stringify(header));
    assert.equal(header.at(-1), '预警');
    assert.equal(sheet.rowCount, 3);
    const text = JSON.stringify(sheet.getSheetValues());
    assert.ok(!text.includes(ID) && !text.includes('13812341234'), 'masked');
    const audit = await rows<{ details: { rowCount: number; purpose: string } }>(db(), sql`select details from audit_log where action = 'survey_campaign.export'`);
    assert.deepEqual(audit.map((a) => [a.details.rowCount, a.details.purpose]), [[2, '汇总上报']]);
  });

  it('a household that self-declares is not visited unless its declaration is flagged; new campaigns skip it at generation', async () => {
    // A pending visit of the first grid; a member of that household declares from the portal.
    const [task] = await rows<{ id: string; household_id: string }>(db(), sql`select id, household_id from survey_task where campaign_id = ${campaign.id} and grid_id = ${grid1} and kind = 'visit' and status = 'pending' order by id limit 1`);
    const first = '43070219850202123';
    const person = { name: '申报李四', idNumber: first + idCheckChar(first), phone: '13912340000' };
    const resident = await gw1.post<{ id: string }>('/api/residents', { gridId: grid1, name: person.name, idNumber: person.idNumber, kind: 'registered' });
    assert.equal(resident.status, 201, JSON.stringify(resident.body));
    assert.equal((await gw1.post(`/api/households/${task!.household_id}/members`, { residentId: resident.body.id, relation: 'head' })).status, 200);
    const progress = async () => (await op.get<SurveyCampaign>(`/api/survey-campaigns/${campaign.id}`)).body.totals.done;
    const status = async () => (await rows<{ status: string }>(db(), sql`select status from survey_task where id = ${task!.id}`))[0]!.status;
    const doneBefore = await progress();
    const declare = (more: Record<string, unknown> = {}) => env.client().post('/api/public/declarations', { mode: 'once', answers: { ...declarationAnswers(person), ...more } });

    assert.equal((await declare()).status, 201);
    assert.deepEqual([await status(), await progress()], ['declared', doneBefore + 1]);
    const declaredList = await op.get<Page<SurveyTask>>(`/api/survey-tasks?status=declared&pageSize=50`);
    assert.deepEqual(declaredList.body.items.map((t) => [t.id, t.status]), [[task!.id, 'declared']], 'listed as declared, off the pending lists');
    // A later declaration flagged by the form's rules (contact with a case): the visit is back.
    assert.equal((await declare({ contact: 'close' })).status, 201);
    assert.deepEqual([await status(), await progress()], ['pending', doneBefore]);
    const audit = await rows<{ action: string }>(db(), sql`select action from audit_log where object_id = ${task!.id} and action like 'survey_task.%' order by id`);
    assert.deepEqual(audit.map((a) => a.action), ['survey_task.declared', 'survey_task.reopen']);

    // A fresh campaign over the same region: the household of another member who declared well is generated as declared.
    const [other] = await rows<{ household_id: string }>(db(), sql`select household_id from survey_task where campaign_id = ${campaign.id} and grid_id = ${grid1} and kind = 'visit' and status = 'pending' and household_id <> ${task!.household_id} order by id limit 1`);
    const second = '43070219850303123';
    const well = { name: '申报王五', idNumber: second + idCheckChar(second), phone: '13912340001' };
    const r2 = await gw1.post<{ id: string }>('/api/residents', { gridId: grid1, name: well.name, idNumber: well.idNumber, kind: 'registered' });
    assert.equal((await gw1.post(`/api/households/${other!.household_id}/members`, { residentId: r2.body.id, relation: 'head' })).status, 200);
    const made = await op.post<SurveyCampaign>('/api/survey-campaigns', { ...campaignBody(communityCode, new Date(env.clock.now().getTime() - 60_000), ['x']), target: { kind: 'region' }, name: '复查走访', alertRules: [] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.equal((await env.client().post('/api/public/declarations', { mode: 'once', answers: declarationAnswers(well) })).status, 201);
    assert.equal((await op.post(`/api/survey-campaigns/${made.body.id}/open`, { version: 1 })).status, 200);
    await env.rt.jobs.runDue(20);
    const generated = await rows<{ household_id: string; status: string }>(db(), sql`select household_id, status from survey_task where campaign_id = ${made.body.id} and status <> 'pending'`);
    assert.deepEqual(generated, [{ household_id: other!.household_id, status: 'declared' }]);
    const fresh = (await op.get<SurveyCampaign>(`/api/survey-campaigns/${made.body.id}`)).body;
    assert.equal(fresh.totals.done, 1);
  });
  it('reads an uploaded household list (.xlsx or .csv, header optional); a bad row is refused with its row number; the campaign keeps what matched nothing', async () => {
    const xlsx = async (rowsOf: unknown[][]) => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('名单');
      for (const r of rowsOf) sheet.addRow(r);
      return Buffer.from(await book.xlsx.writeBuffer());
    };
    type ListFile = { householdNumbers: string[]; rows: number; duplicates: number; header: boolean };
    type Failure = { error: { code: string; message: string; details: { row?: number; reason?: string } } };
    const read = await op.upload<ListFile>('/api/survey-campaigns/list-file', '名单.xlsx', await xlsx([['户号'], ['H0001'], ['H0002'], [], ['H0001'], ['ZZ9999']]));
    assert.equal(read.status, 200, JSON.stringify(read.body));
    assert.deepEqual(read.body, { householdNumbers: ['H0001', 'H0002', 'ZZ9999'], rows: 4, duplicates: 1, header: true });
    // A CSV without a header, with a byte order mark and leading zeros, read as written.
    const csv = await op.upload<ListFile>('/api/survey-campaigns/list-file', 'list.csv', Buffer.from('\uFEFFH0003\r\n00123\r\n\r\nH0004\r\n'));
    assert.deepEqual(csv.body, { householdNumbers: ['H0003', '00123', 'H0004'], rows: 3, duplicates: 0, header: false });
    // Row 3 has two filled cells: refused with that row, in the caller's language.
    const two = await op.upload<Failure>('/api/survey-campaigns/list-file', 'list.csv', Buffer.from('户号\nH0001\nH0002,张三\n'));
    assert.equal(two.status, 400);
    assert.deepEqual([two.body.error.code, two.body.error.details.row, two.body.error.details.reason], ['SURVEY_LIST_ROW_INVALID', 3, 'several_columns']);
    assert.ok(two.body.error.message.includes('第 3 行'), two.body.error.message);
    const en = await op.upload<Failure>('/api/survey-campaigns/list-file', 'list.xlsx', await xlsx([['H0001'], ['X'.repeat(41)]]), { 'accept-language': 'en' });
    assert.deepEqual([en.body.error.code, en.body.error.details.row, en.body.error.details.reason], ['SURVEY_LIST_ROW_INVALID', 2, 'too_long']);
    assert.ok(en.body.error.message.startsWith('Row 2 of the list'), en.body.error.message);
    const dated = await op.upload<Failure>('/api/survey-campaigns/list-file', 'list.xlsx', await xlsx([['H0001'], [new Date('2026-01-01')]]));
    assert.deepEqual([dated.body.error.code, dated.body.error.details.row], ['SURVEY_LIST_ROW_INVALID', 2]);
    // Not a list at all, a workbook named .csv, only a header.
    assert.equal((await op.upload<Failure>('/api/survey-campaigns/list-file', 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).body.error.code, 'SURVEY_LIST_FILE_TYPE');
    assert.equal((await op.upload<Failure>('/api/survey-campaigns/list-file', 'list.csv', await xlsx([['H0001']]))).body.error.code, 'SURVEY_LIST_FILE_TYPE');
    assert.equal((await op.upload<Failure>('/api/survey-campaigns/list-file', 'list.csv', Buffer.from('户号\n\n'))).body.error.code, 'SURVEY_LIST_FILE_EMPTY');
    // Only a campaign manager reads lists.
    assert.equal((await gw1.upload('/api/survey-campaigns/list-file', 'list.csv', Buffer.from('H0001\n'))).status, 403);

    // The numbers read make the target; one rule of the clerk's own (a follow-up on a member's fever).
    const rule = { key: 'fever_38', forEach: 'members', level: 'warning', action: 'follow_up', when: { field: 'temperature', op: 'gte', value: 38 }, message: { zh: '体温≥38℃', en: 'Temperature 38 °C or more' } };
    const made = await op.post<SurveyCampaign>('/api/survey-campaigns', { ...campaignBody(communityCode, env.clock.now(), read.body.householdNumbers, '名单走访'), alertRules: [rule] });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual([made.body.target, made.body.unmatched, made.body.alertRules], [{ kind: 'list', householdNumbers: ['H0001', 'H0002', 'ZZ9999'] }, ['ZZ9999'], [rule]]);
    // A rule on a field the form does not have is refused (the forms kit's definition rules).
    const wrong = await op.post<{ error: { code: string } }>('/api/survey-campaigns', { ...campaignBody(communityCode, env.clock.now(), ['H0001']), alertRules: [{ ...rule, when: { field: 'no_such_field', op: 'gte', value: 38 } }] });
    assert.equal(wrong.status, 400, JSON.stringify(wrong.body));
  });
});

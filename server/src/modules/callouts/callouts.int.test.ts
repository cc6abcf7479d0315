/**
 * Outbound call campaigns on the simulator: a campaign of a grid's residents is drafted, approved
 * (prompts synthesized), started before its window (no call until 09:00 Asia/Shanghai), then runs
 * with seeded answers, busy lines and unanswered calls retried after the interval up to the
 * maximum, never more lines than its concurrency and never one number twice at once, never
 * outside its windows; fever answers become abnormal staff-recorded declarations, help answers
 * follow-up tasks for the grid worker; progress and the answer distribution add up. Scope: another
 * community's operator gets 404 on the campaign, its targets and its export, and its lists show
 * nothing; the webhook refuses a caller without the shared secret.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { CalloutDetail, CalloutSummary, CalloutTargetRow, CalloutTaskRow } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { dayStart, localDate, localDateTime } from '../../platform/time-zone.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { dispatchCampaign } from './dialer.js';
import { seedDemoCallouts } from './demo.js';

interface ErrorBody {
  error: { code: string };
}
type Page<T> = { items: T[]; total: number };
const SECRET = 'callout-test-secret';

export const FEVER_SCRIPT = {
  locale: 'zh-CN',
  greeting: '您好，这里是社区防疫专线，请根据提示按键回答。',
  questions: [
    {
      key: 'fever', text: '您家中是否有人发热？',
      options: [{ key: '1', label: '有人发热', outcome: { kind: 'declaration', fields: { temperature: 37.8, symptoms: ['fever'] } } }, { key: '2', label: '没有', outcome: { kind: 'none' } }],
    },
    { key: 'help', text: '是否需要社区上门帮助？', options: [{ key: '1', label: '需要', outcome: { kind: 'task', note: '上门了解需求' } }, { key: '2', label: '不需要' }] },
  ],
  repeatKey: '9',
  final: '感谢您的配合，再见。',
};

describe('outbound call campaigns (智能外呼)', () => {
  let env: TestEnv;
  let op: Client;
  let countyOp: Client;
  let gw: Client;
  let neighbour: Client;
  let communityCode: string;
  let gridId: string;
  let gwName: string;
  let campaign: CalloutDetail;
  const db = () => env.rt.database.db;
  /** One action on the campaign; the approval by the county (the two-person rule: the drafter may not). */
  const step = async (action: string) => {
    const r = await (action === 'approve' ? countyOp : op).post<CalloutDetail & ErrorBody>(`/api/callouts/${campaign.id}/${action}`, { version: campaign.version });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    campaign = r.body;
  };

  before(async () => {
    env = await startTestEnv({ registers: true, config: { calloutWebhookSecret: SECRET } });
    [op, countyOp] = await Promise.all([env.login('community_op'), env.login('county_op')]);
    communityCode = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode!;
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === communityCode)!;
    gwName = worker.username;
    gw = await env.login(worker.username);
    gridId = env.seed.gridIds.get(worker.gridCode!)!;
    const sibling = env.seed.city.regions.find((r) => r.level === 'community' && r.code !== communityCode && r.parentCode === env.seed.city.regions.find((x) => x.code === communityCode)!.parentCode)!;
    const secadmin = await env.login('secadmin');
    assert.equal((await secadmin.post('/api/users', { username: 'co_sibling', displayName: '邻社区值班员', role: 'operator', scopeRegionCode: sibling.code, password: 'Neighb0ur#1' })).status, 201);
    neighbour = await env.loginChangingPassword('co_sibling', 'Neighb0ur#1');
  });
  after(() => env.close());

  it('a draft is checked: its region, windows, script and list', async () => {
    const base = { name: '发热排查外呼', regionCode: communityCode, script: FEVER_SCRIPT, target: { kind: 'grid', gridId }, windows: [{ start: '09:00', end: '12:00' }, { start: '14:00', end: '20:00' }] };
    const outside = await neighbour.post<ErrorBody>('/api/callouts', base);
    assert.equal(outside.body.error.code, 'CALLOUT_REGION');
    const overlap = await op.post<ErrorBody>('/api/callouts', { ...base, windows: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] });
    assert.equal(overlap.body.error.code, 'CALLOUT_WINDOW_INVALID');
    const repeatClash = await op.post<ErrorBody>('/api/callouts', { ...base, script: { ...FEVER_SCRIPT, repeatKey: '1' } });
    assert.equal(repeatClash.body.error.code, 'CALLOUT_SCRIPT_INVALID');
    const badList = await op.post<ErrorBody>('/api/callouts', { ...base, target: { kind: 'list', entries: ['13800000000', 'not-a-number'] } });
    assert.equal(badList.body.error.code, 'CALLOUT_TARGET_INVALID');

    const made = await op.post<CalloutDetail>('/api/callouts', {
      ...base, concurrency: 3, maxAttempts: 3, retryMinutes: 30,
      simulator: { seed: 11, busyRate: 0.3, noAnswerRate: 0.2, failRate: 0.05, repeatRate: 0.2, keyWeights: { fever: { 1: 1, 2: 2 }, help: { 1: 1, 2: 2 } } },
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    campaign = made.body;
    assert.equal(campaign.status, 'draft');
    // The two-person rule: the drafter cannot approve its own campaign; the county can.
    assert.deepEqual(campaign.actions.sort(), ['cancel']);
    const self = await op.post<ErrorBody>(`/api/callouts/${campaign.id}/approve`, { version: campaign.version });
    assert.deepEqual([self.status, self.body.error.code], [403, 'FORBIDDEN']);
    assert.deepEqual((await countyOp.get<CalloutDetail>(`/api/callouts/${campaign.id}`)).body.actions.sort(), ['approve', 'cancel']);
  });

  it('approval freezes the script and synthesizes the prompts once (playable)', async () => {
    await step('approve');
    assert.equal(campaign.status, 'approved');
    assert.deepEqual(campaign.prompts.map((p) => p.key), ['greeting', 'q_fever', 'q_help', 'final']);
    const engine = campaign.prompts.every((p) => p.synthesized);
    if (engine) {
      const audio = await op.get<string>(`/api/callouts/${campaign.id}/prompts/q_fever`);
      assert.equal(audio.status, 200);
      assert.equal(audio.headers['content-type'], 'audio/wav');
      assert.ok(String(audio.body).startsWith('RIFF'));
      assert.ok(Number(audio.headers['content-length']) > 44_100);
    } else {
      assert.ok(campaign.prompts.every((p) => p.error === 'CALLOUT_TTS_UNAVAILABLE'));
    }
    const edit = await op.put<ErrorBody>(`/api/callouts/${campaign.id}`, { name: 'x', regionCode: communityCode, script: FEVER_SCRIPT, target: { kind: 'region' }, windows: [{ start: '09:00', end: '12:00' }], version: campaign.version });
    assert.equal(edit.body.error.code, 'CALLOUT_STATE');
  });

  it('runs in its windows with seeded answers, busy lines and retries up to the maximum', async () => {
    // 08:00 in Shanghai: started, but no call before the window opens at 09:00.
    await step('start');
    assert.equal(campaign.status, 'running');
    const total = campaign.progress.total;
    assert.ok(total >= 10, `only ${total} residents with a phone in the grid`);
    while ((await env.rt.jobs.runDue(50)) > 0);
    assert.equal((await rows<{ n: number }>(db(), sql`select count(*)::int as n from callout_call`))[0]!.n, 0);

    let maxLines = 0;
    for (let i = 0; i < 2000; i++) {
      // Two dialler passes at once (two processes): still within the limits.
      await Promise.all([dispatchCampaign(env.rt.kit, campaign.id), dispatchCampaign(env.rt.kit, campaign.id)]);
      while ((await env.rt.jobs.runDue(50)) > 0);
      const [open] = await rows<{ lines: number; numbers: number }>(
        db(),
        sql`select count(*)::int as lines, count(distinct t.phone_hash)::int as numbers from callout_call c join callout_target t on t.id = c.target_id where c.campaign_id = ${campaign.id}::uuid and c.ended_at is null`,
      );
      maxLines = Math.max(maxLines, open!.lines);
      assert.ok(open!.lines <= 3, `${open!.lines} lines at once`);
      assert.equal(open!.numbers, open!.lines, 'one number called twice at once');
      const [c] = await rows<{ status: string }>(db(), sql`select status from callout_campaign where id = ${campaign.id}::uuid`);
      if (c!.status === 'completed') break;
      // To the next thing due (a simulated call's end, a retry, the next window).
      const [next] = await rows<{ at: string | null }>(db(), sql`select min(run_at) as at from job where done_at is null and failed_at is null and name like 'callout.%'`);
      const at = next?.at ? new Date(next.at).getTime() : env.clock.now().getTime() + 60_000;
      env.clock.advance(Math.max(1000, at - env.clock.now().getTime()));
    }
    assert.equal(maxLines, 3, 'the lines were used up to the concurrency');
    // Hours went by: the sessions ended.
    [op, countyOp, gw, neighbour] = await Promise.all([env.login('community_op'), env.login('county_op'), env.login(gwName), env.login('co_sibling', 'Neighb0ur#1-Own9')]);
    const read = await op.get<CalloutDetail>(`/api/callouts/${campaign.id}`);
    campaign = read.body;
    assert.equal(campaign.status, 'completed');
    const p = campaign.progress;
    assert.equal(p.pending + p.calling, 0);
    assert.equal(p.answered + p.busy + p.noAnswer + p.failed, total);
    assert.ok(p.answered > 0 && p.busy + p.noAnswer > 0, JSON.stringify(p));

    // Never outside the windows (09:00–12:00, 14:00–20:00 local).
    const calls = await rows<{ placed_at: string; attempt: number; result: string; target_id: string }>(db(), sql`select placed_at, attempt, result, target_id from callout_call where campaign_id = ${campaign.id}::uuid order by placed_at`);
    for (const call of calls) {
      const hm = localDateTime(new Date(call.placed_at)).slice(11, 16);
      assert.ok((hm >= '09:00' && hm < '12:00') || (hm >= '14:00' && hm < '20:00'), `called at ${hm}`);
    }
    assert.equal(p.calls, calls.length);

    // Busy and unanswered targets were tried up to the maximum, each attempt 30 minutes or more after the last.
    const targets = await op.get<Page<CalloutTargetRow>>(`/api/callouts/${campaign.id}/targets?pageSize=200`);
    assert.equal(targets.body.total, total);
    for (const t of targets.body.items) {
      const mine = calls.filter((c) => c.target_id === t.id);
      assert.equal(mine.length, t.attempts);
      for (let i = 1; i < mine.length; i++) assert.ok(new Date(mine[i]!.placed_at).getTime() - new Date(mine[i - 1]!.placed_at).getTime() >= 30 * 60_000);
      if (t.status === 'busy' || t.status === 'no_answer' || t.status === 'failed') {
        assert.equal(t.attempts, 3, `${t.status} after ${t.attempts}`);
        assert.equal(mine.at(-1)!.result, t.status);
      }
      if (t.status === 'answered') assert.equal(mine.at(-1)!.result, 'answered');
      assert.match(t.phoneMasked ?? '', /^\d{3}\*{4}\d{4}$/);
    }
    assert.ok(targets.body.items.some((t) => t.status === 'answered' && t.attempts > 1), 'an answer after a retry');
    assert.ok(targets.body.items.some((t) => t.status === 'busy'), 'a line busy to the end');

    // Fever answers: abnormal staff-recorded declarations of the resident; help answers: tasks for the grid worker.
    const fever = targets.body.items.filter((t) => t.answers.fever === '1');
    assert.ok(fever.length > 0);
    for (const t of fever) {
      const o = t.outcomes.find((x) => x.kind === 'declaration')!;
      assert.ok(o.declarationId, JSON.stringify(o));
      assert.equal(o.abnormal, true);
      const [d] = await rows<{ source: string; abnormal: boolean; resident_id: string | null; temperature: number }>(db(), sql`select source, abnormal, resident_id, temperature from declaration where id = ${o.declarationId}::uuid`);
      assert.equal(d!.source, 'phone');
      assert.equal(d!.abnormal, true);
      assert.ok(d!.resident_id);
      assert.equal(Number(d!.temperature), 37.8);
    }
    assert.ok(targets.body.items.filter((t) => t.answers.fever === '2').every((t) => t.outcomes.every((o) => o.kind !== 'declaration')));
    assert.equal(campaign.outcomes.declarations, fever.length);
    const help = targets.body.items.filter((t) => t.answers.help === '1');
    assert.equal(campaign.outcomes.tasks, help.length);
    const dist = campaign.distribution.find((d) => d.question === 'fever')!;
    assert.equal(dist.options.reduce((s, o) => s + o.count, 0), targets.body.items.filter((t) => t.answers.fever).length);
    assert.equal(dist.options.find((o) => o.key === '1')!.count, fever.length);

    const tasks = await gw.get<Page<CalloutTaskRow>>('/api/callout-tasks?status=open');
    assert.equal(tasks.status, 200);
    assert.equal(tasks.body.total, help.length);
    if (help.length > 0) {
      const [n] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from notification where kind = 'callout.follow_up'`);
      assert.ok(n!.n >= help.length);
      const task = tasks.body.items[0]!;
      const done = await gw.post<CalloutTaskRow>(`/api/callout-tasks/${task.id}/done`, { version: task.version, note: '已上门' });
      assert.equal(done.status, 200, JSON.stringify(done.body));
      assert.equal(done.body.status, 'done');
      const again = await gw.post<ErrorBody>(`/api/callout-tasks/${task.id}/done`, { version: done.body.version });
      assert.equal(again.body.error.code, 'CALLOUT_TASK_STATE');
    }
    const [dials] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'callout_call.dial' and object_id = ${campaign.id}`);
    assert.ok(dials!.n > 0);
  });

  it('another community sees nothing of it: 404 on the campaign, its targets and export; lists and counts empty', async () => {
    for (const url of [`/api/callouts/${campaign.id}`, `/api/callouts/${campaign.id}/targets`, `/api/callouts/${campaign.id}/export?purpose=核查`, `/api/callouts/${campaign.id}/prompts/greeting`]) {
      const r = await neighbour.get<ErrorBody>(url);
      assert.equal(r.status, 404, url);
    }
    const list = await neighbour.get<Page<CalloutSummary>>('/api/callouts');
    assert.equal(list.body.total, 0);
    const tasks = await neighbour.get<Page<CalloutTaskRow>>('/api/callout-tasks');
    assert.equal(tasks.body.total, 0);
    const county = await countyOp.get<Page<CalloutSummary>>('/api/callouts');
    assert.equal(county.body.items.find((c) => c.id === campaign.id)?.progress.total, campaign.progress.total);
    const noPurpose = await op.get<ErrorBody>(`/api/callouts/${campaign.id}/export`);
    assert.equal(noPurpose.status, 400);
    const file = await op.get<string>(`/api/callouts/${campaign.id}/export?purpose=${encodeURIComponent('排查复核')}`);
    assert.equal(file.status, 200);
    assert.match(String(file.headers['content-type']), /spreadsheetml/);
    assert.ok(String(file.body).startsWith('PK'));
    const [audited] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'callout_campaign.export' and object_id = ${campaign.id}`);
    assert.equal(audited!.n, 1);
  });

  it('a results file past the 24-hour export threshold waits for a second person, then comes once', async () => {
    const config = env.rt.kit.config as { exportApprovalRows: number };
    const before = config.exportApprovalRows;
    const rowsNow = campaign.progress.total;
    // The first file (above) is in the ledger: one more of the same size goes past this threshold.
    config.exportApprovalRows = rowsNow + 1;
    try {
      const url = `/api/callouts/${campaign.id}/export?purpose=${encodeURIComponent('二次核对')}`;
      const held = await op.get<ErrorBody & { error: { message: string } }>(url);
      assert.equal(held.status, 409);
      assert.equal(held.body.error.code, 'EXPORT_SENT_FOR_APPROVAL');
      assert.match(held.body.error.message, /审批/);
      // Asking again does not file a second request.
      assert.equal((await op.get<ErrorBody>(url)).body.error.code, 'EXPORT_SENT_FOR_APPROVAL');
      const mine = await op.get<{ items: { id: string; register: string; status: string; rowCount: number; filters: { name?: string } }[] }>('/api/exports?view=mine');
      const pending = mine.body.items.filter((e) => e.register === 'callout_campaign' && e.status === 'pending_approval');
      assert.equal(pending.length, 1);
      assert.equal(pending[0]!.filters.name, campaign.name);
      assert.equal(mine.body.items.filter((e) => e.register === 'callout_campaign' && e.status === 'delivered').length, 1, 'the first file is in the ledger');
      assert.equal((await op.post<ErrorBody>(`/api/exports/${pending[0]!.id}/approve`, {})).body.error.code, 'EXPORT_SELF_APPROVAL');
      const approvals = await countyOp.get<{ items: { id: string; canApprove: boolean }[] }>('/api/exports?view=approvals');
      assert.ok(approvals.body.items.find((e) => e.id === pending[0]!.id)?.canApprove);
      assert.equal((await countyOp.post(`/api/exports/${pending[0]!.id}/approve`, { note: '核对需要' })).status, 200);
      const file = await op.get<string>(url);
      assert.equal(file.status, 200);
      assert.ok(String(file.body).startsWith('PK'));
      // The approval is spent: the next file past the threshold waits again.
      assert.equal((await op.get<ErrorBody>(url)).body.error.code, 'EXPORT_SENT_FOR_APPROVAL');
      const [ledger] = await rows<{ delivered: number; pending: number }>(db(), sql`select count(*) filter (where status = 'delivered')::int as delivered, count(*) filter (where status = 'pending_approval')::int as pending from export_request where register = 'callout_campaign'`);
      assert.deepEqual(ledger, { delivered: 2, pending: 1 });
    } finally {
      config.exportApprovalRows = before;
    }
  });

  it('the webhook takes events only with the shared secret; an ended call does not change', async () => {
    const anon = env.client();
    const [call] = await rows<{ id: string; result: string }>(db(), sql`select id::text, result from callout_call where campaign_id = ${campaign.id}::uuid and result = 'busy' limit 1`);
    const none = await anon.post<ErrorBody>('/api/callouts/webhook', { callId: call!.id, type: 'answered' });
    assert.equal(none.status, 401);
    assert.equal(none.body.error.code, 'CALLOUT_WEBHOOK_AUTH');
    const wrong = await anon.request<ErrorBody>('POST', '/api/callouts/webhook', { callId: call!.id, type: 'answered' }, 'zh-CN', { 'x-callout-secret': 'guess' });
    assert.equal(wrong.status, 401);
    const unknown = await anon.request<ErrorBody>('POST', '/api/callouts/webhook', { callId: crypto.randomUUID(), type: 'hangup' }, 'zh-CN', { 'x-callout-secret': SECRET });
    assert.equal(unknown.body.error.code, 'CALLOUT_CALL_UNKNOWN');
    const ended = await anon.request<{ status: string }>('POST', '/api/callouts/webhook', { callId: call!.id, type: 'hangup' }, 'zh-CN', { 'x-callout-secret': SECRET });
    assert.equal(ended.status, 200);
    assert.equal(ended.body.status, 'busy');
  });

  it('a list of phones and ID numbers: matched residents called, unmatched kept; pausing stops new calls', async () => {
    const [someone] = await rows<{ id: string }>(db(), sql`select id::text from resident where grid_id = ${gridId}::uuid and phone_cipher is not null and deleted_at is null limit 1`);
    const phone = env.rt.kit.vault.decrypt('phone', Buffer.from((await rows<{ c: Buffer }>(db(), sql`select phone_cipher as c from resident where id = ${someone!.id}::uuid`))[0]!.c));
    const made = await op.post<CalloutDetail>('/api/callouts', {
      name: '名单外呼', regionCode: communityCode, script: FEVER_SCRIPT, target: { kind: 'list', entries: [phone, '13912345678', '11010519491231002X'] }, windows: [{ start: '00:00', end: '23:59' }],
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.ok(!JSON.stringify(made.body).includes(phone));
    campaign = made.body;
    await step('approve');
    await step('start');
    assert.equal(campaign.progress.total, 3);
    assert.equal(campaign.progress.unmatched, 2);
    await step('pause');
    while ((await env.rt.jobs.runDue(50)) > 0);
    const [n] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from callout_call where campaign_id = ${campaign.id}::uuid`);
    assert.equal(n!.n, 0);
    await step('cancel');
    const read = await op.get<CalloutDetail>(`/api/callouts/${campaign.id}`);
    assert.equal(read.body.progress.cancelled, 1);
  });

  it('the demo: yesterday\'s campaign completed on the simulator, today\'s running', async () => {
    const grids = env.seed.city.grids.filter((g) => g.regionCode === communityCode).map((g) => ({ id: env.seed.gridIds.get(g.code)!, regionCode: g.regionCode }));
    const made = await seedDemoCallouts(env.rt.kit, grids);
    assert.equal(made.campaigns, 2);
    assert.ok(made.calls > 0);
    const list = await op.get<Page<CalloutSummary>>('/api/callouts?pageSize=50');
    const past = list.body.items.find((c) => c.name === '发热及需求排查（电话）')!;
    assert.equal(past.status, 'completed');
    assert.equal(past.progress.pending + past.progress.calling, 0);
    assert.ok(past.progress.answered > 0);
    assert.ok(new Date(past.completedAt!) < dayStart(localDate(env.clock.now())), 'run to the end yesterday, on its own clock');
    const running = list.body.items.find((c) => c.name === '独居老人关爱回访')!;
    assert.equal(running.status, 'running');
  });
});

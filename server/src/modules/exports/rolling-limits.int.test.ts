/**
 * Exports cannot get round the limits piece by piece: a user's exports within 24 hours add up
 * towards the approval threshold; an unmasked export of N rows spends N units of the same
 * per-user budget as unmasks (so it is at least as hard as N unmasks: beyond the budget only
 * with a second person's approval); unmasked rows within one scope are capped per day across
 * all accounts; and an exact ID-number filter is an exact search, counted like one.
 */
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { and, eq } from 'drizzle-orm';
import { idCheckChar, type ExportJob, type Resident } from '@gridgov/contracts';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { auditLog } from '../../platform/audit/tables.js';

const BUDGET = 4;

function idNumber(n: number): string {
  const first17 = `430702197705${10 + n}${200 + n}`;
  return first17 + idCheckChar(first17);
}

describe('export limits over time and across accounts', () => {
  let env: TestEnv;
  let community: Client;
  let township: Client;
  let county: Client;
  const people: string[] = [];

  const signIn = async () => {
    community = await env.login('community_op');
    township = await env.login('township_op');
    county = await env.login('county_op');
  };

  async function requestExport(client: Client, body: Record<string, unknown>) {
    return client.post<ExportJob & { error?: { code: string } }>('/api/exports', { register: 'resident', format: 'csv', ...body });
  }

  async function download(client: Client, id: string) {
    return env.rt.app.inject({ method: 'GET', url: `/api/exports/${id}/file`, headers: { cookie: client.sessionCookie ?? '' } });
  }

  const unmask = (client: Client) => client.post(`/api/residents/${people[0]}/unmask`, { reason: '核实身份信息', fields: ['idNumber'] });

  const requestAudit = async (id: string) => {
    const [entry] = await env.rt.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'export.request'), eq(auditLog.objectId, id)));
    return entry!.details as { approvalFor?: string[]; rowsIn24h: number };
  };

  before(async () => {
    env = await startTestEnv({ config: { exportApprovalRows: 3, unmaskPerHour: BUDGET, unmaskedExportRowsPerDay: 6 } });
    await signIn();
    const scope = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const grid = env.gridId(env.seed.city.grids.find((g) => g.regionCode === scope)!.code);
    for (const [n, tags] of [[1, ['veteran']], [2, ['veteran']], [3, []]] as const) {
      const res = await community.post<Resident>('/api/residents', { gridId: grid, name: `居民${n}`, idNumber: idNumber(n), phone: `1390736000${n}`, kind: 'registered', tags });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      people.push(res.body.id);
    }
  });
  after(() => env.close());

  // Each test starts a day later: the 24-hour sums and the hourly budget start again.
  beforeEach(async () => {
    env.clock.advance(25 * 60 * 60 * 1000);
    await signIn();
  });

  it('adds up one user\'s exports over 24 hours: small exports past the threshold wait for a second person', async () => {
    const first = await requestExport(community, { filters: { tag: 'veteran' } });
    assert.deepEqual([first.status, first.body.rowCount, first.body.status], [201, 2, 'queued']);
    const second = await requestExport(community, { filters: { tag: 'veteran' } });
    assert.deepEqual([second.body.rowCount, second.body.status], [2, 'pending_approval']);
    const asked = await requestAudit(second.body.id);
    assert.deepEqual([asked.approvalFor, asked.rowsIn24h], [['rows_in_24h'], 4]);
    assert.equal((await community.post<{ error: { code: string } }>(`/api/exports/${second.body.id}/approve`, {})).status, 403);
    const approved = await township.post<ExportJob>(`/api/exports/${second.body.id}/approve`, {});
    assert.equal(approved.body.status, 'queued');
    // Another user's exports are theirs: the township's first small export goes straight through.
    assert.equal((await requestExport(township, { filters: { tag: 'veteran' } })).body.status, 'queued');
    env.clock.advance(25 * 60 * 60 * 1000);
    await signIn();
    assert.equal((await requestExport(community, { filters: { tag: 'veteran' } })).body.status, 'queued');
  });

  it('an unmasked export of N rows spends N unmasks when downloaded; beyond the budget it needs a second person', async () => {
    const small = await requestExport(community, { filters: { tag: 'veteran' }, unmask: true, reason: '发放优抚金核对' });
    assert.equal(small.body.status, 'queued');
    await env.rt.jobs.runDue(100);
    assert.equal((await download(community, small.body.id)).statusCode, 200);
    const [entry] = await env.rt.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'export.download'), eq(auditLog.objectId, small.body.id)));
    assert.equal((entry!.details as { unmaskedRows: number }).unmaskedRows, 2);
    // Two rows out: two unmasks are left of four.
    assert.equal((await unmask(community)).status, 200);
    assert.equal((await unmask(community)).status, 200);
    assert.equal((await unmask(community)).status, 429);
    const large = await requestExport(community, { filters: { tag: 'veteran' }, unmask: true, reason: '发放优抚金核对' });
    assert.equal(large.body.status, 'pending_approval');
    assert.ok((await requestAudit(large.body.id)).approvalFor?.includes('unmask_budget'));
    assert.equal((await township.post<ExportJob>(`/api/exports/${large.body.id}/approve`, {})).body.status, 'queued');
    await env.rt.jobs.runDue(100);
    // Approved by a second person, it is let out, and spends the budget all the same.
    assert.equal((await download(community, large.body.id)).statusCode, 200);
    assert.equal((await community.get(`/api/residents?idNumber=${idNumber(1)}`)).status, 429);
  });

  it('an unmasked export that fitted when asked for is refused at download once the budget is spent', async () => {
    const queued = await requestExport(community, { filters: { tag: 'veteran' }, unmask: true, reason: '发放优抚金核对' });
    assert.equal(queued.body.status, 'queued');
    await env.rt.jobs.runDue(100);
    for (let i = 0; i < 3; i++) assert.equal((await unmask(community)).status, 200);
    const refused = await download(community, queued.body.id);
    assert.equal(refused.statusCode, 429);
    assert.equal((JSON.parse(refused.body) as { error: { code: string } }).error.code, 'UNMASK_RATE_LIMITED');
    env.clock.advance(61 * 60 * 1000);
    await signIn();
    assert.equal((await download(community, queued.body.id)).statusCode, 200);
  });

  it('caps unmasked rows per scope and day across accounts: a second account does not double it', async () => {
    assert.equal((await requestExport(community, { unmask: true, reason: '年度核查' })).body.status, 'queued');
    assert.equal((await requestExport(township, { unmask: true, reason: '年度核查' })).body.status, 'queued');
    const capped = await requestExport(county, { filters: { tag: 'veteran' }, unmask: true, reason: '年度核查' });
    assert.equal(capped.status, 429);
    assert.equal(capped.body.error?.code, 'EXPORT_DAILY_CAP');
    // Masked exports are not capped.
    assert.equal((await requestExport(county, { filters: { tag: 'veteran' } })).status, 201);
  });

  it('an exact ID-number filter spends one unit of the budget, like the search it is', async () => {
    const res = await requestExport(community, { filters: { idNumber: idNumber(1) } });
    assert.equal(res.body.rowCount, 1);
    const searches = await env.rt.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'resident.search'), eq(auditLog.actorName, 'community_op')));
    assert.ok(searches.some((e) => (e.details as { via?: string }).via === 'export'));
    for (let i = 1; i < BUDGET; i++) assert.equal((await unmask(community)).status, 200);
    assert.equal((await unmask(community)).status, 429);
    assert.equal((await requestExport(community, { filters: { phone: '13907360001' } })).status, 429);
  });
});

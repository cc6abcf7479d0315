import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AuditEntry, AuditVerifyResult, Ticket } from '@gridgov/contracts';
import { gridCentroid as centroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';

type Page = { items: AuditEntry[]; total: number };

describe('the auditor’s view of the log', () => {
  let env: TestEnv;
  let auditor: Client;
  let ticket: Ticket;
  before(async () => {
    env = await startTestEnv();
    const [lon, lat] = centroid(env.seed.city.grids[0]!);
    const resident = await env.login('resident1');
    const res = await resident.post<{ ticket: Ticket }>('/api/tickets', {
      description: '小区门口井盖缺失，晚上很危险',
      lon,
      lat,
      categoryId: env.seed.tickets.categoryIds.get('city.manhole')!,
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    ticket = res.body.ticket;
    await env.client().post('/api/auth/login', { username: 'no_such_person', password: 'Wrong#12345' });
    auditor = await env.login('auditor');
  });
  after(() => env.close());

  it('names the actor and the object: a display name and a ticket number, not ids', async () => {
    const res = await auditor.get<Page>(`/api/audit?objectType=ticket&objectId=${ticket.id}`);
    assert.equal(res.status, 200);
    const entry = res.body.items.find((e) => e.action === 'ticket.report');
    assert.ok(entry, JSON.stringify(res.body.items.map((e) => e.action)));
    assert.equal(entry.objectLabel, ticket.number);
    assert.ok(entry.actorDisplayName && entry.actorDisplayName !== entry.actorId, 'the actor is named');
  });

  it('keeps the username a failed sign-in tried, and finds it by that name', async () => {
    const res = await auditor.get<Page>('/api/audit?actor=no_such_person');
    const entry = res.body.items.find((e) => e.action === 'auth.login' && e.outcome === 'failure');
    assert.ok(entry, 'the failed sign-in is listed under the name it tried');
    assert.equal(entry.attemptedUsername, 'no_such_person');
    assert.equal(entry.actorId, null);
  });

  it('lists refused writes of signed-in callers under the failures filter', async () => {
    const gw1 = await env.login('gw1');
    const refused = await gw1.post(`/api/tickets/${ticket.id}/dispatch`, { version: ticket.version });
    assert.ok(refused.status >= 400 && refused.status < 500, String(refused.status));
    const res = await auditor.get<Page>('/api/audit?failed=true&action=request.refused');
    const entry = res.body.items.find((e) => e.actorName === 'gw1');
    assert.ok(entry, 'the refusal is listed');
    assert.equal(entry.outcome, 'denied');
    assert.deepEqual(
      { route: (entry.details as { route: string }).route, status: (entry.details as { status: number }).status },
      { route: '/api/tickets/:id/dispatch', status: refused.status },
    );
    assert.ok(res.body.items.every((e) => e.outcome !== 'success'));
    // An anonymous caller's refusals are not written: nobody fills the log from outside.
    const before = (await auditor.get<Page>('/api/audit?action=request.refused')).body.total;
    await env.client().post(`/api/tickets/${ticket.id}/dispatch`, { version: 1 });
    assert.equal((await auditor.get<Page>('/api/audit?action=request.refused')).body.total, before);
  });

  it('verifies the chain on request and audits the check', async () => {
    const res = await auditor.post<AuditVerifyResult>('/api/audit/verify', {});
    assert.equal(res.status, 200);
    assert.equal(res.body.ok, true);
    assert.ok(res.body.entries > 0 && /^[0-9a-f]{64}$/.test(res.body.headHash ?? ''));
    const logged = await auditor.get<Page>('/api/audit?action=audit.verify');
    assert.equal(logged.body.items[0]?.outcome, 'success');
    const operator = await env.login('city_op');
    assert.equal((await operator.post('/api/audit/verify', {})).status, 403);
  });

  it('exports the filtered list as CSV with labels, for the auditor only, and audits the export', async () => {
    const res = await auditor.request<string>('GET', `/api/audit/export?objectType=ticket&objectId=${ticket.id}`, undefined, 'en');
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /text\/csv/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="audit-log-/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    assert.match(lines[0]!, /^No\.,Time,Actor/);
    assert.ok(lines.length >= 2 && lines.slice(1).every((l) => l.includes(ticket.number)), res.body);
    assert.ok(!lines.slice(1).some((l) => l.includes(`,${ticket.id},`)), 'the object is its number, not its id');
    const logged = await auditor.get<Page>('/api/audit?action=audit.export');
    assert.equal((logged.body.items[0]?.details as { rows: number }).rows, lines.length - 1);
    const operator = await env.login('city_op');
    assert.equal((await operator.get('/api/audit/export')).status, 403);
  });
});

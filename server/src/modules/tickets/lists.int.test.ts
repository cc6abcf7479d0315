import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Ticket, TicketBatchResult } from '@gridgov/contracts';
import { gridCentroid as centroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';

type Page = { items: Ticket[]; total: number };

describe('ticket lists: server-side sorting and batch actions', () => {
  let env: TestEnv;
  let resident: Client;
  let gw1: Client;
  let gw2: Client;
  const filed: Ticket[] = [];

  before(async () => {
    env = await startTestEnv();
    const [lon, lat] = centroid(env.seed.city.grids[0]!);
    resident = await env.login('resident1');
    gw1 = await env.login('gw1');
    gw2 = await env.login('gw2');
    for (const description of ['路灯不亮，晚上很黑', '小区门口井盖缺失', '垃圾桶满了没人清理', '楼道堆放杂物']) {
      const res = await resident.post<{ ticket: Ticket }>('/api/tickets', { description, lon, lat, categoryId: env.seed.tickets.categoryIds.get('city.manhole')! });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      filed.push(res.body.ticket);
    }
  });
  after(() => env.close());

  it('sorts by a whitelisted column in either direction, and refuses any other key', async () => {
    const asc = await gw1.get<Page>('/api/tickets?view=all&sort=number&order=asc');
    const desc = await gw1.get<Page>('/api/tickets?view=all&sort=number&order=desc');
    assert.equal(asc.status, 200);
    const numbers = asc.body.items.map((t) => t.number);
    assert.ok(numbers.length >= 4);
    assert.deepEqual(numbers, [...numbers].sort());
    assert.deepEqual(desc.body.items.map((t) => t.number), [...numbers].reverse());
    const byCreated = await gw1.get<Page>('/api/tickets?view=all&sort=createdAt&order=desc');
    const times = byCreated.body.items.map((t) => t.createdAt);
    assert.deepEqual(times, [...times].sort().reverse());
    for (const bad of ['description', 'reporter_phone_cipher', 'number;drop table ticket']) {
      const res = await gw1.get<{ error: { code: string } }>(`/api/tickets?sort=${encodeURIComponent(bad)}`);
      assert.equal(res.status, 400, bad);
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
    }
  });

  it('takes a batch action ticket by ticket, by the single action’s rules, and says what happened to each', async () => {
    const [a, b, stale] = filed;
    const res = await gw1.post<TicketBatchResult>('/api/tickets/batch', {
      action: 'accept',
      items: [
        { id: a!.id, version: a!.version },
        { id: b!.id, version: b!.version },
        { id: stale!.id, version: stale!.version + 5 },
      ],
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.items.map((i) => [i.number, i.ok, i.error?.code ?? null]),
      [
        [a!.number, true, null],
        [b!.number, true, null],
        [stale!.number, false, 'TICKET_VERSION_CONFLICT'],
      ],
    );
    for (const t of [a!, b!]) assert.equal((await gw1.get<Ticket>(`/api/tickets/${t.id}`)).body.status, 'accepted');
    assert.equal((await gw1.get<Ticket>(`/api/tickets/${stale!.id}`)).body.status, 'reported');
    // Accepting an accepted ticket is refused as the single action refuses it.
    const again = await gw1.post<TicketBatchResult>('/api/tickets/batch', { action: 'accept', items: [{ id: a!.id, version: a!.version + 1 }] });
    const single = await gw1.post<{ error: { code: string } }>(`/api/tickets/${a!.id}/accept`, { version: a!.version + 1 });
    assert.equal(again.body.items[0]!.error?.code, single.body.error.code);
  });

  it('answers "not found" for a ticket outside the caller’s scope, without its number', async () => {
    const other = filed[3]!;
    const res = await gw2.post<TicketBatchResult>('/api/tickets/batch', { action: 'accept', items: [{ id: other.id, version: other.version }] });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.items[0], { id: other.id, number: null, ok: false, error: { code: 'NOT_FOUND', message: res.body.items[0]!.error!.message } });
    assert.equal((await gw1.get<Ticket>(`/api/tickets/${other.id}`)).body.status, 'reported');
  });

  it('checks the action’s own input (a dispatch names departments)', async () => {
    const t = filed[3]!;
    const res = await gw1.post<{ error: { code: string } }>('/api/tickets/batch', { action: 'dispatch', items: [{ id: t.id, version: t.version }] });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
  });
});

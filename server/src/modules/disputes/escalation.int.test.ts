/**
 * A dispute escalated into the ticket loop and back: the ticket filed with the dispute's number
 * and none of the parties' data, linked both ways; a department's handler working the ticket
 * does not read the dispute; closing (or refusing) the ticket brings the dispute back to
 * `returned` in the same transaction, with the mediators told; the outcome is recorded; the
 * filing is idempotent; all of it on the audit log.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Dispute, Ticket } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { registerAnswers, testIdNumber } from './test-answers.js';
import { fileEscalationTicket } from './escalate-dispute.js';

interface ErrorBody {
  error: { code: string; details?: { fields?: { field: string; code: string }[] } };
}

describe('disputes: escalated into the ticket loop and back', () => {
  let env: TestEnv;
  let county: Client;
  let worker: Client;
  let communityOp: Client;
  let handler: Client;
  let gridId: string;
  const idA = testIdNumber(11);
  const category = (code: string) => env.seed.tickets.categoryIds.get(code)!;
  const department = (name: string) => env.seed.tickets.departmentIds.get(`${env.seed.city.regions.find((r) => r.level === 'county')!.code}:${name}`)!;

  before(async () => {
    env = await startTestEnv();
    [county, worker, communityOp, handler] = await Promise.all([env.login('county_op'), env.login('gw1'), env.login('community_op'), env.login('handler')]);
    gridId = env.seed.city.grids[0] ? env.gridId(env.seed.city.grids[0].code) : '';
  });
  after(() => env.close());

  async function registered(name: string): Promise<Dispute> {
    const made = await worker.post<Dispute>('/api/disputes', { gridId, formVersion: 1, answers: registerAnswers(name, [{ name: '赵大山', idNumber: idA, phone: '13912345678' }, { name: '钱小河', idNumber: testIdNumber(12) }]) });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.match(made.body.number, /^JF\d{8}$/);
    return made.body;
  }

  async function ticketStep(client: Client, t: { id: string; version: number }, action: string, body: Record<string, unknown> = {}): Promise<Ticket> {
    const res = await client.post<Ticket>(`/api/tickets/${t.id}/${action}`, { version: t.version, ...body });
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  it('files a ticket with the dispute\'s number and no party data; closing it brings the dispute back for the outcome', async () => {
    const d = await registered('赵大山与钱小河排水纠纷');
    const note = '村级调解未果，涉及道路排水设施改造，需上级协调城管部门处置';
    const escalated = await county.post<Dispute>(`/api/disputes/${d.id}/escalate`, { version: d.version, note, categoryId: category('city.manhole') });
    assert.equal(escalated.status, 200, JSON.stringify(escalated.body));
    assert.equal(escalated.body.status, 'escalated');
    assert.ok(escalated.body.ticket?.number, 'the ticket is filed right after the escalation');

    // The ticket: from a dispute, at the dispute's community, with its number and the note only.
    const seen = await communityOp.get<Ticket>(`/api/tickets/${escalated.body.ticket.id}`);
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    let t = seen.body;
    assert.deepEqual([t.source, t.number, t.regionCode, t.origin], ['dispute', escalated.body.ticket.number, d.regionCode, { type: 'dispute', id: d.id, number: d.number }]);
    assert.ok(t.description.includes(note) && t.description.includes(d.number));
    for (const secret of ['赵大山', '钱小河', idA, '13912345678', d.name]) assert.ok(!JSON.stringify(t).includes(secret), `the ticket carries no ${secret}`);

    // Worked like any ticket: accepted, dispatched to the county's city-management bureau, handled, reported back.
    t = await ticketStep(communityOp, t, 'accept');
    t = await ticketStep(communityOp, t, 'dispatch', { departmentIds: [department('城管局')] });
    const handlerView = await handler.get<Ticket>(`/api/tickets/${t.id}`);
    assert.equal(handlerView.status, 200);
    assert.deepEqual(handlerView.body.origin, { type: 'dispute', id: d.id, number: d.number }, 'the handler sees the number');
    // ...but the department's handler does not read the dispute, its parties or its list.
    assert.equal((await handler.get(`/api/disputes/${d.id}`)).status, 404);
    assert.ok(!((await handler.get<{ items?: { id: string }[] }>('/api/disputes')).body.items ?? []).some((x) => x.id === d.id));
    t = await ticketStep(handler, handlerView.body, 'sign');
    t = await ticketStep(handler, t, 'report_back', { note: '已完成排水沟改造' });
    t = await ticketStep(communityOp, t, 'close');
    assert.equal(t.status, 'closed');

    // Back in the dispute, in the same transaction as the close.
    const back = await county.get<Dispute>(`/api/disputes/${d.id}`);
    assert.equal(back.body.status, 'returned');
    assert.equal(back.body.resolution?.ticketOutcome, 'close');
    assert.deepEqual(back.body.actions.sort(), ['close', 'follow_up']);
    const told = await rows<{ kind: string; user_id: string; params: { number: string; ticket: string } }>(env.rt.database.db, sql`select kind, user_id, params from notification where subject_type = 'dispute' and subject_id = ${d.id} and kind like 'dispute.returned%'`);
    const countyId = env.seed.accounts.find((a) => a.username === 'county_op');
    assert.ok(told.length >= 2, JSON.stringify(told));
    assert.ok(told.every((n) => n.kind === 'dispute.returned.close' && n.params.number === d.number && n.params.ticket === t.number));
    const [countyUser] = await rows<{ id: string }>(env.rt.database.db, sql`select id from app_user where username = ${countyId!.username}`);
    const [gw1User] = await rows<{ id: string }>(env.rt.database.db, sql`select id from app_user where username = 'gw1'`);
    assert.ok(told.some((n) => n.user_id === countyUser!.id), 'the centre that escalated is told');
    assert.ok(told.some((n) => n.user_id === gw1User!.id), 'the grid\'s mediators are told');

    // The mediator records the fulfilment, the centre closes with the outcome.
    const followed = await worker.post<Dispute>(`/api/disputes/${d.id}/follow_up`, { version: back.body.version, fulfilled: true, note: '回访：排水已通畅' });
    assert.equal(followed.body.status, 'followed_up', JSON.stringify(followed.body));
    const closed = await county.post<Dispute>(`/api/disputes/${d.id}/close`, { version: followed.body.version, success: true, outcome: '经上报城管部门改造后化解', evaluatedOn: '2026-12-03', opinion: '双方满意' });
    assert.equal(closed.body.status, 'closed');

    const audit = await rows<{ action: string; actor_id: string | null; details: Record<string, unknown> }>(
      env.rt.database.db,
      sql`select action, actor_id, details from audit_log where object_id in (${d.id}, ${t.id}) and outcome = 'success' order by id`,
    );
    assert.deepEqual(audit.map((a) => a.action), ['dispute.create', 'dispute.escalate', 'ticket.report', 'ticket.accept', 'ticket.dispatch', 'ticket.sign', 'ticket.report_back', 'ticket.close', 'dispute.return_from_ticket', 'dispute.follow_up', 'dispute.close']);
    const returned = audit.find((a) => a.action === 'dispute.return_from_ticket')!;
    assert.deepEqual([returned.actor_id, returned.details.ticketNumber, returned.details.outcome, returned.details.from, returned.details.to], [null, t.number, 'close', 'escalated', 'returned']);
    assert.equal(audit.find((a) => a.action === 'dispute.escalate')!.details.ticketId, t.id);
  });

  it('comes back as well when the ticket is refused; filing again changes nothing', async () => {
    const d = await registered('孙家邻里噪声纠纷');
    const escalated = await county.post<Dispute>(`/api/disputes/${d.id}/escalate`, { version: d.version, note: '需街道层面协调处理噪声问题' });
    assert.equal(escalated.status, 200, JSON.stringify(escalated.body));
    const ticketId = escalated.body.ticket!.id;
    // The durable job and a second attempt find the ticket there: one ticket per escalation.
    await env.rt.jobs.runDue();
    assert.equal(await fileEscalationTicket(env.rt.kit, d.id), escalated.body.ticket!.number);
    const [count] = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from ticket where origin->>'id' = ${d.id}`);
    assert.equal(count!.n, 1);

    const t = (await communityOp.get<Ticket>(`/api/tickets/${ticketId}`)).body;
    await ticketStep(communityOp, t, 'reject', { note: '不属于事件受理范围，请通过司法途径解决' });
    const back = await worker.get<Dispute>(`/api/disputes/${d.id}`);
    assert.deepEqual([back.body.status, back.body.resolution?.ticketOutcome], ['returned', 'reject']);
    // A system step: nobody may take it by hand, and it is not on offer.
    assert.ok(!(back.body.actions as string[]).includes('return_from_ticket'));
    assert.equal((await county.post(`/api/disputes/${d.id}/return_from_ticket`, { version: back.body.version })).status, 404);
  });

  it('refuses an unknown ticket category before anything moves; only the centre escalates', async () => {
    const d = await registered('周家宅基地纠纷');
    const bad = await county.post<ErrorBody>(`/api/disputes/${d.id}/escalate`, { version: d.version, note: '上报', categoryId: '00000000-0000-4000-8000-000000000000' });
    assert.equal(bad.status, 400);
    assert.deepEqual(bad.body.error.details?.fields, [{ field: 'categoryId', code: 'TICKET_CATEGORY_INVALID' }]);
    assert.equal((await worker.post(`/api/disputes/${d.id}/escalate`, { version: d.version, note: '上报' })).status, 403);
    const still = await county.get<Dispute>(`/api/disputes/${d.id}`);
    assert.deepEqual([still.body.status, still.body.version, still.body.ticket], ['registered', d.version, null]);
    const [tickets] = await rows<{ n: number }>(env.rt.database.db, sql`select count(*)::int as n from ticket where origin->>'id' = ${d.id}`);
    assert.equal(tickets!.n, 0);
  });
});

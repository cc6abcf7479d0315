/**
 * The demo city as `npm start` seeds it: two months of tickets in every state, with ratings,
 * escalations, summonses and overdue cases, timelines that end where their tickets stand,
 * dashboard figures that agree with a recount, tagged residents and a handler for every
 * department a ticket can be assigned to.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { TICKET_STATUSES, tileValue, type DashboardOverview, type Resident } from '@gridgov/contracts';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { rows } from '../../platform/db/client.js';
import { compareWithRecount } from '../../platform/metrics/metrics.js';
import { seedDemoHistory, type HistoryCounts } from './seed-history.js';

const DAY = 86_400_000;

describe('demo history (npm start)', () => {
  let env: TestEnv;
  let counts: HistoryCounts;
  let op: Client;

  before(async () => {
    env = await startTestEnv({ registers: true });
    counts = await seedDemoHistory(env.rt.database, env.seed, env.clock, env.rt.vault);
    op = await env.login('county_op');
  });
  after(() => env.close());

  const one = async <T extends Record<string, unknown>>(query: string) => (await rows<T>(env.rt.database.db, sql.raw(query)))[0]!;

  it('holds about two months of tickets in every state, ending now', async () => {
    const grids = env.seed.city.grids.length;
    assert.ok(counts.tickets > grids * 60 * 0.2 && counts.tickets < grids * 60 * 0.4, `${counts.tickets} tickets`);
    const span = await one<{ n: number; first: Date; last: Date }>('select count(*)::int as n, min(created_at) as first, max(created_at) as last from ticket');
    assert.equal(span.n, counts.tickets);
    const now = env.clock.now().getTime();
    assert.ok(new Date(span.first).getTime() >= now - 60 * DAY && new Date(span.first).getTime() < now - 58 * DAY);
    assert.ok(new Date(span.last).getTime() <= now && new Date(span.last).getTime() > now - DAY);
    const statuses = await rows<{ status: string; n: number }>(env.rt.database.db, sql`select status, count(*)::int as n from ticket group by status`);
    assert.deepEqual(statuses.map((s) => s.status).sort(), [...TICKET_STATUSES].sort());
    const facts = await one<Record<string, number>>(
      `select count(*) filter (where rating is not null)::int as rated,
              count(*) filter (where overdue)::int as overdue,
              count(*) filter (where overdue and status not in ('closed', 'rejected', 'merged'))::int as overdue_open,
              count(*) filter (where supervised)::int as supervised,
              count(*) filter (where source = 'hotline' and reporter_phone_masked is not null)::int as hotline_masked
         from ticket`,
    );
    for (const [fact, n] of Object.entries(facts)) assert.ok(n > 0, `${fact}: ${n}`);
    // Every day of the last two months has reports (a quiet Sunday still has some).
    const days = await one<{ n: number }>(`select count(distinct (created_at at time zone 'Asia/Shanghai')::date)::int as n from ticket`);
    assert.ok(days.n >= 55, `${days.n} days`);
  });

  it('gives every ticket a timeline that starts with the report and ends where the ticket stands', async () => {
    assert.equal(counts.events, (await one<{ n: number }>('select count(*)::int as n from ticket_event')).n);
    const bad = await one<Record<string, number>>(
      `select count(*) filter (where first.action <> 'report' or first.seq <> 1)::int as first_not_report,
              count(*) filter (where last.to_status <> t.status)::int as last_not_status,
              count(*) filter (where last.at > now() + interval '1 day' or first.at <> t.created_at)::int as times
         from ticket t
         join ticket_event first on first.ticket_id = t.id and first.seq = 1
         join lateral (select * from ticket_event e where e.ticket_id = t.id order by seq desc limit 1) last on true`,
    );
    assert.deepEqual(bad, { first_not_report: 0, last_not_status: 0, times: 0 });
    const actions = await one<Record<string, number>>(
      `select count(*) filter (where action = 'escalate')::int as escalate, count(*) filter (where action = 'escalate' and (data->>'automatic')::boolean)::int as automatic,
              count(*) filter (where action = 'rate')::int as rate, count(*) filter (where action = 'overdue')::int as overdue,
              count(*) filter (where action = 'summon')::int as summon, count(*) filter (where action = 'dispatch' and department_id is not null)::int as dispatch
         from ticket_event`,
    );
    for (const [action, n] of Object.entries(actions)) assert.ok(n > 0, `${action}: ${n}`);
    assert.equal(actions.rate, (await one<{ n: number }>('select count(*)::int as n from ticket where rating is not null')).n);
    assert.equal(actions.summon, counts.summonses);
  });

  it('summons departments to open cases: the handling one has checked in, the other is awaited', async () => {
    assert.ok(counts.summonses > 0);
    const s = await one<{ summonses: number; pending: number; checked: number; open: number }>(
      `select count(distinct s.id)::int as summonses, count(*) filter (where d.checked_in_at is null)::int as pending,
              count(*) filter (where d.checked_in_at is not null and d.checked_in_by is not null)::int as checked,
              count(distinct s.id) filter (where t.status in ('accepted', 'dispatched', 'handling'))::int as open
         from summons s join summons_department d on d.summons_id = s.id join ticket t on t.id = s.ticket_id`,
    );
    assert.deepEqual(s, { summonses: counts.summonses, pending: counts.summonses, checked: counts.summonses, open: counts.summonses });
  });

  it('shows non-zero dashboard figures that agree with a recount', async () => {
    assert.deepEqual(await compareWithRecount(env.rt.database.db, env.rt.kit.registry.metrics), []);
    const overview = await op.get<DashboardOverview>('/api/dashboard/overview');
    assert.equal(overview.status, 200, JSON.stringify(overview.body));
    const tiles = overview.body.tiles;
    for (const id of ['openTickets', 'overdueTickets', 'onTimeRate', 'satisfaction', 'pendingSummonses']) {
      assert.ok((tileValue(tiles, id) ?? 0) > 0, `${id}: ${tileValue(tiles, id)}`);
    }
    // The county operator sees the county's open cases only.
    const county = env.seed.accounts.find((a) => a.username === 'county_op')!.scopeRegionCode;
    const open = await one<{ n: number }>(
      `select count(*)::int as n from ticket where status in ('reported', 'accepted', 'dispatched', 'handling', 'reported_back') and region_code like '${county.slice(0, 6)}%'`,
    );
    assert.equal(tileValue(tiles, 'openTickets'), open.n);
    const satisfaction = tileValue(tiles, 'satisfaction')!;
    assert.ok(satisfaction >= 3.5 && satisfaction <= 5, String(satisfaction));
  });

  it('tags residents (elderly living alone, disabled, party members) and names the contacts of places', async () => {
    for (const tag of ['elderly_alone', 'disabled', 'party_member']) {
      const list = await op.get<{ items: Resident[]; total: number }>(`/api/residents?tag=${tag}&pageSize=5`);
      assert.equal(list.status, 200, JSON.stringify(list.body));
      assert.ok(list.body.total > 0, tag);
      assert.ok(list.body.items.every((r) => r.tags.includes(tag)));
    }
    const placeholders = await one<{ n: number; named: number }>(
      `select count(*) filter (where contact_name in ('负责人', '联系人') or contact_name is null)::int as n, count(*)::int as named from (select contact_name from venue union all select contact_name from organization) p`,
    );
    assert.equal(placeholders.n, 0);
    assert.ok(placeholders.named > 0);
  });

  it('has a handler account for every department a ticket can be assigned to', async () => {
    const orphans = await rows<{ name: string }>(
      env.rt.database.db,
      sql`select d.name from department d where not exists (select 1 from department_member m join app_user u on u.id = m.user_id where m.department_id = d.id and u.role = 'department_handler')`,
    );
    assert.deepEqual(orphans, []);
    const police = await env.login('police2');
    const me = await police.get<{ displayName: string }>('/api/auth/me');
    assert.equal(me.status, 200);
    assert.equal(me.body.displayName, '鼎城区公安分局');
  });
});

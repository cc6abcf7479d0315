/**
 * Every registered metric (the modules' metrics.ts) agrees exactly with its recount from source
 * after a random run of intake, transitions, escalations on timeout, summonses, register moves
 * and deletions and ticket deletions over changing days; the tiles a viewer sees follow their
 * permissions; and every dashboard answer, map and live feed stays inside the viewer's scope.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { tileValue, type DashboardGridRanking, type DashboardMap, type DashboardOverview, type DashboardPoints, type DashboardTrend, type Ticket } from '@gridgov/contracts';
import { gridCentroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { rows } from '../../platform/db/client.js';
import { DEMO_PASSWORD } from '../demo/seed-demo.js';
import { seededRandom } from '../tickets/classifier/training-texts.js';
import { compareWithRecount, foldMetrics, rebuildMetrics } from '../../platform/metrics/metrics.js';

type ErrorBody = { error: { code: string } };
const OPEN = `('reported', 'accepted', 'dispatched', 'handling', 'reported_back')`;

describe('dashboard', () => {
  let env: TestEnv;
  let cityOp: Client;
  let townshipOp: Client;
  let communityOp: Client;
  let countyOp: Client;
  let handler: Client;
  let handler2: Client;
  let resident: Client;
  let gw1: Client;
  const township = () => env.seed.city.regions.find((r) => r.level === 'township')!;
  const county = () => env.seed.city.regions.find((r) => r.level === 'county')!;
  const category = (code: string) => env.seed.tickets.categoryIds.get(code)!;
  const department = (name: string) => env.seed.tickets.departmentIds.get(`${county().code}:${name}`)!;

  async function signIn(): Promise<void> {
    cityOp = await env.login('city_op');
    townshipOp = await env.login('township_op');
    communityOp = await env.login('community_op');
    countyOp = await env.login('county_op');
    handler = await env.login('handler');
    handler2 = await env.login('handler2');
    resident = await env.login('resident1');
    gw1 = await env.login('gw1');
  }

  before(async () => {
    env = await startTestEnv({ registers: true });
    await signIn();
  });
  after(() => env.close());
  const metrics = () => env.rt.kit.registry.metrics;
  const foldDeltas = (db: typeof env.rt.database.db) => foldMetrics(db, metrics());

  async function step(client: Client, t: { id: string; version: number }, action: string, body: Record<string, unknown> = {}): Promise<Ticket> {
    const res = await client.post<Ticket & ErrorBody>(`/api/tickets/${t.id}/${action}`, { version: t.version, ...body });
    assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
    return res.body;
  }

  it('registers every module\'s metrics, each kept by a trigger that exists on its table', async () => {
    const names = metrics().map((m) => m.name);
    for (const expected of ['tickets.open', 'tickets.reported', 'tickets.assigned', 'tickets.pending_summonses', 'registers.residents', 'registers.households', 'users.grid_workers']) {
      assert.ok(names.includes(expected), expected);
    }
    const triggers = await rows<{ table: string; trigger: string }>(
      env.rt.database.db,
      sql`select c.relname as table, t.tgname as trigger from pg_trigger t join pg_class c on c.oid = t.tgrelid where not t.tgisinternal`,
    );
    for (const m of metrics()) assert.ok(triggers.some((t) => t.table === m.kept.table && t.trigger === m.kept.trigger), `${m.name}: trigger ${m.kept.trigger} on ${m.kept.table}`);
    // Every tile reads registered metrics, in their registered order.
    const tiles = env.rt.kit.registry.tiles;
    assert.deepEqual(tiles.map((t) => t.id), ['residents', 'households', 'gridWorkers', 'ticketsToday', 'openTickets', 'overdueTickets', 'onTimeRate', 'satisfaction', 'disputesRegistered', 'disputeSuccessRate', 'noPetitionVillages', 'noPetitionLost', 'pendingSummonses', 'announcementsPublished', 'keypersonsManaged', 'keypersonsHighRisk', 'openWarnings', 'highWarnings', 'reservationsMade', 'reservationsPickedUp', 'surveyAnswered', 'declarationsToday', 'enterprisesApproved', 'surveyAlerted', 'declarationsAbnormalToday', 'enterprisesReporting', 'enterprisesAbnormalStaff', 'emergencyOpen', 'emergencyReported', 'suppliesWaiting', 'suppliesFulfilled', 'devicesOnline', 'devicesOffline', 'deviceAlarmsToday']);
  });

  it('agrees exactly with a recount of every registered metric after a random run of changes', async () => {
    const random = seededRandom(5);
    const communityCode = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const communityGrids = env.seed.city.grids.filter((g) => g.regionCode === communityCode);
    const firstGrid = env.seed.city.grids[0]!;
    const open: Ticket[] = [];
    const texts = ['井盖缺失', '路灯不亮', '垃圾堆放', '噪音扰民', '占道经营'];
    for (let i = 0; i < 60; i++) {
      const r = random();
      if (r < 0.35 || open.length === 0) {
        // Intake: a resident in the first grid, the community's operator anywhere in the community.
        const byResident = random() < 0.4;
        const g = byResident ? firstGrid : communityGrids[Math.floor(random() * communityGrids.length)]!;
        const [lon, lat] = gridCentroid(g);
        const res = await (byResident ? resident : communityOp).post<{ ticket: Ticket }>('/api/tickets', {
          description: `${texts[i % texts.length]}（第${i}次）`, lon: lon + (random() - 0.5) * 1e-4, lat, categoryId: category('city.manhole'), emergency: random() < 0.2 && !byResident,
        });
        assert.equal(res.status, 201, JSON.stringify(res.body));
        open.push(res.body.ticket);
        continue;
      }
      const index = Math.floor(random() * open.length);
      let t = (await cityOp.get<Ticket>(`/api/tickets/${open[index]!.id}`)).body;
      // The operator of the ticket's level (timers may have escalated it).
      const op = { grid: communityOp, community: communityOp, township: townshipOp, county: countyOp, city: cityOp }[t.level];
      if (t.level === 'grid') {
        // The first grid's worker handles it in the grid, or it goes up to the community.
        t = random() < 0.5 ? await step(gw1, t, 'escalate', { note: '需社区协调' }) : await step(gw1, await step(gw1, t, 'accept'), 'report_back', { note: '已处理' });
      } else if (t.status === 'reported') {
        t = random() < 0.15 ? await step(op, t, 'reject', { note: '重复' }) : await step(op, t, 'accept');
      } else if (t.status === 'accepted') {
        t = await step(op, t, 'dispatch', { departmentIds: random() < 0.3 ? [department('城管局'), department('生态环境局')] : [department('城管局')] });
        if (random() < 0.3) t = await step(op, t, 'supervise', { note: '请加快办理' });
      } else if (t.status === 'dispatched') {
        if (t.assignments.length > 1) {
          // The assisting bureau answers first, then the lead.
          t = await step(handler2, await step(handler2, t, 'sign'), 'report_back', { note: '已配合检测' });
        }
        t = await step(handler, t, 'sign');
        if (random() < 0.3) {
          // Past the handling limit: reported back late.
          env.clock.advance(8 * 24 * 3_600_000);
          await signIn();
        }
        t = await step(handler, t, 'report_back', { note: '已整改' });
      } else if (t.status === 'reported_back') {
        t = await step(op, t, 'close', { note: '办结' });
        if (t.level === 'grid' || random() < 0.5) {
          const mine = (await resident.get<Ticket>(`/api/tickets/${t.id}`)).body;
          if (mine.actions?.includes('rate')) t = await step(resident, mine, 'rate', { rating: 1 + Math.floor(random() * 5) });
        }
      }
      if (t.status === 'closed' || t.status === 'rejected') open.splice(index, 1);
      else open[index] = t;
      if (random() < 0.2) await foldDeltas(env.rt.database.db);
      if (random() < 0.05) {
        // Time passes: dispatch limits run out and the timers escalate the waiting tickets.
        env.clock.advance(25 * 3_600_000);
        await signIn();
        await env.rt.jobs.runDue(100);
      }
    }
    const db = env.rt.database.db;
    // Deletions: a resident and a household leave the registers, a grid worker is switched off,
    // one ticket is purged outright (with its assignments), a summons is answered.
    const someResident = (await rows<{ id: string }>(db, sql`select id from resident where deleted_at is null limit 1`))[0]!;
    await db.execute(sql`update resident set deleted_at = now() where id = ${someResident.id}`);
    await db.execute(sql`update household set deleted_at = now() where id = (select id from household where deleted_at is null limit 1)`);
    await db.execute(sql`update app_user set disabled = true where username = 'gw2'`);
    // An announcement is published (the announcements module's metric).
    await db.execute(sql`insert into announcement (id, region_code, title, body, audience, status, version, created_by, published_by, published_at, created_at, updated_at)
      values (gen_random_uuid(), ${communityCode}, '停水通知', '明日停水', 'public', 'published', 3, (select id from app_user where username = 'township_op'),
              (select id from app_user where username = 'county_op'), now(), now(), now())`);
    // Disputes are registered, one closed with success, one failed, one reopened from closed (the disputes module's metrics).
    for (const [status, resolution] of [['registered', null], ['closed', { success: true }], ['failed', { success: false }], ['closed', { success: true }]] as const) {
      await db.execute(sql`insert into dispute (id, grid_id, region_code, name, category, scale, occurred_on, deadline, form_key, form_version, answers, status, version, resolution, created_at, updated_at)
        values (gen_random_uuid(), (select id from grid where region_code = ${communityCode} limit 1), ${communityCode}, '排水沟纠纷', 'neighbour', 'general', '2026-01-01', '2026-02-01',
                'disputes.register', 1, '{}'::jsonb, ${status}, 1, ${resolution === null ? null : JSON.stringify(resolution)}::jsonb, now() - interval '2 days', now())`);
    }
    await db.execute(sql`update dispute set status = 'failed', resolution = '{"success": false}'::jsonb where id = (select id from dispute where status = 'closed' limit 1)`);
    // A late rating of a closed case, on a later day.
    env.clock.advance(24 * 3_600_000);
    await signIn();
    const rated = await rows<{ id: string }>(db, sql`update ticket set rating = 4 where id = (select id from ticket where status = 'closed' and rating is null limit 1) returning id`);
    assert.equal(rated.length, 1, 'a closed case to rate');
    // A resident moves to another grid of the city (a change of place, not of count).
    const elsewhere = env.seed.city.grids.find((g) => g.regionCode !== firstGrid.regionCode)!;
    await db.execute(sql`update resident set grid_id = ${env.gridId(elsewhere.code)}, region_code = ${elsewhere.regionCode}
      where id = (select id from resident where deleted_at is null and id <> ${someResident.id} limit 1)`);
    const purged = (await rows<{ id: string }>(db, sql`select ticket_id as id from ticket_assignment where ticket_id <> ${rated[0]!.id} limit 1`))[0];
    if (purged) {
      await db.execute(sql`delete from ticket_assignment where ticket_id = ${purged.id}`);
      await db.execute(sql`delete from ticket where id = ${purged.id}`);
    }

    assert.ok((await rows<{ n: number }>(db, sql`select count(*)::int as n from metric_delta`))[0]!.n > 0, 'changes left deltas to fold');
    await foldDeltas(db);
    assert.deepEqual(await compareWithRecount(db, metrics()), []);
    // The comparison is not empty-handed: every metric the run touched has figures.
    const kept = await rows<{ metric: string }>(db, sql`select distinct metric from metric_value where value <> 0`);
    // The random run raises no risk warnings, assesses no villages, reserves nothing and surveys no one: their figures are checked against the recount in
    // warnings.int.test.ts, petitions.int.test.ts, reservations.int.test.ts, campaigns.int.test.ts, declarations.int.test.ts, enterprises.int.test.ts and
    // (emergency events and supply requests) emergency.int.test.ts; devices online and offline in devices.int.test.ts; device alarms in sensing/alarms.int.test.ts.
    for (const m of metrics().filter((m) => m.name !== 'tickets.pending_summonses' && !/^(warnings|petitions|reservations|campaigns|declarations|enterprises|emergency|supplies|devices|sensing)\./.test(m.name))) assert.ok(kept.some((k) => k.metric === m.name), `${m.name} has figures`);
    // A broken figure is caught: the check compares each registered metric with its recount.
    await db.execute(sql`update metric_value set value = value + 1 where metric = 'tickets.open' and scope = ${county().code}`);
    assert.match((await compareWithRecount(db, metrics())).join('\n'), new RegExp(`tickets.open ${county().code} now -: stored \\d+, counted \\d+`));
    assert.ok((await rows<{ n: number }>(db, sql`select count(*)::int as n from ticket where status in ('closed', 'rejected')`))[0]!.n > 3, 'the run closed tickets');

    // The figures the API shows are the recount's: check a few against the base tables directly.
    const [counted] = await rows<{ open: number; overdue: number; residents: number }>(
      db,
      sql.raw(`select (select count(*)::int from ticket where status in ${OPEN} and region_code like '${county().code.slice(0, 6)}%') as open,
        (select count(*)::int from ticket where status in ${OPEN} and overdue and region_code like '${county().code.slice(0, 6)}%') as overdue,
        (select count(*)::int from resident where deleted_at is null and region_code like '${county().code.slice(0, 6)}%') as residents`),
    );
    // (The figure broken above is repaired by a rebuild from source.)
    await rebuildMetrics(db, metrics());
    assert.deepEqual(await compareWithRecount(db, metrics()), []);
    const answer = await cityOp.get<DashboardOverview>(`/api/dashboard/overview?region=${county().code}`);
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const shown = answer.body;
    assert.deepEqual(
      ['openTickets', 'overdueTickets', 'residents'].map((id) => tileValue(shown.tiles, id)),
      [counted!.open, counted!.overdue, counted!.residents],
    );
  });

  it('opens at the viewer\'s own place and never shows another township', async () => {
    await signIn();
    await foldDeltas(env.rt.database.db);
    const own = township();
    const other = env.seed.city.regions.find((r) => r.level === 'township' && r.code !== own.code)!;
    const otherGrid = env.seed.city.grids.find((g) => g.regionCode.startsWith(other.code.slice(0, 9)))!;
    const ownPrefix = own.code.slice(0, 9);

    const mine = await townshipOp.get<DashboardOverview>('/api/dashboard/overview');
    assert.equal(mine.status, 200);
    assert.equal(mine.body.place.code, own.code);
    assert.deepEqual(mine.body.breadcrumb.map((p) => p.code), [own.code]);
    assert.ok(mine.body.children.length > 0 && mine.body.children.every((c) => c.place.code.startsWith(ownPrefix)));

    for (const path of ['overview', 'trend', 'categories', 'departments', 'grid-ranking', 'map']) {
      assert.equal((await townshipOp.get<ErrorBody>(`/api/dashboard/${path}?region=${other.code}`)).body.error.code, 'FORBIDDEN', path);
      assert.equal((await townshipOp.get<ErrorBody>(`/api/dashboard/${path}?grid=${env.gridId(otherGrid.code)}`)).body.error.code, 'FORBIDDEN', path);
      assert.equal((await townshipOp.get<ErrorBody>(`/api/dashboard/${path}?region=${county().code}`)).body.error.code, 'FORBIDDEN', `${path} above`);
    }
    const map = (await townshipOp.get<DashboardMap>('/api/dashboard/map')).body;
    assert.ok(map.grids.features.length > 0 && map.grids.features.every((f) => f.properties.code.startsWith(ownPrefix)));
    // Outlines: the township's own and its communities', their grids' shared inner edges left out.
    assert.deepEqual(map.outlines.features.filter((f) => f.properties.own).map((f) => f.properties.code), [own.code]);
    const communities = map.outlines.features.filter((f) => !f.properties.own);
    assert.ok(communities.length > 0 && communities.every((f) => f.properties.level === 'community' && f.properties.code.startsWith(ownPrefix)));
    for (const c of communities) {
      const grids = map.grids.features.filter((f) => f.properties.code.startsWith(c.properties.code));
      const edges = grids.reduce((n, g) => n + g.geometry.coordinates[0]!.length - 1, 0);
      assert.ok(c.geometry.coordinates.length > 0 && c.geometry.coordinates.length < edges, `${c.properties.code}: ${c.geometry.coordinates.length} of ${edges} edges`);
    }
    const points = (await townshipOp.get<DashboardPoints>('/api/dashboard/points?layer=open')).body;
    const regions = await rows<{ region_code: string }>(env.rt.database.db, sql`select region_code from ticket where id in ${sql`(${sql.join(points.points.map((p) => sql`${p.id}`), sql`, `)})`}`);
    assert.ok(points.points.length > 0 && regions.every((r) => r.region_code.startsWith(ownPrefix)));
    const ranking = (await townshipOp.get<DashboardGridRanking>('/api/dashboard/grid-ranking')).body;
    assert.ok([...ranking.best, ...ranking.worst].every((g) => g.code.startsWith(ownPrefix)));

    // Drilling down: township -> community -> grid, with the breadcrumb back up.
    const community = mine.body.children[0]!.place;
    const down = (await townshipOp.get<DashboardOverview>(`/api/dashboard/overview?region=${community.code}`)).body;
    assert.deepEqual(down.breadcrumb.map((p) => p.code), [own.code, community.code]);
    const gridChild = down.children[0]!.place;
    assert.equal(gridChild.level, 'grid');
    const atGrid = (await townshipOp.get<DashboardOverview>(`/api/dashboard/overview?grid=${gridChild.gridId}`)).body;
    assert.deepEqual(atGrid.breadcrumb.map((p) => p.level), ['township', 'community', 'grid']);
    const trend = (await townshipOp.get<DashboardTrend>(`/api/dashboard/trend?grid=${gridChild.gridId}`)).body;
    assert.equal(trend.days.length, 30);

    // A grid worker sees their own grid, nothing else.
    const gw = (await gw1.get<DashboardOverview>('/api/dashboard/overview')).body;
    assert.equal(gw.place.level, 'grid');
    assert.deepEqual(gw.breadcrumb.map((p) => p.level), ['grid']);
    assert.equal((await gw1.get<ErrorBody>(`/api/dashboard/overview?region=${own.code}`)).status, 403);
    // Department handlers and residents have no dashboard.
    assert.equal((await handler.get('/api/dashboard/overview')).status, 403);
    assert.equal((await resident.get('/api/dashboard/overview')).status, 403);
  });

  it('pushes a new ticket to the live feed of the township it is in, and of no other', async () => {
    await env.rt.app.listen({ host: '127.0.0.1', port: 0 });
    const address = env.rt.app.server.address();
    const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const login = async (username: string) => {
      const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
      return res.headers.getSetCookie()[0]!.split(';')[0]!;
    };
    await signIn();
    const controller = new AbortController();
    const feed = await fetch(`${base}/api/live`, { headers: { cookie: await login('township_op') }, signal: controller.signal });
    after(() => controller.abort());
    const received: string[] = [];
    const reading = (async () => {
      const decoder = new TextDecoder();
      for await (const chunk of feed.body!) received.push(decoder.decode(chunk));
    })().catch(() => undefined);

    const ownGrid = env.seed.city.grids.find((g) => g.regionCode.startsWith(township().code.slice(0, 9)))!;
    const otherGrid = env.seed.city.grids.find((g) => !g.regionCode.startsWith(township().code.slice(0, 9)))!;
    const file = async (g: typeof ownGrid, text: string) => {
      const [lon, lat] = gridCentroid(g);
      const res = await cityOp.post<{ ticket: Ticket }>('/api/tickets', { description: text, lon, lat, categoryId: category('city.manhole') });
      assert.equal(res.status, 201);
      return res.body.ticket;
    };
    const elsewhere = await file(otherGrid, '别的乡镇：路灯不亮');
    const here = await file(ownGrid, '本乡镇：井盖缺失');
    const started = Date.now();
    while (!received.join('').includes(here.id) && Date.now() - started < 5000) await new Promise((r) => setTimeout(r, 20));
    controller.abort();
    await reading;
    const text = received.join('');
    assert.ok(text.includes(here.id) && text.includes(`"number":"${here.number}"`), 'the township\'s own ticket arrives, with its number');
    assert.ok(!text.includes(elsewhere.id), 'another township\'s ticket never arrives');
  });
});

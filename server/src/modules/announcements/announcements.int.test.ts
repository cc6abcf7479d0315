import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { tileValue, type Announcement, type DashboardOverview } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { compareWithRecount, foldMetrics } from '../../platform/metrics/metrics.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';

interface Notification {
  kind: string;
  title: string;
  subjectType: string;
  subjectId: string;
}

describe('announcements (the module kit\'s worked example)', () => {
  let env: TestEnv;
  let township: Client;
  let county: Client;
  let community: Client;
  let worker: Client;
  let communityCode: string;

  before(async () => {
    env = await startTestEnv();
    [township, county, community, worker] = await Promise.all([env.login('township_op'), env.login('county_op'), env.login('community_op'), env.login('gw1')]);
    communityCode = env.seed.city.grids[0]!.regionCode;
  });
  after(() => env.close());

  const draft = (by: Client, more: Record<string, unknown> = {}) => by.post<Announcement>('/api/announcements', { regionCode: communityCode, title: '停水通知', body: '明日9时至17时停水，请提前储水。', audience: 'public', ...more });

  it('goes draft, submitted, published by a second person, withdrawn; each step audited, the author told', async () => {
    const made = await draft(township);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual([made.body.status, made.body.actions], ['draft', ['edit', 'submit']]);
    // Grid workers read only published announcements.
    assert.equal((await worker.get(`/api/announcements/${made.body.id}`)).status, 404);

    const submitted = await township.post<Announcement>(`/api/announcements/${made.body.id}/submit`, { version: 1 });
    assert.equal(submitted.body.status, 'submitted');
    // The author may not publish their own (two-person rule); the refusal names the rule, the state is kept.
    const self = await township.post<{ error: { code: string } }>(`/api/announcements/${made.body.id}/publish`, { version: 2 });
    assert.equal(self.status, 403);
    assert.equal(self.body.error.code, 'FORBIDDEN');
    // The publishers of the community were told, not the author.
    const told = await community.get<{ items: Notification[] }>('/api/notifications');
    assert.ok(told.body.items.some((n) => n.kind === 'announcement.submitted' && n.subjectId === made.body.id && n.title.includes('停水通知')), JSON.stringify(told.body));
    assert.ok(!(await township.get<{ items: Notification[] }>('/api/notifications')).body.items.some((n) => n.subjectId === made.body.id));

    const stale = await county.post<{ error: { code: string } }>(`/api/announcements/${made.body.id}/publish`, { version: 1 });
    assert.deepEqual([stale.status, stale.body.error.code], [409, 'ANNOUNCEMENT_VERSION_CONFLICT']);
    const published = await county.post<Announcement>(`/api/announcements/${made.body.id}/publish`, { version: 2 });
    assert.equal(published.body.status, 'published');
    assert.ok(published.body.publishedAt);

    const authorTold = await township.request<{ items: Notification[] }>('GET', '/api/notifications', undefined, 'en');
    assert.ok(authorTold.body.items.some((n) => n.kind === 'announcement.published' && n.title === 'Your announcement "停水通知" is published'), JSON.stringify(authorTold.body));

    // Counted on the dashboard (the module's metric, kept by its trigger, agreeing with its recount).
    await foldMetrics(env.rt.database.db, env.rt.kit.registry.metrics);
    assert.deepEqual(await compareWithRecount(env.rt.database.db, env.rt.kit.registry.metrics), []);
    const overview = await county.get<DashboardOverview>('/api/dashboard/overview');
    assert.equal(tileValue(overview.body.tiles, 'announcementsPublished'), 1, JSON.stringify(overview.body.tiles));

    // Now the grid worker of the community reads it, and the portal shows it at any place below the community.
    assert.equal((await worker.get(`/api/announcements/${made.body.id}`)).status, 200);
    const portal = await env.client().get<{ items: { id: string; title: string }[] }>(`/api/public/announcements?region=${communityCode}`);
    assert.ok(portal.body.items.some((a) => a.id === made.body.id));

    const withdrawn = await county.post<Announcement>(`/api/announcements/${made.body.id}/withdraw`, { version: 3, note: '已恢复供水' });
    assert.equal(withdrawn.body.status, 'withdrawn');
    assert.ok(!(await env.client().get<{ items: { id: string }[] }>(`/api/public/announcements?region=${communityCode}`)).body.items.some((a) => a.id === made.body.id));

    const audit = await rows<{ action: string }>(env.rt.database.db, sql`select action from audit_log where object_id = ${made.body.id} order by id`);
    // The two refused attempts above (the author publishing his own, a stale version) are on record too.
    assert.deepEqual(audit.map((a) => a.action), ['announcement.create', 'announcement.submit', 'request.refused', 'request.refused', 'announcement.publish', 'announcement.withdraw']);
  });

  it('is drafted only for a region in the writer\'s scope, and a wrong step answers the state it is in', async () => {
    const elsewhere = await draft(community, { regionCode: env.seed.city.grids.find((g) => g.regionCode !== communityCode)!.regionCode });
    assert.equal(elsewhere.status, 400);
    const made = await draft(community);
    const early = await county.post<{ error: { code: string; message: string } }>(`/api/announcements/${made.body.id}/publish`, { version: 1 });
    assert.deepEqual([early.status, early.body.error.code], [409, 'ANNOUNCEMENT_STATE']);
    const bad = await county.post<{ error: { code: string } }>(`/api/announcements/${made.body.id}/return`, { version: 1 });
    assert.deepEqual([bad.status, bad.body.error.code], [400, 'VALIDATION_FAILED']);
  });

  it('reaches the live feed of those who may read it at its state, and no one else', async () => {
    const [countyFeed, workerFeed] = await Promise.all([env.liveStream(county), env.liveStream(worker)]);
    const made = await draft(township, { title: '燃气检修' });
    await township.post(`/api/announcements/${made.body.id}/submit`, { version: 1 });
    await county.post(`/api/announcements/${made.body.id}/publish`, { version: 2 });
    const seen = async (feed: typeof countyFeed, count: number) => {
      for (let i = 0; i < 50 && feed.events.filter((e) => e.data.id === made.body.id).length < count; i++) await new Promise((r) => setTimeout(r, 20));
      return feed.events.filter((e) => e.data.id === made.body.id).map((e) => e.data.status ?? (e.data as { data?: { status?: string } }).data?.status);
    };
    // The county's publisher sees every step; the grid worker only the one that published it.
    assert.deepEqual(await seen(countyFeed, 3), ['draft', 'submitted', 'published']);
    assert.deepEqual(await seen(workerFeed, 1), ['published']);
    assert.ok(!countyFeed.text().includes('"scope"'), 'the scope stays on the server');
    countyFeed.close();
    workerFeed.close();
  });
});

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Application, notificationList } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { localDate } from '../../platform/time-zone.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { applicationBody, makeEnterprise, type MadeEnterprise } from './test-fixtures.js';

const MINE = '津市五金制品有限公司';
const OTHER = '安乡食品加工厂';
type NotificationList = z.infer<typeof notificationList>;

describe('enterprises: the review decisions reach the enterprise\'s filers as notices on the portal', () => {
  let env: TestEnv;
  let township: Client;
  let community: Client;
  let filer: Client;
  let otherFiler: Client;
  let ids: { filer: string; otherFiler: string; community: string };
  let mine: MadeEnterprise;
  let other: MadeEnterprise;
  let today: string;

  before(async () => {
    env = await startTestEnv();
    [township, community, filer, otherFiler] = await Promise.all([env.login('township_op'), env.login('community_op'), env.login('resident1'), env.login('ent_filer')]);
    const gridId = env.gridId(env.seed.city.grids[0]!.code);
    mine = await makeEnterprise(community, gridId, MINE, 2);
    other = await makeEnterprise(community, gridId, OTHER, 2);
    for (const [id, username] of [[mine.id, 'resident1'], [other.id, 'ent_filer']] as const) {
      const linked = await community.post(`/api/enterprises/${id}/filers`, { username });
      assert.equal(linked.status, 201, JSON.stringify(linked.body));
    }
    today = localDate(env.clock.now());
    const accounts = await rows<{ id: string; username: string }>(env.rt.database.db, sql`select id, username from app_user where username in ('resident1', 'ent_filer', 'community_op')`);
    const idOf = (u: string) => accounts.find((a) => a.username === u)!.id;
    ids = { filer: idOf('resident1'), otherFiler: idOf('ent_filer'), community: idOf('community_op') };
  });
  after(() => env.close());

  /** The notice rows about one application: who, which message. */
  const noticesOf = (applicationId: string) =>
    rows<{ user_id: string; kind: string }>(env.rt.database.db, sql`select user_id, kind from notification where subject_type = 'enterprise_application' and subject_id = ${applicationId} order by created_at`);
  const portal = (client: Client, locale = 'zh-CN') => client.request<NotificationList>('GET', '/api/my-enterprises/notices', undefined, locale);

  /** An application drafted and submitted by the community's staff (not by the filer). */
  async function submitted(made: MadeEnterprise): Promise<string> {
    const created = await community.post<Application>('/api/enterprise-applications', applicationBody(made, today));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const sent = await community.post<Application>(`/api/enterprise-applications/${created.body.id}/submit`, { version: 1 });
    assert.equal(sent.body.status, 'submitted', JSON.stringify(sent.body));
    return created.body.id;
  }

  it('each decision (return, approve, revoke; reject) is a notice for the enterprise\'s filers and whoever drafted it, never for another enterprise\'s filer', async () => {
    const id = await submitted(mine);
    const returned = await township.post<Application>(`/api/enterprise-applications/${id}/return`, { version: 2, note: '请补充消毒记录' });
    assert.equal(returned.body.status, 'returned', JSON.stringify(returned.body));
    env.clock.advance(60_000);
    assert.equal((await community.post<Application>(`/api/enterprise-applications/${id}/submit`, { version: 3 })).body.status, 'submitted');
    assert.equal((await township.post<Application>(`/api/enterprise-applications/${id}/approve`, { version: 4 })).body.status, 'approved');
    env.clock.advance(60_000);
    assert.equal((await township.post<Application>(`/api/enterprise-applications/${id}/revoke`, { version: 5, note: '发现未落实测温' })).body.status, 'revoked');

    const told = await noticesOf(id);
    const to = (userId: string) => told.filter((n) => n.user_id === userId).map((n) => n.kind);
    const decisions = ['enterprise_application.returned', 'enterprise_application.approved', 'enterprise_application.revoked'];
    assert.deepEqual(to(ids.filer), decisions, 'the linked filer hears every decision');
    assert.deepEqual(to(ids.community), decisions, 'whoever drafted it too (once each, though also in scope)');
    assert.deepEqual(to(ids.otherFiler), [], 'nothing for another enterprise\'s filer');

    const rejectedId = await submitted(other);
    assert.equal((await township.post<Application>(`/api/enterprise-applications/${rejectedId}/reject`, { version: 2, note: '防疫物资不足' })).body.status, 'rejected');
    const toOther = await noticesOf(rejectedId);
    assert.deepEqual(toOther.filter((n) => n.user_id === ids.otherFiler).map((n) => n.kind), ['enterprise_application.rejected']);
    assert.deepEqual(toOther.filter((n) => n.user_id === ids.filer), []);
  });

  it('the portal lists a filer\'s notices about its own enterprises only, in its language, and marks them read', async () => {
    const zh = await portal(filer);
    assert.equal(zh.status, 200, JSON.stringify(zh.body));
    assert.deepEqual(zh.body.items.map((n) => n.kind), ['enterprise_application.revoked', 'enterprise_application.approved', 'enterprise_application.returned'], 'newest first');
    assert.equal(zh.body.unread, 3);
    assert.equal(zh.body.items[0]!.title, `【复工申请】${MINE}的复工许可已撤销：发现未落实测温`);
    assert.equal(zh.body.items[2]!.title, `【复工申请】${MINE}的复工申请被退回修改：请补充消毒记录`);
    assert.equal(zh.body.items[0]!.about?.what, MINE);
    assert.ok(zh.body.items.every((n) => !JSON.stringify(n).includes(OTHER)), 'nothing of the other enterprise');
    const en = await portal(filer, 'en');
    assert.equal(en.body.items[0]!.title, `[Resumption] The resumption of ${MINE} was revoked: 发现未落实测温`);

    const theirs = await portal(otherFiler);
    assert.deepEqual(theirs.body.items.map((n) => [n.kind, n.about?.what]), [['enterprise_application.rejected', OTHER]]);

    // Read on the portal: the platform's own route, the caller's own notice only.
    assert.equal((await otherFiler.post(`/api/notifications/${zh.body.items[0]!.id}/read`)).status, 404);
    assert.equal((await filer.post(`/api/notifications/${zh.body.items[0]!.id}/read`)).status, 204);
    const after = await portal(filer);
    assert.deepEqual([after.body.unread, after.body.items[0]!.read], [2, true]);

    // Staff have no portal list; a resident never linked reaches none.
    assert.equal((await community.get('/api/my-enterprises/notices')).status, 403);
  });

  it('once unlinked, a filer no longer sees the enterprise\'s notices', async () => {
    const gone = await community.delete(`/api/enterprises/${mine.id}/filers/${ids.filer}`);
    assert.equal(gone.status, 200, JSON.stringify(gone.body));
    const list = await portal(filer);
    assert.deepEqual([list.status, list.body.items, list.body.unread], [200, [], 0]);
  });
});

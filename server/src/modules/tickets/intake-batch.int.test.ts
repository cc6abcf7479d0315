/**
 * Reports filed at the same moment share one statement: each still gets its own number, timeline,
 * notices, timer and audit entry, the audit chain stays whole, and a report that cannot be
 * written fails alone.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { Ticket, TicketEvent } from '@gridgov/contracts';
import { DEFAULT_ADMISSION } from '../../platform/http/admission-limits.js';
import { gridCentroid, startTestEnv, type TestEnv } from '../../../test/harness.js';
import { rows } from '../../platform/db/client.js';
import { verifyAuditChain } from '../../platform/audit/verify-audit.js';
import { CategoryCache } from './categories.js';

describe('intake under load', () => {
  let env: TestEnv;
  before(async () => {
    // Many reports at once on purpose: admission control (tested in admission.int.test.ts) would shed some under a loaded machine.
    env = await startTestEnv({ config: { admission: { ...DEFAULT_ADMISSION, maxInFlight: 0 } } });
  });
  after(() => env.close());

  it('files many reports at once, each whole, one failing alone', async () => {
    const op = await env.login('community_op');
    const community = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const grids = env.seed.city.grids.filter((g) => g.regionCode === community);
    const db = env.rt.database.db;
    // A category switched off behind the intake's few-second copy of the categories: the
    // statement itself refuses it.
    const manhole = env.seed.tickets.categoryIds.get('city.manhole')!;
    const light = env.seed.tickets.categoryIds.get('city.streetlight')!;
    await op.post('/api/tickets', { description: '预热分类缓存', lon: gridCentroid(grids[0]!)[0], lat: gridCentroid(grids[0]!)[1], categoryId: light });
    await db.execute(sql`update ticket_category set active = false where id = ${light}`);

    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => {
        const [lon, lat] = gridCentroid(grids[i % grids.length]!);
        return op.post<{ ticket: Ticket; error?: { code: string } }>('/api/tickets', {
          description: `第${i}号：路面塌陷需要处理`, lon: lon + i * 1e-5, lat, categoryId: i === 7 ? light : manhole, reporterPhone: `1380013${String(i).padStart(4, '0')}`,
        });
      }),
    );
    await db.execute(sql`update ticket_category set active = true where id = ${light}`);

    assert.equal(results[7]!.status, 400, JSON.stringify(results[7]!.body));
    assert.equal(results[7]!.body.error?.code, 'TICKET_CATEGORY_INVALID');
    const filed = results.filter((_, i) => i !== 7).map((r) => {
      assert.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.ticket;
    });
    assert.equal(new Set(filed.map((t) => t.number)).size, 23, 'every report has its own number');
    for (const t of filed.slice(0, 5)) {
      const timeline = await op.get<{ items: TicketEvent[] }>(`/api/tickets/${t.id}/timeline`);
      assert.deepEqual(timeline.body.items.map((e) => e.action), ['report']);
    }
    const ids = sql.join(filed.map((t) => sql`${t.id}`), sql`, `);
    const [counts] = await rows<{ audits: number; timers: number; sms: number; notices: number }>(
      db,
      sql`select (select count(*)::int from audit_log where action = 'ticket.report' and object_id in (${sql.join(filed.map((t) => sql`${t.id}`), sql`, `)})) as audits,
        (select count(*)::int from job where name = 'ticket.limit' and payload->>'ticketId' in (${sql.join(filed.map((t) => sql`${t.id}`), sql`, `)})) as timers,
        (select count(*)::int from outbox where channel = 'sms' and subject_id in (${sql.join(filed.map((t) => sql`${t.id}`), sql`, `)})) as sms,
        (select count(*)::int from notification where subject_type = 'ticket' and subject_id in (${ids})) as notices`,
    );
    assert.deepEqual([counts!.audits, counts!.timers, counts!.sms], [23, 23, 23]);
    assert.ok(counts!.notices >= 23, 'the community\'s operators are told of each');
    assert.equal((await rows(db, sql`select 1 from ticket where category_id = ${light} and description like '第7号%'`)).length, 0, 'the refused report left nothing');
    assert.equal((await verifyAuditChain(db)).ok, true);
  });

  it('reads the categories once for a few seconds, not once a report', async () => {
    const db = env.rt.database.db;
    const cache = new CategoryCache(db);
    const before = (await cache.active({ code: 'city.manhole' }))!;
    await db.execute(sql`update ticket_category set name = name || '（改）' where id = ${before.id}`);
    try {
      assert.equal((await cache.active({ code: 'city.manhole' }))!.name, before.name, 'the copy is used again');
      assert.equal((await cache.active({ id: before.id }))!.name, before.name);
      cache.forget();
      assert.equal((await cache.active({ code: 'city.manhole' }))!.name, `${before.name}（改）`, 'a fresh copy after forget()');
    } finally {
      await db.execute(sql`update ticket_category set name = ${before.name} where id = ${before.id}`);
    }
  });
});

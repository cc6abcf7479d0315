/**
 * Venue check-ins: day partitions are made ahead at start, rows land in their day's partition,
 * a day without one is made on demand, and purging drops whole days past the retention; a
 * resident checks in by code, checking in elsewhere closes the open one, checks out, sees only
 * their own, and is rate-limited; staff read a venue's check-ins in scope with a purpose (masked,
 * audited); feeds and gate records are imported through the import kit (malformed rows reported
 * with row and field, the same file again unchanged); and venueOverlaps' edge cases.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { ImportJob, ImportPreview, OwnCheckin, OwnCheckins } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { dayStart, localDate } from '../../platform/time-zone.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { download, idNumber, reportLines, upload } from '../imports/test-kit.js';
import { checkinRetention, DAYS_AHEAD, dropPartitionsBefore, partitionDays, partitionName } from './partitions.js';
import { venueOverlaps, venueOverlapsMany } from './overlaps.js';
import { documentKey } from './person.js';

interface ErrorBody {
  error: { code: string };
}
type Venue = { id: string; venueCode: string; name: string };

describe('venue check-ins (场所码登记)', () => {
  let env: TestEnv;
  let op: Client;
  let resident: Client;
  let sibling: Client;
  let venueA: Venue;
  let venueB: Venue;
  let gridA: string;
  const idKnown = idNumber('430702', '19800202', '611');
  const idStranger = idNumber('430702', '19900303', '622');
  let residentKnown: string;

  before(async () => {
    env = await startTestEnv();
    op = await env.login('community_op');
    resident = await env.login('resident1');
    const opRegion = env.seed.accounts.find((a) => a.username === 'community_op')!.scopeRegionCode;
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === opRegion)!;
    gridA = env.gridId(worker.gridCode!);
    const a = await op.post<Venue>('/api/venues', { gridId: gridA, name: '幸福超市', kind: 'supermarket', address: '幸福路1号' });
    const b = await op.post<Venue>('/api/venues', { gridId: gridA, name: '社区食堂', kind: 'restaurant' });
    assert.deepEqual([a.status, b.status], [201, 201], JSON.stringify([a.body, b.body]));
    [venueA, venueB] = [a.body, b.body];
    const r = await op.post<{ id: string }>('/api/residents', { gridId: gridA, name: '登记王五', idNumber: idKnown, kind: 'registered' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    residentKnown = r.body.id;
    const township = env.seed.city.regions.find((x) => x.code === opRegion)!.parentCode!;
    const c2 = env.seed.city.regions.find((x) => x.parentCode === township && x.code !== opRegion)!;
    const secadmin = await env.login('secadmin');
    const created = await secadmin.post('/api/users', { username: 'c2_op', displayName: '相邻社区值班员', role: 'operator', scopeRegionCode: c2.code, password: 'Neighb0ur#1' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    sibling = await env.loginChangingPassword('c2_op', 'Neighb0ur#1');
  });
  after(() => env.close());

  const db = () => env.rt.database.db;

  it('makes today\'s partition and the next days\' at start', async () => {
    const today = localDate(env.clock.now());
    const days = await partitionDays(db());
    for (let i = 0; i <= DAYS_AHEAD; i++) assert.ok(days.includes(localDate(env.clock.now(), -i)), `partition of ${localDate(env.clock.now(), -i)}`);
    assert.ok(days.includes(today));
    const [audit] = await rows<{ n: number }>(db(), sql`select count(*)::int as n from audit_log where action = 'checkin.partitions'`);
    assert.ok(audit!.n >= 1);
  });

  it('a resident checks in by code, elsewhere closes the open one, checks out; the rows are in today\'s partition', async () => {
    const looked = await resident.get<{ name: string }>(`/api/checkins/venue?code=${venueA.venueCode.toLowerCase()}`);
    assert.deepEqual([looked.status, looked.body.name], [200, "幸福超市"], JSON.stringify(looked.body));
    const unknown = await resident.get<ErrorBody>('/api/checkins/venue?code=V0000000000');
    assert.deepEqual([unknown.status, unknown.body.error.code], [404, 'CHECKIN_VENUE_UNKNOWN']);
    assert.equal((await resident.post('/api/checkins', { venueCode: 'not-a-code' })).status, 400);

    const first = await resident.post<OwnCheckin>('/api/checkins', { venueCode: venueA.venueCode });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal(first.body.checkedOutAt, null);
    // Again at the same venue: nothing changes.
    env.clock.advanceMinutes(5);
    const again = await resident.post<OwnCheckin>('/api/checkins', { venueCode: venueA.venueCode });
    assert.equal(again.body.checkedInAt, first.body.checkedInAt);
    env.clock.advanceMinutes(25);
    const second = await resident.post<OwnCheckin>('/api/checkins', { venueCode: venueB.venueCode });
    assert.equal(second.status, 201);
    let mine = await resident.get<OwnCheckins>('/api/checkins/mine');
    assert.equal(mine.body.current?.venueName, '社区食堂');
    assert.deepEqual(mine.body.recent.map((c) => [c.venueName, c.checkedOutAt !== null]), [['社区食堂', false], ['幸福超市', true]]);
    env.clock.advanceMinutes(20);
    const out = await resident.post<OwnCheckin>('/api/checkins/checkout', {});
    assert.equal(out.status, 200, JSON.stringify(out.body));
    assert.equal(out.body.checkedOutAt, env.clock.now().toISOString());
    const none = await resident.post<ErrorBody>('/api/checkins/checkout', {});
    assert.deepEqual([none.status, none.body.error.code], [409, 'CHECKIN_NOT_OPEN']);
    mine = await resident.get<OwnCheckins>('/api/checkins/mine');
    assert.equal(mine.body.current, null);

    const stored = await rows<{ part: string; person_kind: string; source: string }>(db(), sql`select tableoid::regclass::text as part, person_kind, source from venue_checkin`);
    assert.deepEqual(stored.map((s) => [s.part, s.person_kind, s.source]), [[partitionName(localDate(env.clock.now())), 'a', 'p'], [partitionName(localDate(env.clock.now())), 'a', 'p']]);
    const audits = await rows<{ action: string }>(db(), sql`select action from audit_log where action in ('checkin.create', 'checkin.close') order by id`);
    assert.deepEqual(audits.map((x) => x.action), ['checkin.create', 'checkin.close', 'checkin.create', 'checkin.close']);
    // Staff do not check in; residents do not read venues' check-ins.
    op = await env.login('community_op');
    assert.equal((await op.post('/api/checkins', { venueCode: venueA.venueCode })).status, 403);
    assert.equal((await resident.get(`/api/venues/${venueA.id}/checkins?purpose=${encodeURIComponent('核查')}`)).status, 403);
  });

  it('another resident sees only their own check-ins', async () => {
    const secadmin = await env.login('secadmin');
    const res2 = env.seed.accounts.find((a) => a.username === 'resident1')!;
    const created = await secadmin.post('/api/users', { username: 'resident2', displayName: '李四', role: 'resident', scopeRegionCode: res2.scopeRegionCode, scopeGridId: env.gridId(res2.gridCode!), password: 'Resident#22' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const other = await env.loginChangingPassword('resident2', 'Resident#22');
    const mine = await other.get<OwnCheckins>('/api/checkins/mine');
    assert.deepEqual([mine.status, mine.body.recent.length, mine.body.current], [200, 0, null]);
  });

  it('staff read a venue\'s check-ins in scope with a purpose, masked and audited', async () => {
    op = await env.login('community_op');
    sibling = await env.login('c2_op', 'Neighb0ur#1-Own9');
    const noPurpose = await op.get<ErrorBody>(`/api/venues/${venueA.id}/checkins`);
    assert.deepEqual([noPurpose.status, noPurpose.body.error.code], [400, 'CHECKIN_PURPOSE_REQUIRED']);
    const listed = await op.get<{ items: { personKind: string; personMasked: string | null; source: string }[]; total: number }>(`/api/venues/${venueA.id}/checkins?purpose=${encodeURIComponent('流调核查')}`);
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.deepEqual(listed.body.items.map((i) => [i.personKind, i.personMasked, i.source]), [['account', '周**', 'portal']]);
    const [audit] = await rows<{ details: { purpose: string } }>(db(), sql`select details from audit_log where action = 'checkin.list' order by id desc limit 1`);
    assert.equal(audit!.details.purpose, '流调核查');
    assert.equal((await sibling.get(`/api/venues/${venueA.id}/checkins?purpose=${encodeURIComponent('流调核查')}`)).status, 404);
  });

  it('imports feeds and gate records: matched, unmatched and malformed rows; a missing day made on demand; the same file again is unchanged', async () => {
    const day = localDate(env.clock.now(), 10);
    assert.ok(!(await partitionDays(db())).includes(day));
    const csv = [
      '场所码,姓名,证件类型,证件号码,联系电话,进入时间,离开时间,闸机/通道',
      `${venueA.venueCode},登记王五,身份证,${idKnown},13812345678,${day} 09:00,${day} 09:45,东门闸机`,
      `${venueA.venueCode},路人甲,,${idStranger},,${day} 09:30,,`,
      `V0000000000,路人乙,身份证,${idStranger},,${day} 10:00,,`,
      `${venueA.venueCode},路人丙,身份证,${idStranger},,昨天,,`,
      `${venueA.venueCode},路人丁,身份证,${idStranger},,${day} 11:00,${day} 10:00,`,
      `${venueA.venueCode},登记王五,身份证,${idKnown},,${day} 09:00,,`,
      `${venueA.venueCode},路人戊,身份证,${idStranger},,${localDate(env.clock.now(), 40)} 10:00,,`,
    ].join('\n');
    const file = Buffer.from(csv);
    assert.equal((await upload<ErrorBody>(env, resident, 'c.csv', file, 'checkin')).status, 403);
    const uploaded = await upload<ImportJob>(env, op, '闸机记录.csv', file, 'checkin');
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
    const preview = await op.post<ImportPreview>(`/api/imports/${uploaded.body.id}/preview`, { mapping: uploaded.body.mapping });
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(preview.body.rows.map((r) => [r.row, r.errors.map((e) => `${e.field}:${e.code}`)]), [
      [2, []],
      [3, []],
      [4, ['venueCode:CHECKIN_VENUE_UNKNOWN']],
      [5, ['checkedInAt:IMPORT_CELL_INVALID']],
      [6, ['checkedOutAt:IMPORT_CELL_INVALID']],
      [7, ['idNumber:IMPORT_DUPLICATE_ROW']],
      [8, ['checkedInAt:IMPORT_CELL_INVALID']],
    ]);
    // The dry run rolled its partition back with it.
    assert.ok(!(await partitionDays(db())).includes(day));
    const started = await op.post<ImportJob>(`/api/imports/${uploaded.body.id}/start`, { mapping: uploaded.body.mapping });
    assert.equal(started.status, 202, JSON.stringify(started.body));
    await env.rt.jobs.runDue();
    const done = (await op.get<ImportJob>(`/api/imports/${uploaded.body.id}`)).body;
    assert.deepEqual([done.status, done.createdRows, done.unchangedRows, done.failedRows], ['done', 2, 0, 5], JSON.stringify(await rows(db(), sql`select name, last_error from job where last_error is not null`)));
    const report = await download(env, op, `/api/imports/${done.id}/errors`);
    // The failed rows as uploaded (first cell: their venue code) with the reason.
    assert.deepEqual((await reportLines(report.body)).map((l) => l.slice(1)), [
      ['场所码:CHECKIN_VENUE_UNKNOWN'],
      ['进入时间:IMPORT_CELL_INVALID'],
      ['离开时间:IMPORT_CELL_INVALID'],
      ['证件号码:IMPORT_DUPLICATE_ROW'],
      ['进入时间:IMPORT_CELL_INVALID'],
    ]);
    assert.ok((await partitionDays(db())).includes(day));
    const stored = await rows<{ part: string; person_key: string; person_kind: string; source: string; checked_out_at: string | null }>(
      db(),
      sql`select tableoid::regclass::text as part, person_key::text, person_kind, source, checked_out_at from venue_checkin where checked_in_at < ${dayStart(localDate(env.clock.now()))} order by checked_in_at`,
    );
    assert.deepEqual(stored.map((s) => [s.part, s.person_kind, s.source, s.checked_out_at !== null]), [[partitionName(day), 'r', 'g', true], [partitionName(day), 'd', 'f', false]]);
    assert.equal(stored[0]!.person_key, residentKnown);
    assert.equal(stored[1]!.person_key, documentKey(env.rt.vault.hash('id_number', idStranger)));
    // The same file again: nothing new.
    const again = await upload<ImportJob>(env, op, '闸机记录.csv', file, 'checkin');
    await op.post(`/api/imports/${again.body.id}/start`, { mapping: again.body.mapping });
    await env.rt.jobs.runDue();
    const second = (await op.get<ImportJob>(`/api/imports/${again.body.id}`)).body;
    assert.deepEqual([second.createdRows, second.unchangedRows], [0, 2]);
  });

  describe('venueOverlaps', () => {
    const venueX = randomUUID();
    const venueY = randomUUID();
    const P = randomUUID();
    const base = dayStart('2026-11-20');
    const at = (h: number, m = 0) => new Date(base.getTime() + (h * 60 + m) * 60_000);
    const others = { touching: randomUUID(), long: randomUUID(), short: randomUUID(), open: randomUUID(), elsewhere: randomUUID(), later: randomUUID(), outside: randomUUID() };
    const insert = async (venue: string, person: string, from: Date, to: Date | null) =>
      db().execute(sql`insert into venue_checkin (venue_id, checked_in_at, person_key, person_kind, checked_out_at, source, region_code, grid_id)
        values (${venue}::uuid, ${from}, ${person}::uuid, 'd', ${to}, 'g', '430702001001', null)`);

    before(async () => {
      const { ensurePartitions } = await import('./partitions.js');
      await ensurePartitions(db(), ['2026-11-19', '2026-11-20', '2026-11-21']);
      await insert(venueX, P, at(10), at(11));
      await insert(venueX, others.touching, at(11), at(12)); // touches at 11:00
      await insert(venueX, others.long, at(9), at(10, 30)); // 30 minutes
      await insert(venueX, others.short, at(10, 50), at(12)); // 10 minutes
      await insert(venueX, others.open, at(10, 45), null); // open: until the day's end
      await insert(venueY, others.elsewhere, at(10), at(11)); // another venue
      await insert(venueX, others.later, at(13), at(14)); // same venue, later
      await insert(venueX, P, at(20), null); // P's open check-in: until the day's end
      await insert(venueX, others.outside, at(23, 30), at(23, 50)); // overlaps P's open one only
    });

    const keys = (found: { personKey: string }[]) => found.map((f) => f.personKey);

    it('touching intervals count only with a minimum of 0; the minimum is enforced; other venues and times are not contacts', async () => {
      const window = { personKey: P, from: at(8), to: at(12), now: at(30) };
      const zero = await venueOverlaps(db(), { ...window, minOverlapMinutes: 0 });
      assert.deepEqual(new Set(keys(zero)), new Set([others.touching, others.long, others.short, others.open]));
      assert.equal(zero.find((f) => f.personKey === others.touching)!.overlapMinutes, 0);
      assert.equal(zero.find((f) => f.personKey === others.long)!.overlapMinutes, 30);
      const fifteen = await venueOverlaps(db(), { ...window, minOverlapMinutes: 15 });
      assert.deepEqual(new Set(keys(fifteen)), new Set([others.long, others.open]));
      const one = await venueOverlaps(db(), { ...window, minOverlapMinutes: 1 });
      assert.ok(!keys(one).includes(others.touching));
      const evidence = zero.find((f) => f.personKey === others.open)!;
      assert.equal(evidence.venueId, venueX);
      assert.equal(evidence.theirs.checkedOutAt, null);
      assert.equal(evidence.theirs.until.toISOString(), dayStart('2026-11-21').toISOString());
      assert.equal(evidence.overlapMinutes, 15);
    });

    it('an open check-out lasts until the earlier of now and its day\'s end; outside the window is left out', async () => {
      const evening = { personKey: P, from: at(19), to: at(23, 59), minOverlapMinutes: 0 };
      const endOfDay = await venueOverlaps(db(), { ...evening, now: at(30) });
      assert.deepEqual(new Set(keys(endOfDay)), new Set([others.open, others.outside]));
      const outside = endOfDay.find((f) => f.personKey === others.outside)!;
      assert.equal(outside.mine.until.toISOString(), dayStart('2026-11-21').toISOString());
      assert.equal(outside.overlapMinutes, 20);
      // At 23:40 P's open check-in has lasted until now: 10 minutes with the one from 23:30.
      const early = await venueOverlaps(db(), { ...evening, now: at(23, 40) });
      assert.equal(early.find((f) => f.personKey === others.outside)!.overlapMinutes, 10);
      // A window that holds none of P's check-ins finds nobody.
      assert.deepEqual(await venueOverlaps(db(), { personKey: P, from: at(14, 30), to: at(18), minOverlapMinutes: 0, now: at(30) }), []);
      // The person's own check-ins are never their contacts.
      assert.ok(!keys(endOfDay).includes(P));
    });

    it('venueOverlapsMany answers each case as venueOverlaps does, in one statement', async () => {
      const window = { from: at(8), to: at(23, 59), minOverlapMinutes: 0, now: at(30) };
      const cases = [P, others.open, others.elsewhere, randomUUID()];
      const many = await venueOverlapsMany(db(), { ...window, personKeys: cases });
      assert.deepEqual([...many.keys()], cases);
      for (const personKey of cases) assert.deepEqual(many.get(personKey), await venueOverlaps(db(), { ...window, personKey }), personKey);
      assert.ok(many.get(P)!.length > 0 && many.get(others.open)!.some((f) => f.personKey === P));
      assert.deepEqual(many.get(others.elsewhere), []);
      assert.equal((await venueOverlapsMany(db(), { ...window, personKeys: [] })).size, 0);
    });
  });

  it('purging drops whole days past the retention', async () => {
    const before = (await partitionDays(db())).length;
    assert.equal(checkinRetention.defaultDays, 28);
    const dropped = await dropPartitionsBefore(db(), dayStart('2026-11-21'));
    // The import's day (11-13, two rows) and the tracing days (11-19 empty, 11-20 with nine rows).
    assert.deepEqual(dropped, { days: ['2026-11-13', '2026-11-19', '2026-11-20'], rows: 11 });
    const after = await partitionDays(db());
    assert.equal(after.length, before - dropped.days.length);
    assert.ok(after.every((d) => d >= '2026-11-21'));
    // The retention job: 28 days on, today's partition goes too, and the run is audited.
    env.clock.advance(40 * 86_400_000);
    await env.rt.jobs.enqueue(env.rt.database.db, { name: 'retention.purge', payload: z.object({}) }, {});
    await env.rt.jobs.runDue();
    assert.ok(!(await partitionDays(db())).includes('2026-11-23'));
    // Each run is audited with its count per kind (the daily timer was due as well: the counts add up).
    const audits = await rows<{ details: { kinds: Record<string, { count: number; days: number }> } }>(db(), sql`select details from audit_log where action = 'retention.purge'`);
    assert.ok(audits.every((a) => a.details.kinds['venue-checkins']!.days === 28));
    assert.equal(audits.reduce((n, a) => n + a.details.kinds['venue-checkins']!.count, 0), 2);
  });

  it('the portal is limited per account', async () => {
    resident = await env.login('resident1');
    let status = 200;
    for (let i = 0; i < 40 && status !== 429; i++) status = (await resident.get(`/api/checkins/venue?code=${venueA.venueCode}`)).status;
    assert.equal(status, 429);
  });
});

/**
 * Retention with the manual clock: each kind of personal data is kept until its period has passed
 * and purged or anonymised just after, by the daily job; every run writes one audit entry with its
 * counts, and a second run changes nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { gridCentroid, startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { rows } from '../db/client.js';
import { runRetention, PLATFORM_RETENTION, type RetentionRule } from './retention.js';
import { MODULES } from '../../modules/index.js';

const DAY = 86_400_000;
const MINUTE = 60_000;

describe('retention of personal data', () => {
  let env: TestEnv;
  let op: Client;
  let rules: RetentionRule[];

  before(async () => {
    env = await startTestEnv({ config: { retentionDays: { 'ticket-reporter': 2, 'export-file': 1, 'unclaimed-attachments': 1, sessions: 1, 'import-error-report': 1 } } });
    op = await env.login('city_op');
    rules = [...PLATFORM_RETENTION, ...MODULES.flatMap((m) => m.retention ?? [])];
  });
  after(() => env.close());

  const to = (at: number) => env.clock.advance(at - env.clock.now().getTime());
  const counts = (run: Awaited<ReturnType<typeof runRetention>>) => Object.fromEntries(Object.entries(run.kinds).map(([k, v]) => [k, v.count]));

  it('keeps each kind until its period ends, then purges it once, audited per run', async () => {
    const db = env.rt.database.db;
    const files = env.rt.kit.files;
    const t0 = env.clock.now();
    // A hotline report with the caller's name and phone, closed now.
    const [lon, lat] = gridCentroid(env.seed.city.grids[0]!);
    const categoryId = env.seed.tickets.categoryIds.get('city.streetlight')!;
    const filed = await op.post<{ ticket: { id: string } }>('/api/tickets', { description: '路灯不亮，晚上很黑', lon, lat, categoryId, reporterName: '王先生', reporterPhone: '13912345678', source: 'hotline' });
    assert.equal(filed.status, 201, JSON.stringify(filed.body));
    const ticketId = filed.body.ticket.id;
    await db.execute(sql`update ticket set status = 'closed', closed_at = ${t0.toISOString()} where id = ${ticketId}`);
    // An upload no record claimed, and an export file, both made now.
    const uploadId = randomUUID();
    await files.put(`attachments/${uploadId}`, Buffer.from('photo'));
    await db.execute(sql`insert into attachment (id, name, content_type, size, path, created_at) values (${uploadId}, 'a.jpg', 'image/jpeg', 5, ${`attachments/${uploadId}`}, ${t0.toISOString()})`);
    const exportId = randomUUID();
    const [user] = await rows<{ id: string }>(db, sql`select id from app_user where username = 'city_op'`);
    await files.put(`exports/${exportId}.csv`, Buffer.from('name\n张三\n'));
    await db.execute(sql`insert into export_request (id, register, format, filters, row_count, status, requested_by, scope_region_code, file_path, created_at, updated_at, finished_at)
      values (${exportId}, 'residents', 'csv', '{}'::jsonb, 1, 'ready', ${user!.id}, '4307', ${`exports/${exportId}.csv`}, ${t0.toISOString()}, ${t0.toISOString()}, ${t0.toISOString()})`);
    // A session that ends now (signed out).
    const gone = await env.login('community_op');
    assert.equal((await gone.post('/api/auth/logout')).status, 204);
    const sessionsAt = async () => (await rows<{ n: number }>(db, sql`select count(*)::int as n from session where revoked_at is not null`))[0]!.n;
    const revokedSessions = await sessionsAt();
    assert.ok(revokedSessions >= 1);

    // Just before one day: nothing goes.
    to(t0.getTime() + DAY - MINUTE);
    const early = await runRetention(env.rt.kit, rules);
    assert.deepEqual(counts(early), { sessions: 0, 'unclaimed-attachments': 0, 'ticket-reporter': 0, 'import-error-report': 0, 'export-file': 0, 'venue-checkins': 0, 'epi-contacts': 0, 'epi-cases': 0, 'health-corrections': 0, 'health-trips': 0, 'health-codes': 0, quarantine: 0, 'device-status': 0, 'device-event': 0, 'device-alarm': 0 });
    assert.equal(await files.size(`attachments/${uploadId}`), 5);

    // Just after one day, by the daily job itself: the upload, the export file and the session go; the reporter stays (2 days).
    to(t0.getTime() + DAY + MINUTE);
    assert.ok((await env.rt.jobs.runDue()) >= 1);
    const [jobRun] = await rows<{ details: { kinds: Record<string, { count: number; days: number }>; total: number } }>(db, sql`select details from audit_log where action = 'retention.purge' order by id desc limit 1`);
    assert.equal(jobRun!.details.kinds['unclaimed-attachments']!.count, 1);
    assert.equal(jobRun!.details.kinds['export-file']!.count, 1);
    assert.ok(jobRun!.details.kinds.sessions!.count >= 1);
    assert.equal(jobRun!.details.kinds['ticket-reporter']!.count, 0);
    assert.equal(jobRun!.details.kinds['ticket-reporter']!.days, 2);
    assert.equal(await files.size(`attachments/${uploadId}`), null);
    assert.equal(await files.size(`exports/${exportId}.csv`), null);
    assert.equal((await rows(db, sql`select 1 from attachment where id = ${uploadId}`)).length, 0);
    const [exp] = await rows<{ status: string; file_path: string | null }>(db, sql`select status, file_path from export_request where id = ${exportId}`);
    assert.deepEqual(exp, { status: 'expired', file_path: null });
    assert.equal(await sessionsAt(), 0);
    const [kept] = await rows<{ reporter_name: string | null; reporter_phone_masked: string | null }>(db, sql`select reporter_name, reporter_phone_masked from ticket where id = ${ticketId}`);
    assert.equal(kept!.reporter_name, '王先生');

    // The reporter: kept just before two days, removed just after.
    to(t0.getTime() + 2 * DAY - MINUTE);
    assert.equal(counts(await runRetention(env.rt.kit, rules))['ticket-reporter'], 0);
    to(t0.getTime() + 2 * DAY + MINUTE);
    assert.equal(counts(await runRetention(env.rt.kit, rules))['ticket-reporter'], 1);
    const [anonymised] = await rows<Record<string, unknown>>(db, sql`select reporter_name, reporter_phone_cipher, reporter_phone_hash, reporter_phone_masked, description from ticket where id = ${ticketId}`);
    assert.deepEqual(anonymised, { reporter_name: null, reporter_phone_cipher: null, reporter_phone_hash: null, reporter_phone_masked: null, description: '路灯不亮，晚上很黑' });

    // Idempotent: run again, nothing more.
    const again = await runRetention(env.rt.kit, rules);
    assert.deepEqual(Object.values(counts(again)), Object.values(counts(again)).map(() => 0));

    // One audit entry per run (early, the job, two reporter runs, again), by the system.
    const entries = await rows<{ actor_id: string | null; details: { total: number } }>(db, sql`select actor_id, details from audit_log where action = 'retention.purge' order by id`);
    assert.equal(entries.length, 5);
    assert.equal(entries[0]!.details.total, 0);
    assert.ok(entries[1]!.details.total >= 3);
    assert.equal(entries[4]!.details.total, 0);
    assert.ok(entries.every((e) => e.actor_id === null));
  });
});

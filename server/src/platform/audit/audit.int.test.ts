import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestEnv, type TestEnv } from '../../../test/harness.js';
import { rows } from '../db/client.js';
import { systemContext } from '../context.js';
import { verifyAuditChain } from './verify-audit.js';
import { recordAudit } from './write-audit.js';

/** Tampering needs the triggers off: only a superuser can, which the app role must never be. */
async function asSuperuser(env: TestEnv, statement: ReturnType<typeof sql>): Promise<void> {
  await env.rt.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });
}

describe('audit log', () => {
  let env: TestEnv;
  before(async () => {
    env = await startTestEnv();
    // Some history: sign-ins, a change, a failure.
    const admin = await env.login('sysadmin');
    const community = env.seed.city.regions.find((r) => r.level === 'community')!;
    await admin.patch(`/api/regions/${community.code}`, { name: `${community.name}（更名）` });
    await env.client().post('/api/auth/login', { username: 'city_op', password: 'Wrong#12345' });
    await env.login('auditor');
  });
  after(() => env.close());

  it('records actor, role, scope, action, object, outcome, ip and request id', async () => {
    const auditor = await env.login('auditor');
    const res = await auditor.get<{ items: Record<string, unknown>[]; total: number }>('/api/audit?action=region.update');
    assert.equal(res.status, 200);
    const entry = res.body.items[0]!;
    assert.equal(entry.actorName, 'sysadmin');
    assert.equal(entry.role, 'system_admin');
    assert.equal(entry.outcome, 'success');
    assert.equal(entry.objectType, 'region');
    assert.ok(entry.scope && entry.ip && entry.requestId, 'scope, ip and request id are kept');
    const failures = await auditor.get<{ items: Record<string, unknown>[] }>('/api/audit?outcome=failure&action=auth.login');
    assert.ok(failures.body.items.some((e) => (e.details as { username?: string }).username === 'city_op'));
  });

  it('is readable by the auditor only', async () => {
    for (const username of ['sysadmin', 'secadmin', 'city_op', 'gw1']) {
      const c = await env.login(username);
      assert.equal((await c.get('/api/audit')).status, 403, username);
    }
  });

  it('refuses UPDATE, DELETE and TRUNCATE by the application', async () => {
    const db = env.rt.database.db;
    const appendOnly = (error: Error & { cause?: Error }) => /append-only/.test(error.cause?.message ?? error.message);
    await assert.rejects(db.execute(sql`update audit_log set action = 'x'`), appendOnly);
    await assert.rejects(db.execute(sql`delete from audit_log`), appendOnly);
    await assert.rejects(db.execute(sql`truncate audit_log`), appendOnly);
  });

  it('verifies an intact chain', async () => {
    const result = await verifyAuditChain(env.rt.database.db);
    assert.equal(result.ok, true);
    assert.ok(result.entries > 5);
  });

  it('keeps one unbroken chain when many changes are audited at once', async () => {
    const db = env.rt.database.db;
    const before = await verifyAuditChain(db);
    const ctx = systemContext(env.rt.clock, 'audit-test');
    // Thirty writers on the pool at once, some with details that only differ in key order.
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => recordAudit(db, ctx, { action: 'audit.read', objectId: String(i), details: i % 2 ? { b: i, a: '中文' } : { a: '中文', b: i } })),
    );
    const after = await verifyAuditChain(db);
    assert.equal(after.ok, true, JSON.stringify(after));
    assert.equal(after.entries, before.entries + 30);
  });

  it('detects an edited entry', async () => {
    const [target] = await rows<{ id: string }>(env.rt.database.db, sql`select id::text as id from audit_log order by id limit 1 offset 2`);
    await asSuperuser(env, sql`update audit_log set actor_name = 'someone-else' where id = ${target!.id}`);
    const result = await verifyAuditChain(env.rt.database.db);
    assert.deepEqual(result.ok ? null : { at: result.brokenAt, reason: result.reason }, { at: target!.id, reason: 'hash_mismatch' });
  });
});

describe('audit tampering: deletion and reordering', () => {
  it('detects a deleted entry', async () => {
    const env = await startTestEnv();
    try {
      await env.login('city_op');
      await env.login('county_op');
      const [target] = await rows<{ id: string }>(env.rt.database.db, sql`select id::text as id from audit_log order by id limit 1 offset 1`);
      await asSuperuser(env, sql`delete from audit_log where id = ${target!.id}`);
      const result = await verifyAuditChain(env.rt.database.db);
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, 'chain_broken');
    } finally {
      await env.close();
    }
  });

  it('detects two entries swapped', async () => {
    const env = await startTestEnv();
    try {
      await env.login('city_op');
      await env.login('county_op');
      const entries = await rows<{ id: string }>(env.rt.database.db, sql`select id::text as id from audit_log order by id limit 2 offset 1`);
      const [a, b] = [entries[0]!.id, entries[1]!.id];
      // Swap every field but the id: the order of events changes, each row's own hash still fits its fields.
      await asSuperuser(
        env,
        sql`with pair as (select * from audit_log where id in (${a}, ${b}))
            update audit_log t set at = o.at, actor_id = o.actor_id, actor_name = o.actor_name, role = o.role, scope = o.scope,
              action = o.action, object_type = o.object_type, object_id = o.object_id, outcome = o.outcome, details = o.details,
              prev_hash = o.prev_hash, hash = o.hash, request_id = o.request_id, ip = o.ip, region_code = o.region_code
            from pair o where t.id in (${a}, ${b}) and o.id <> t.id`,
      );
      const result = await verifyAuditChain(env.rt.database.db);
      assert.equal(result.ok, false);
    } finally {
      await env.close();
    }
  });

  it('rolls the change back when its audit entry cannot be written', async () => {
    const env = await startTestEnv();
    try {
      const admin = await env.login('sysadmin');
      const community = env.seed.city.regions.find((r) => r.level === 'community')!;
      // Make the audit write fail for this one action, as a full disk or a broken constraint would.
      await env.rt.database.db.execute(sql.raw(`
        create function fail_region_audit() returns trigger language plpgsql as $$
        begin if new.action = 'region.update' then raise exception 'audit store unavailable'; end if; return new; end; $$`));
      await env.rt.database.db.execute(
        sql.raw('create trigger fail_region_audit before insert on audit_log for each row execute function fail_region_audit()'),
      );
      const res = await admin.patch(`/api/regions/${community.code}`, { name: '不该保存的名字' });
      assert.equal(res.status, 500);
      const [stored] = await rows<{ name: string }>(env.rt.database.db, sql`select name from region where code = ${community.code} and valid_to is null`);
      assert.equal(stored!.name, community.name, 'the change did not land');
    } finally {
      await env.close();
    }
  });
});

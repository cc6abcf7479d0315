/**
 * A resident account's real name (实名认证): a registered resident's document needs their name;
 * the account is then known by the resident (its earlier portal check-ins move to them, so
 * tracing finds them); one account per document and one identity per account; guesses on a
 * registered document are limited whichever account makes them; audited; nothing unmasked.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import type { OwnCheckins, OwnIdentity } from '@gridgov/contracts';
import { rows } from '../../platform/db/client.js';
import { startTestEnv, type Client, type TestEnv } from '../../../test/harness.js';
import { idNumber } from '../imports/test-kit.js';

interface ErrorBody {
  error: { code: string; details?: { fields?: { field: string; code: string }[] } };
}

describe('account identity (实名认证)', () => {
  let env: TestEnv;
  let op: Client;
  let resident: Client;
  let residentId: string;
  let venueCode: string;
  const idRegistered = idNumber('430702', '19750505', '313');
  const idOther = idNumber('430702', '19760606', '324');
  const residentAccounts: Client[] = [];

  before(async () => {
    env = await startTestEnv();
    op = await env.login('community_op');
    resident = await env.login('resident1');
    const opAccount = env.seed.accounts.find((a) => a.username === 'community_op')!;
    const worker = env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === opAccount.scopeRegionCode)!;
    const gridId = env.gridId(worker.gridCode!);
    const made = await op.post<{ id: string }>('/api/residents', { gridId, name: '实名张三', idNumber: idRegistered, kind: 'registered' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    residentId = made.body.id;
    const venue = await op.post<{ venueCode: string }>('/api/venues', { gridId, name: '实名测试超市', kind: 'supermarket' });
    assert.equal(venue.status, 201, JSON.stringify(venue.body));
    venueCode = venue.body.venueCode;
    const secadmin = await env.login('secadmin');
    for (const n of [1, 2, 3]) {
      const created = await secadmin.post('/api/users', { username: `res_extra${n}`, displayName: `居民${n}`, role: 'resident', scopeRegionCode: opAccount.scopeRegionCode, scopeGridId: gridId, password: 'Resident#2026' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      residentAccounts.push(await env.loginChangingPassword(`res_extra${n}`, 'Resident#2026'));
    }
  });
  after(() => env.close());

  it('a registered resident\'s document needs their name; then the account is the resident and its check-ins move to them', async () => {
    assert.deepEqual((await resident.get<OwnIdentity>('/api/me/identity')).body, { verified: false, name: null, idMasked: null, registered: false, verifiedAt: null });
    assert.equal((await resident.post('/api/checkins', { venueCode })).status, 201);
    const bad = await resident.put<ErrorBody>('/api/me/identity', { name: '实名张三', idNumber: idRegistered.slice(0, 17) + (idRegistered.endsWith('0') ? '1' : '0') });
    assert.deepEqual([bad.status, bad.body.error.code, bad.body.error.details?.fields?.[0]?.field], [400, 'VALIDATION_FAILED', 'idNumber']);
    const wrong = await resident.put<ErrorBody>('/api/me/identity', { name: '实名李四', idNumber: idRegistered });
    assert.deepEqual([wrong.status, wrong.body.error.code], [400, 'IDENTITY_MISMATCH']);
    const ok = await resident.put<OwnIdentity>('/api/me/identity', { name: '实名张三', idNumber: idRegistered });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual([ok.body.verified, ok.body.registered, ok.body.name], [true, true, '实***']);
    assert.ok(ok.body.idMasked && !ok.body.idMasked.includes(idRegistered.slice(6, 14)), 'the number is masked');
    const db = env.rt.database.db;
    const keys = await rows<{ person_key: string; person_kind: string }>(db, sql`select person_key::text, person_kind from venue_checkin where source = 'p'`);
    assert.deepEqual(keys, [{ person_key: residentId, person_kind: 'r' }], 'the earlier check-in is the resident\'s now');
    const mine = await resident.get<OwnCheckins>('/api/checkins/mine');
    assert.equal(mine.body.recent.length, 1, 'still listed as one\'s own');
    // Checking out and in again goes on under the resident's key.
    env.clock.advanceMinutes(5);
    assert.equal((await resident.post('/api/checkins/checkout', {})).status, 200);
    env.clock.advanceMinutes(5);
    assert.equal((await resident.post('/api/checkins', { venueCode })).status, 201);
    assert.deepEqual((await rows<{ n: number }>(db, sql`select count(*)::int as n from venue_checkin where person_key = ${residentId}`))[0]!.n, 2);
    const [audit] = await rows<{ subject: string | null; details: Record<string, unknown> }>(db, sql`select subject::text, details from audit_log where action = 'account.identify'`);
    assert.equal(audit!.subject, residentId);
    assert.ok(!JSON.stringify(audit!.details).includes(idRegistered));
  });

  it('one account per document, one identity per account; the same again changes nothing', async () => {
    const [second] = residentAccounts;
    const taken = await second!.put<ErrorBody>('/api/me/identity', { name: '实名张三', idNumber: idRegistered });
    assert.deepEqual([taken.status, taken.body.error.code], [409, 'IDENTITY_TAKEN']);
    const again = await resident.put<OwnIdentity>('/api/me/identity', { name: '实名张三', idNumber: idRegistered });
    assert.equal(again.status, 200);
    const other = await resident.put<ErrorBody>('/api/me/identity', { name: '外来赵六', idNumber: idOther });
    assert.deepEqual([other.status, other.body.error.code], [409, 'IDENTITY_ALREADY_VERIFIED']);
    // A document the registers do not hold: known by the document.
    const doc = await second!.put<OwnIdentity>('/api/me/identity', { name: '外来赵六', idNumber: idOther });
    assert.deepEqual([doc.status, doc.body.registered], [200, false]);
  });

  it('guesses at a registered resident\'s name are limited per document, across accounts', async () => {
    const target = idNumber('430702', '19800808', '335');
    assert.equal((await op.post('/api/residents', { gridId: env.gridId(env.seed.accounts.find((a) => a.role === 'grid_worker' && a.scopeRegionCode === env.seed.accounts.find((x) => x.username === 'community_op')!.scopeRegionCode)!.gridCode!), name: '被猜钱七', idNumber: target, kind: 'registered' })).status, 201);
    const [, third, fourth] = residentAccounts;
    const codes: number[] = [];
    for (const [client, name] of [[third, '猜一'], [third, '猜二'], [third, '猜三'], [fourth, '猜四'], [fourth, '猜五'], [fourth, '被猜钱七']] as const) {
      codes.push((await client!.put('/api/me/identity', { name, idNumber: target })).status);
    }
    assert.deepEqual(codes, [400, 400, 400, 400, 400, 429], 'the sixth try on the document is refused, even with the right name from another account');
  });
});

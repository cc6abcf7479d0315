/**
 * Personal data stays protected end to end: a raw dump of the database holds no plaintext ID
 * number or phone, and no API response to any role carries one (the harness checks every
 * response of the integration suite; this test walks every register endpoint as every role).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { maskIdNumber, REGISTER_PATHS, ROLES } from '@gridgov/contracts';
import { FULL_ID_NUMBER, FULL_MOBILE, startTestEnv, type TestEnv } from '../../../test/harness.js';
import { openDatabase } from '../../platform/db/client.js';
import { systemClock } from '../../platform/clock.js';
import { PiiVault } from '../../platform/pii/vault.js';
import { generateCity, generateResidents, SCALES } from '../demo/generate-city.js';
import { seedDemo } from '../demo/seed-demo.js';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A few residents of the demo city, to look for in the dump. */
function sampleResidents(count: number) {
  const out = [];
  for (const r of generateResidents(generateCity({ scale: SCALES.small, seed: 1 }))) {
    out.push(r);
    if (out.length === count) break;
  }
  return out;
}

describe('personal data protection', () => {
  let env: TestEnv;

  before(async () => {
    env = await startTestEnv({ registers: true });
  });
  after(() => env.close());

  it('a raw database dump contains no plaintext ID number or phone', async () => {
    const samples = sampleResidents(50);
    let dump: Buffer;
    if (env.testDb.databaseUrl) {
      dump = execFileSync('pg_dump', ['--data-only', env.testDb.databaseUrl], { maxBuffer: 512 * 1024 * 1024 });
    } else {
      // The embedded database: seed one on disk and read every byte of its data folder.
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-dump-'));
      const database = await openDatabase({ databaseUrl: null, dataDir: path.join(dir, 'pglite') });
      await seedDemo(database.db, systemClock, { registers: { vault: new PiiVault(randomBytes(32)) } });
      await database.close();
      dump = Buffer.concat(filesUnder(path.join(dir, 'pglite')).map((f) => fs.readFileSync(f)));
      fs.rmSync(dir, { recursive: true, force: true });
    }
    const text = dump.toString('latin1');
    // The residents are in the dump (their masked numbers show)...
    assert.ok(text.includes(Buffer.from(maskIdNumber(samples[0]!.idNumber)).toString('latin1')));
    // ...but no full ID number or phone of any of them, in any encoding the dump could hold.
    for (const r of samples) {
      assert.ok(!text.includes(r.idNumber), `ID number of ${r.name} in the dump`);
      assert.ok(!text.includes(r.phone), `phone of ${r.name} in the dump`);
    }
  });

  it('no role gets a full ID number or phone from any register list, detail or history', async () => {
    const usernames = ['sysadmin', 'secadmin', 'auditor', 'city_op', 'county_op', 'township_op', 'community_op', 'handler', 'gw1', 'resident1'];
    assert.equal(new Set(usernames.map((u) => env.seed.accounts.find((a) => a.username === u)!.role)).size, ROLES.length);
    let checked = 0;
    for (const username of usernames) {
      const client = await env.login(username);
      for (const segment of Object.values(REGISTER_PATHS)) {
        const list = await client.get<{ items?: { id: string }[] }>(`/api/${segment}?pageSize=200`);
        checked++;
        for (const item of (list.body.items ?? []).slice(0, 3)) {
          await client.get(`/api/${segment}/${item.id}`);
          await client.get(`/api/${segment}/${item.id}/history`);
          checked += 2;
        }
      }
      // The harness has already failed the test on any full value; say it once more here.
      const audit = await client.get('/api/audit?pageSize=200');
      assert.ok(!FULL_ID_NUMBER.test(JSON.stringify(audit.body)) && !FULL_MOBILE.test(JSON.stringify(audit.body)));
    }
    assert.ok(checked > 100);
  });

  it('a township operator lists, reads and searches only their own township', async () => {
    const op = await env.login('township_op');
    const city = await env.login('city_op');
    const me = await op.get<{ scope: { regionCode: string } }>('/api/auth/me');
    const prefix = me.body.scope.regionCode.slice(0, 9);
    const all = await city.get<{ items: { id: string; regionCode: string }[]; total: number }>('/api/residents?pageSize=200');
    const own = await op.get<{ items: { regionCode: string }[]; total: number }>('/api/residents?pageSize=200');
    assert.ok(own.body.total > 0 && own.body.total < all.body.total);
    assert.ok(own.body.items.every((r) => r.regionCode.startsWith(prefix)));
    const outside = all.body.items.find((r) => !r.regionCode.startsWith(prefix))!;
    assert.equal((await op.get(`/api/residents/${outside.id}`)).status, 404);
    assert.equal((await op.get(`/api/residents/${outside.id}/history`)).status, 404);
    assert.equal((await op.post(`/api/residents/${outside.id}/unmask`, { reason: '越权查看', fields: ['idNumber'] })).status, 404);
    const theirId = sampleResidents(2016).find((r) => !r.regionCode.startsWith(prefix))!.idNumber;
    assert.equal((await op.get<{ total: number }>(`/api/residents?idNumber=${theirId}`)).body.total, 0);
    assert.equal((await city.get<{ total: number }>(`/api/residents?idNumber=${theirId}`)).body.total, 1);
    const otherRegion = outside.regionCode;
    assert.equal((await op.get<{ total: number }>(`/api/residents?region=${otherRegion}`)).body.total, 0);
  });
});

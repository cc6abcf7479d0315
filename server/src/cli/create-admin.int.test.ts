/**
 * The production bootstrap: `npm run users:create-admin` prints an enrolment code (no password)
 * on its console, and the first security admin enrols with it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../platform/clock.js';
import { openDatabase } from '../platform/db/client.js';
import { startRuntime } from '../runtime.js';
import { totpCode, totpStep } from '../platform/auth/totp.js';
import { seedDemo } from '../modules/demo/seed-demo.js';
import { createTestDatabase, testConfig } from '../../test/harness.js';

const run = promisify(execFile);

describe('npm run users:create-admin', () => {
  it('creates the first security admin, who enrols with the code printed on the console', async () => {
    const testDb = await createTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-cli-'));
    const env = testDb.databaseUrl ? { DATABASE_URL: testDb.databaseUrl } : { DATABASE_URL: '', GRIDGOV_DATA_DIR: path.join(dataDir, 'pglite') };
    const open = () => (testDb.databaseUrl ? testDb.open() : openDatabase({ databaseUrl: null, dataDir: env.GRIDGOV_DATA_DIR! }));
    const clock = new ManualClock();
    try {
      // Regions exist (the demo city's), as after `npm run regions:import`.
      const seeding = await open();
      await seedDemo(seeding.db, clock);
      await seeding.close();

      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'server/src/cli/create-admin.ts', 'boss', '430700000000'], { env: { ...process.env, ...env, GRIDGOV_MODE: 'production' } });
      assert.doesNotMatch(stdout, /password:/i, 'no password is printed');
      const code = /code:\s+([A-Z2-7-]{29})/.exec(stdout)?.[1];
      assert.ok(code, stdout);

      const rt = await startRuntime(testConfig({ databaseUrl: testDb.databaseUrl, dataDir: env.GRIDGOV_DATA_DIR ?? 'memory' }), { clock: new ManualClock(new Date()), database: await open() });
      try {
        const login = await rt.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'boss', password: 'Anything#123' } });
        assert.equal(login.statusCode, 401);
        const info = await rt.app.inject({ method: 'POST', url: '/api/auth/enrolment/inspect', payload: { code } });
        assert.equal(info.statusCode, 200, info.body);
        const { totpSecret, role } = JSON.parse(info.body) as { totpSecret: string; role: string };
        assert.equal(role, 'security_admin');
        const done = await rt.app.inject({
          method: 'POST', url: '/api/auth/enrolment/complete',
          payload: { code, newPassword: 'First#Admin2026', totp: totpCode(totpSecret, totpStep(rt.clock.now())) },
        });
        assert.equal(done.statusCode, 200, done.body);
        const cookie = done.cookies.find((c) => c.name === 'gg_sid')!;
        const users = await rt.app.inject({ method: 'GET', url: '/api/users?pageSize=1', headers: { cookie: `gg_sid=${cookie.value}` } });
        assert.equal(users.statusCode, 200, 'the security admin manages accounts');
      } finally {
        await rt.close();
      }
    } finally {
      await testDb.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

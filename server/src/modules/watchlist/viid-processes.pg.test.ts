/**
 * Two API processes on one PostgreSQL serve the same cameras through /VIID: a nonce one process
 * issued is answered at the other and then refused at either (single use across processes), a
 * session opened at one carries keepalives and captures at the other, and a listed plate pushed
 * to both within ten minutes is one alarm with two repeats.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import type { DeviceSecret } from '@gridgov/contracts';
import { Gat1400Client, digestAuthorization } from '../../platform/protocols/gat1400/index.js';
import { sampleMotorVehicle } from '../../platform/protocols/gat1400/samples.js';
import { usePostgres } from '../../../test/harness.js';
import { createTestBed, HttpClient, type ServerProcess, type TestBed } from '../../../test/child-server.js';

describe('GA/T 1400 across two API processes', { skip: !usePostgres && 'PostgreSQL only' }, () => {
  let bed: TestBed;
  let procs: ServerProcess[] = [];
  let db: pg.Client;

  before(async () => {
    bed = await createTestBed();
    procs = await Promise.all([bed.start(), bed.start()]);
    db = new pg.Client({ connectionString: bed.databaseUrl! });
    await db.connect();
  });
  after(async () => {
    await db?.end();
    await Promise.all(procs.map((p) => p.stop()));
    await bed?.close();
  });

  it('shares nonces, sessions and alarms', async () => {
    const [a, b] = procs as [ServerProcess, ServerProcess];
    const op = await HttpClient.login(() => a.url, 'county_op');
    const county = bed.seed.accounts.find((x) => x.username === 'county_op')!.scopeRegionCode!;
    const grid = bed.seed.city.grids.find((g) => g.regionCode.startsWith(county.slice(0, 6)))!;
    const code = `${grid.regionCode.slice(0, 8)}001320000901`;
    const made = await op.post<{ id: string }>('/api/devices', { code, name: '双进程卡口', kind: 'vehicle_checkpoint', protocol: 'gat1400', regionCode: grid.regionCode });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const secret = await op.post<DeviceSecret>(`/api/devices/${made.body.id}/credentials`);
    assert.equal(secret.status, 201);
    assert.equal((await op.post('/api/watchlist', { kind: 'plate', value: '湘J5K321', label: '双进程', regionCode: county, severity: 'high' })).status, 201);

    const atA = new Gat1400Client({ baseUrl: a.url, deviceId: code, password: secret.body.secret });
    const atB = new Gat1400Client({ baseUrl: b.url, deviceId: code, password: secret.body.secret });
    const body = { RegisterObject: { DeviceID: code } };
    // The challenge from A, answered at B.
    const challenged = await atA.send('POST', '/VIID/System/Register', body, {}, false);
    assert.equal(challenged.status, 401);
    const authorization = digestAuthorization(challenged.headers.get('www-authenticate')!, { username: code, password: secret.body.secret, method: 'POST', uri: '/VIID/System/Register' });
    assert.equal((await atB.send('POST', '/VIID/System/Register', body, { authorization }, false)).status, 200);
    for (const again of [atA, atB]) {
      const replay = await again.send('POST', '/VIID/System/Register', body, { authorization }, false);
      assert.equal(replay.status, 401);
      assert.equal(replay.headers.get('x-gridgov-error'), 'GAT1400_NONCE_REPLAYED');
    }

    // Registered at B: keepalive and captures at A.
    await atA.keepalive();
    const now = new Date();
    const period = Math.floor(now.getTime() / 600_000) * 600_000;
    const first = new Date(period + 1000);
    const second = new Date(period + 2000);
    assert.deepEqual((await atA.postMotorVehicles([sampleMotorVehicle(code, first, 1, '湘J5K321')])).map((s) => s.StatusCode), [0]);
    assert.deepEqual((await atB.postMotorVehicles([sampleMotorVehicle(code, second, 2, '湘J5K321')])).map((s) => s.StatusCode), [0]);
    const { rows } = await db.query<{ repeats: number; status: string }>(`select repeats, status from device_alarm where device_code = $1 and type = 'watchlist'`, [code]);
    assert.deepEqual(rows, [{ repeats: 2, status: 'new' }]);
    const { rows: online } = await db.query<{ status: string }>('select status from device where code = $1', [code]);
    assert.equal(online[0]!.status, 'online');
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from './client.js';

describe('embedded database folder lock', () => {
  it('a second process on the same data folder refuses to start with a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-lock-'));
    const dataDir = path.join(dir, 'pglite');
    const first = await openDatabase({ databaseUrl: null, dataDir });
    try {
      const second = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
        env: { ...process.env, GRIDGOV_DATA_DIR: dataDir, GRIDGOV_PORT: '0', DATABASE_URL: '' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      assert.equal(second.status, 1);
      assert.match(second.stderr, /in use by another GridGov process \(pid \d+\)/);
    } finally {
      await first.close();
    }
    // Once the first process lets go, the folder opens again and the data is still there.
    const again = await openDatabase({ databaseUrl: null, dataDir });
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

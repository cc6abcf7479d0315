import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { BackupError } from './crypto.js';
import { backupKeySource, loadKey } from './keys.js';

function source(dir: string, overrides: { backupKey?: string | null; backupKeyFile?: string | null } = {}) {
  return backupKeySource({ dataDir: path.join(dir, 'pglite'), backupKey: overrides.backupKey ?? null, backupKeyFile: overrides.backupKeyFile ?? null });
}

function refused(fn: () => unknown): BackupError {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof BackupError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-keys-'));
  dirs.push(dir);
  return dir;
}

describe('operations keys', () => {
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  it('production refuses to run without the backup key and generates nothing', () => {
    const dir = tempDir();
    const error = refused(() => loadKey(source(dir), { mode: 'production', piiKey: randomBytes(32).toString('base64') }));
    assert.equal(error.code, 'BACKUP_KEY_MISSING');
    assert.match(error.message, /GRIDGOV_BACKUP_KEY .* required in production/);
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  it('the demo generates a key once (mode 0600), reports it, and reuses it', () => {
    const dir = tempDir();
    const first = loadKey(source(dir), { mode: 'demo', piiKey: null });
    assert.equal(first.key.length, 32);
    assert.equal(first.generated, first.key.toString('base64'));
    assert.equal(fs.statSync(path.join(dir, 'backup.key')).mode & 0o777, 0o600);
    const second = loadKey(source(dir), { mode: 'demo', piiKey: null });
    assert.deepEqual(second.key, first.key);
    assert.equal(second.generated, null);
  });

  it('reads the key from its variable or its file, and refuses a short one or the PII key', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    assert.deepEqual(loadKey(source(dir, { backupKey: key.toString('base64') }), { mode: 'production', piiKey: null }).key, key);
    fs.writeFileSync(path.join(dir, 'k'), `${key.toString('base64')}\n`);
    assert.deepEqual(loadKey(source(dir, { backupKeyFile: path.join(dir, 'k') }), { mode: 'production', piiKey: null }).key, key);
    assert.equal(refused(() => loadKey(source(dir, { backupKey: randomBytes(16).toString('base64') }), { mode: 'production', piiKey: null })).code, 'BACKUP_KEY_INVALID');
    const same = refused(() => loadKey(source(dir, { backupKey: key.toString('base64') }), { mode: 'production', piiKey: key.toString('base64') }));
    assert.equal(same.code, 'BACKUP_KEY_INVALID');
    assert.match(same.message, /must not be the personal-data key/);
  });
});

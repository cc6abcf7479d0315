import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { PiiVault } from './vault.js';
import { redactQuery } from './redact.js';

const vault = new PiiVault(randomBytes(32));

test('encryption round-trips and never repeats a ciphertext', () => {
  const a = vault.encrypt('id_number', '11010519491231002X');
  const b = vault.encrypt('id_number', '11010519491231002X');
  assert.notDeepEqual(a, b);
  assert.equal(vault.decrypt('id_number', a), '11010519491231002X');
  assert.ok(!a.toString('latin1').includes('11010519491231002X'));
});

test('a ciphertext moved to another field, altered, or read with another key is refused', () => {
  const stored = vault.encrypt('phone', '13812341234');
  assert.throws(() => vault.decrypt('id_number', stored));
  const altered = Buffer.from(stored);
  altered[20] = (altered[20] ?? 0) ^ 1;
  assert.throws(() => vault.decrypt('phone', altered));
  assert.throws(() => new PiiVault(randomBytes(32)).decrypt('phone', stored));
});

test('the keyed hash is stable per key and field, and differs across keys', () => {
  assert.deepEqual(vault.hash('phone', '13812341234'), vault.hash('phone', '13812341234'));
  assert.notDeepEqual(vault.hash('phone', '13812341234'), vault.hash('id_number', '13812341234'));
  assert.notDeepEqual(vault.hash('phone', '13812341234'), new PiiVault(randomBytes(32)).hash('phone', '13812341234'));
});

test('request logs never carry the ID number or phone of an exact-value search', () => {
  assert.equal(redactQuery('/api/residents?idNumber=11010519491231002X&q=zs&phone=13812341234'), '/api/residents?idNumber=[redacted]&q=zs&phone=[redacted]');
  assert.equal(redactQuery('/open311/v2/requests.json?api_key=secret&status=open'), '/open311/v2/requests.json?api_key=[redacted]&status=open');
});

import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { BackupError, checkFile, decryptFile, encryptToFile } from './crypto.js';

async function* pieces(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
}

async function plaintext(file: string, key: Buffer): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of decryptFile(file, key)) parts.push(chunk);
  return Buffer.concat(parts);
}

async function refusal(promise: Promise<unknown>): Promise<BackupError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BackupError, String(error));
    return error;
  }
  assert.fail('expected a refusal');
}

describe('backup encryption (chunked AES-256-GCM)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridgov-crypto-'));
  const key = randomBytes(32);
  // Several chunks, the last one short: 2.5 chunks of 1 KiB.
  const data = randomBytes(2560);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('round-trips, with checksums of the file and of the plaintext', async () => {
    const file = path.join(dir, 'a.ggbk');
    const written = await encryptToFile(pieces(data, 700), file, key, 1024);
    assert.deepEqual(await plaintext(file, key), data);
    assert.equal(written.plainSha256, createHash('sha256').update(data).digest('hex'));
    assert.equal(written.sha256, createHash('sha256').update(fs.readFileSync(file)).digest('hex'));
    assert.doesNotMatch(fs.readFileSync(file).toString('latin1'), new RegExp(data.subarray(0, 16).toString('latin1').replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')), 'the plaintext is not in the file');
    const check = await checkFile(file, key);
    assert.equal(check.sha256, written.sha256);
    assert.equal(check.plainSize, data.length);
  });

  it('round-trips an exact multiple of the chunk size and an empty input', async () => {
    const exact = path.join(dir, 'exact.ggbk');
    await encryptToFile(pieces(data.subarray(0, 2048), 2048), exact, key, 1024);
    assert.deepEqual(await plaintext(exact, key), data.subarray(0, 2048));
    const empty = path.join(dir, 'empty.ggbk');
    await encryptToFile(pieces(Buffer.alloc(0), 1), empty, key, 1024);
    assert.equal((await plaintext(empty, key)).length, 0);
  });

  it('refuses a file with one byte flipped, naming the chunk', async () => {
    const file = path.join(dir, 'flip.ggbk');
    await encryptToFile(pieces(data, 1000), file, key, 1024);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 700]! ^= 0x01;
    fs.writeFileSync(file, bytes);
    const error = await refusal(checkFile(file, key));
    assert.equal(error.code, 'BACKUP_CORRUPT');
    assert.match(error.message, /chunk 1 \(bytes 1093-2132\) fails authentication/);
  });

  it('refuses a file cut after a whole chunk (the end is sealed as final)', async () => {
    const file = path.join(dir, 'cut.ggbk');
    await encryptToFile(pieces(data, 1000), file, key, 1024);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, 53 + 2 * (1024 + 16)));
    assert.equal((await refusal(checkFile(file, key))).code, 'BACKUP_CORRUPT');
  });

  it('refuses another key before decrypting anything', async () => {
    const file = path.join(dir, 'key.ggbk');
    await encryptToFile(pieces(data, 1000), file, key, 1024);
    const error = await refusal(checkFile(file, randomBytes(32)));
    assert.equal(error.code, 'BACKUP_WRONG_KEY');
    assert.match(error.message, /another backup key/);
  });

  it('refuses a file that is not a backup', async () => {
    const file = path.join(dir, 'plain.txt');
    fs.writeFileSync(file, 'just some text that is long enough to have a header-sized prefix');
    assert.equal((await refusal(checkFile(file, key))).code, 'BACKUP_CORRUPT');
  });
});

/**
 * The backup file format: an authenticated, chunked AES-256-GCM stream (the STREAM construction
 * that age uses). A header names the key by its fingerprint and carries a random salt; the file
 * key is HKDF(backup key, salt), so no two backups share a key. The plaintext is cut into 64 KiB
 * chunks, each sealed with its own nonce (chunk counter + a final-chunk flag) and the header as
 * associated data: a flipped byte, a reordered, dropped or appended chunk, or a cut-off end all
 * fail authentication.
 *
 *   header  "GGBACKUP" | version 1 | key id (8) | salt (32) | chunk size (4, big-endian)
 *   chunks  ciphertext | tag (16) ...  (the last one may be shorter, and is flagged final)
 */
import fs from 'node:fs';
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, type Hash } from 'node:crypto';

const MAGIC = Buffer.from('GGBACKUP', 'ascii');
const VERSION = 1;
const HEADER_BYTES = MAGIC.length + 1 + 8 + 32 + 4;
const TAG_BYTES = 16;
export const CHUNK_BYTES = 64 * 1024;

export type BackupErrorCode = 'BACKUP_KEY_MISSING' | 'BACKUP_KEY_INVALID' | 'BACKUP_WRONG_KEY' | 'BACKUP_CORRUPT' | 'BACKUP_TARGET_NOT_EMPTY' | 'BACKUP_NOT_FOUND' | 'BACKUP_FAILED';

/** A refusal the backup commands report as one clear line (and exit 1), never a stack trace. */
export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Names a key without revealing it: the first 8 bytes of HMAC(key, label), hex. */
export function keyId(key: Buffer, label = 'gridgov backup key id'): string {
  return createHmac('sha256', key).update(label).digest().subarray(0, 8).toString('hex');
}

function fileKey(key: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', key, salt, 'gridgov backup v1', 32));
}

function nonce(counter: number, final: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUIntBE(counter, 5, 6);
  n[11] = final ? 1 : 0;
  return n;
}

function seal(k: Buffer, header: Buffer, counter: number, final: boolean, plain: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', k, nonce(counter, final));
  cipher.setAAD(header);
  return Buffer.concat([cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
}

function open(k: Buffer, header: Buffer, counter: number, final: boolean, sealed: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', k, nonce(counter, final));
  decipher.setAAD(header);
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
}

export interface WrittenBackup {
  /** Bytes of the encrypted file. */
  size: number;
  /** SHA-256 of the encrypted file (what is on disk). */
  sha256: string;
  /** SHA-256 and length of the plaintext (the dump). */
  plainSha256: string;
  plainSize: number;
}

/** Encrypts a stream of bytes into `file` (created, never overwritten) and fsyncs it. */
export async function encryptToFile(source: AsyncIterable<Buffer | Uint8Array | string>, file: string, key: Buffer, chunkBytes = CHUNK_BYTES): Promise<WrittenBackup> {
  const salt = randomBytes(32);
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  header[MAGIC.length] = VERSION;
  Buffer.from(keyId(key), 'hex').copy(header, MAGIC.length + 1);
  salt.copy(header, MAGIC.length + 9);
  header.writeUInt32BE(chunkBytes, MAGIC.length + 41);
  const k = fileKey(key, salt);
  const handle = await fs.promises.open(file, 'wx', 0o600);
  const fileHash = createHash('sha256');
  const plainHash = createHash('sha256');
  let size = 0;
  let plainSize = 0;
  const write = async (bytes: Buffer): Promise<void> => {
    fileHash.update(bytes);
    size += bytes.length;
    await handle.write(bytes);
  };
  try {
    await write(header);
    let pending = Buffer.alloc(0);
    let counter = 0;
    for await (const piece of source) {
      const bytes = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece);
      plainHash.update(bytes);
      plainSize += bytes.length;
      pending = pending.length === 0 ? bytes : Buffer.concat([pending, bytes]);
      // A chunk is sealed as non-final only once more bytes are known to follow it.
      while (pending.length > chunkBytes) {
        await write(seal(k, header, counter++, false, pending.subarray(0, chunkBytes)));
        pending = pending.subarray(chunkBytes);
      }
    }
    await write(seal(k, header, counter, true, pending));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return { size, sha256: fileHash.digest('hex'), plainSha256: plainHash.digest('hex'), plainSize };
}

export interface DecryptOptions {
  /** Receives every byte of the file as read (to check the file's checksum). */
  fileHash?: Hash;
}

/**
 * The plaintext of a backup file, chunk by chunk, each authenticated before it is yielded.
 * Throws BackupError BACKUP_WRONG_KEY when the file was made with another key and
 * BACKUP_CORRUPT at the first chunk that fails.
 */
export async function* decryptFile(file: string, key: Buffer, options: DecryptOptions = {}): AsyncGenerator<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const header = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(header, 0, HEADER_BYTES, 0);
    if (bytesRead < HEADER_BYTES || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new BackupError('BACKUP_CORRUPT', `${file} is not a GridGov backup file (bad header)`);
    }
    if (header[MAGIC.length] !== VERSION) throw new BackupError('BACKUP_CORRUPT', `${file}: unknown backup format version ${header[MAGIC.length]}`);
    const fileKeyId = header.subarray(MAGIC.length + 1, MAGIC.length + 9).toString('hex');
    if (fileKeyId !== keyId(key)) {
      throw new BackupError('BACKUP_WRONG_KEY', `${file} was encrypted with another backup key (key id ${fileKeyId}; the key given has id ${keyId(key)})`);
    }
    const chunkBytes = header.readUInt32BE(MAGIC.length + 41);
    if (chunkBytes < 1024 || chunkBytes > 16 * 1024 * 1024) throw new BackupError('BACKUP_CORRUPT', `${file}: implausible chunk size ${chunkBytes}`);
    options.fileHash?.update(header);
    const k = fileKey(key, header.subarray(MAGIC.length + 9, MAGIC.length + 41));
    const sealedBytes = chunkBytes + TAG_BYTES;
    let position = HEADER_BYTES;
    let counter = 0;
    for (;;) {
      const final = size - position <= sealedBytes;
      const length = final ? size - position : sealedBytes;
      if (length < TAG_BYTES) throw new BackupError('BACKUP_CORRUPT', `${file} is cut short (chunk ${counter} incomplete)`);
      const sealed = Buffer.alloc(length);
      const read = await handle.read(sealed, 0, length, position);
      if (read.bytesRead !== length) throw new BackupError('BACKUP_CORRUPT', `${file} changed while it was read`);
      options.fileHash?.update(sealed);
      let plain: Buffer;
      try {
        plain = open(k, header, counter, final, sealed);
      } catch {
        throw new BackupError('BACKUP_CORRUPT', `${file} is corrupted or was altered: chunk ${counter} (bytes ${position}-${position + length - 1}) fails authentication`);
      }
      yield plain;
      position += length;
      counter++;
      if (final) return;
    }
  } finally {
    await handle.close();
  }
}

/** Decrypts the whole file without keeping it: the checksums of the file and of its plaintext. */
export async function checkFile(file: string, key: Buffer): Promise<{ sha256: string; plainSha256: string; plainSize: number }> {
  const fileHash = createHash('sha256');
  const plainHash = createHash('sha256');
  let plainSize = 0;
  for await (const chunk of decryptFile(file, key, { fileHash })) {
    plainHash.update(chunk);
    plainSize += chunk.length;
  }
  return { sha256: fileHash.digest('hex'), plainSha256: plainHash.digest('hex'), plainSize };
}

/**
 * Application-level protection of personal data. Values are encrypted with AES-256-GCM (a
 * fresh 96-bit IV per value, the field name as additional data so a ciphertext cannot be moved
 * to another column) and indexed by a keyed hash (HMAC-SHA-256) for exact search. Both keys
 * are derived from one master key with HKDF, so a database dump alone reveals nothing.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/** Stored format: version byte, IV, ciphertext, tag. */
const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * What a value is: the hash of a phone must match whichever column holds it. A plate is hashed
 * as `plate` (captures and watch-list entries); a watch-listed ID number as `watch_id_number`, so
 * its hash cannot be joined with the registers' `id_number` hashes to tell who is on the list.
 */
export type PiiField = 'id_number' | 'phone' | 'device_secret' | 'plate' | 'watch_id_number';

export class PiiVault {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new Error('The personal-data key must be 32 bytes');
    this.encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gridgov pii encryption v1', 32));
    this.macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gridgov pii search hash v1', 32));
  }

  encrypt(field: PiiField, plaintext: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    cipher.setAAD(Buffer.from(field));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT_V1), iv, body, cipher.getAuthTag()]);
  }

  /** Throws when the value was altered, moved from another field, or made with another key. */
  decrypt(field: PiiField, stored: Buffer): string {
    if (stored.length < 1 + IV_BYTES + TAG_BYTES || stored[0] !== FORMAT_V1) throw new Error('Unknown personal-data format');
    const iv = stored.subarray(1, 1 + IV_BYTES);
    const tag = stored.subarray(stored.length - TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, iv);
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(stored.subarray(1 + IV_BYTES, stored.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  /** Keyed hash of a normalised value, for exact-match search and uniqueness. */
  hash(field: PiiField, normalized: string): Buffer {
    return createHmac('sha256', this.macKey).update(field).update('\0').update(normalized).digest();
  }
}

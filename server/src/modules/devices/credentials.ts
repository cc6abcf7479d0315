/**
 * MQTT device credentials. A secret is made on the server, shown once when issued (or rotated),
 * and kept as vault ciphertext (the time-bound password is an HMAC keyed with the secret, so the
 * broker side must be able to recover it) plus a keyed hash (the plain form compares hashes).
 * Two ways to sign in, after Aliyun IoT:
 *  - time-bound: username `<code>&<timestampMs>`, password hex HMAC-SHA256(secret, `<code><timestampMs>`),
 *    accepted only while the timestamp is within ±5 minutes of the server's clock;
 *  - plain: username `<code>`, password the secret itself (simple sensors that cannot sign).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { DeviceSecret } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { device } from './tables.js';
import { loadManaged } from './visibility.js';

/** How far a signed timestamp may be from the server's clock. */
export const PASSWORD_WINDOW_MS = 5 * 60 * 1000;

/** Issues (or rotates: the old secret stops working at once) the secret of a device (MQTT sign-in, or the Digest password of GB/T 28181 and GA/T 1400); the answer is the only place the secret appears. */
export async function issueDeviceSecret(kit: Pick<Kit, 'db' | 'vault'>, ctx: ActorContext, id: string): Promise<DeviceSecret> {
  const now = ctx.clock.now();
  const secret = randomBytes(24).toString('base64url');
  const code = await kit.db.transaction(async (tx) => {
    const d = await loadManaged(tx, ctx.actor, id);
    if (d.status === 'disabled') throw new AppError('DEVICE_DISABLED');
    await tx.update(device).set({ secretCipher: kit.vault.encrypt('device_secret', secret), secretHash: kit.vault.hash('device_secret', secret), secretIssuedAt: now }).where(eq(device.id, id));
    await writeAudit(tx, ctx, { action: 'device.credentials', objectType: 'device', objectId: id, regionCode: d.regionCode, details: { code: d.code, rotated: d.secretHash !== null } });
    return d.code;
  });
  return { deviceId: id, code, secret, issuedAt: now.toISOString() };
}

const sameBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);

/** The password an MQTT device sends with username `<code>&<timestampMs>` (for device SDKs and tests). */
export const signDevicePassword = (secret: string, code: string, timestampMs: number) => createHmac('sha256', secret).update(`${code}${timestampMs}`).digest('hex');

/**
 * Whether `username`/`password` sign in as the device `code` at `now` (time-bound or plain form,
 * see above). Unknown, disabled or secretless devices are refused; nothing says which check failed.
 */
export async function verifyDevicePassword(kit: Pick<Kit, 'db' | 'vault'>, code: string, username: string, password: string, now: Date): Promise<boolean> {
  const [d] = await kit.db.select({ status: device.status, cipher: device.secretCipher, hash: device.secretHash }).from(device).where(eq(device.code, code));
  if (!d || d.status === 'disabled' || !d.cipher || !d.hash) return false;
  if (username === code) return sameBytes(kit.vault.hash('device_secret', password), d.hash);
  const signed = /^(.+)&(\d{10,16})$/.exec(username);
  if (!signed || signed[1] !== code) return false;
  const timestamp = Number(signed[2]);
  if (Math.abs(now.getTime() - timestamp) > PASSWORD_WINDOW_MS) return false;
  if (!/^[0-9a-fA-F]{64}$/.test(password)) return false;
  const expected = signDevicePassword(kit.vault.decrypt('device_secret', d.cipher), code, timestamp);
  return sameBytes(Buffer.from(expected, 'hex'), Buffer.from(password.toLowerCase(), 'hex'));
}

/**
 * The secret of a device as the Digest password of GB/T 28181 REGISTER and GA/T 1400 Register
 * (RFC 2617 needs the plain value): null for an unknown, disabled or secretless device.
 */
export async function digestPassword(kit: Pick<Kit, 'db' | 'vault'>, code: string): Promise<string | null> {
  const [d] = await kit.db.select({ status: device.status, cipher: device.secretCipher }).from(device).where(eq(device.code, code));
  return d && d.status !== 'disabled' && d.cipher ? kit.vault.decrypt('device_secret', d.cipher) : null;
}

/** An MQTT sign-in: the client id is the device's code; the device's code and kind, or null. */
export async function authenticateDevice(kit: Pick<Kit, 'db' | 'vault'>, clientId: string, username: string, password: string, now: Date): Promise<{ code: string; kind: string } | null> {
  if (!(await verifyDevicePassword(kit, clientId, username, password, now))) return null;
  const [d] = await kit.db.select({ code: device.code, kind: device.kind }).from(device).where(eq(device.code, clientId));
  return d ?? null;
}

/** The kind of an enabled device, or null (an external broker's topic names a kind; this is the registry's). */
export async function deviceKindOf(kit: Pick<Kit, 'db'>, code: string): Promise<string | null> {
  const [d] = await kit.db.select({ kind: device.kind, status: device.status }).from(device).where(eq(device.code, code));
  return d && d.status !== 'disabled' ? d.kind : null;
}

/** The registry's devices of these codes (any status), for a protocol layer checking who sent what. */
export async function devicesByCode(kit: Pick<Kit, 'db'>, codes: readonly string[]) {
  if (codes.length === 0) return new Map<string, never>();
  const found = await kit.db.select({
    id: device.id, code: device.code, kind: device.kind, parentId: device.parentId, status: device.status, regionCode: device.regionCode, gridId: device.gridId, lng: device.lng, lat: device.lat,
  }).from(device).where(inArray(device.code, [...codes]));
  return new Map(found.map((d) => [d.code, d]));
}

/**
 * Nonces and sessions in the database, so that several API processes behind one address serve the
 * same devices: a device may Register through one process and push captures through another, and a
 * nonce issued by one is consumed once across all. There is no table of their own (the schema is
 * not this layer's to change): both live in the platform's generic short-lived stores, in key
 * spaces of their own.
 *
 *  - Nonces: `rate_counter` rows keyed `gat1400.nonce:<nonce>`, `window_start` = the nonce's expiry,
 *    `hits` = how often it was handed back. Consuming is one `update ... returning`, so two
 *    processes cannot both see a nonce fresh. Rows are kept `keepMs` past their expiry (to tell
 *    "expired" from a replay) and swept by the store, as each rate limit sweeps its own.
 *  - Sessions: `idempotency_key` rows with the nil user, route `GA/T 1400 session`, key = the device
 *    ID, `fingerprint` = the peer address, `response` = the session as JSON, `created_at` = the
 *    last Register or Keepalive (so the daily purge of old keys takes lapsed sessions along).
 */
import { sql } from 'drizzle-orm';
import { rows, type Db } from '../../db/client.js';
import type { NonceStore, NonceVerdict } from './digest.js';
import type { DeviceSession, SessionStore } from './sessions.js';

const NONCE_PREFIX = 'gat1400.nonce:';
const SESSION_USER = '00000000-0000-0000-0000-000000000000';
const SESSION_ROUTE = 'GA/T 1400 session';

export class DbNonceStore implements NonceStore {
  private lastSweep = 0;
  constructor(
    private readonly db: Db,
    private readonly keepMs = 10 * 60_000,
  ) {}

  async issue(nonce: string, expiresAt: Date, now: Date): Promise<void> {
    await this.sweep(now);
    await this.db.execute(sql`insert into rate_counter (key, window_start, hits) values (${NONCE_PREFIX + nonce}, ${expiresAt.toISOString()}, 0) on conflict do nothing`);
  }

  async consume(nonce: string, now: Date): Promise<NonceVerdict> {
    const [row] = await rows<{ hits: number; window_start: string | Date }>(
      this.db,
      sql`update rate_counter set hits = hits + 1 where key = ${NONCE_PREFIX + nonce} returning hits, window_start`,
    );
    if (!row) return 'unknown';
    if (Number(row.hits) > 1) return 'used';
    return new Date(row.window_start).getTime() <= now.getTime() ? 'expired' : 'fresh';
  }

  /** Forgets nonces `keepMs` past their expiry, at most every 10 s per process. */
  private async sweep(now: Date): Promise<void> {
    if (Math.abs(now.getTime() - this.lastSweep) < 10_000) return;
    this.lastSweep = now.getTime();
    await this.db.execute(sql`delete from rate_counter where key like ${`${NONCE_PREFIX}%`} and window_start < ${new Date(now.getTime() - this.keepMs).toISOString()}`);
  }
}

interface StoredSession {
  registeredAt: string;
  lastKeepaliveAt: string;
  expiresAt: string;
  info: Record<string, unknown>;
}

export class DbSessionStore implements SessionStore {
  constructor(private readonly db: Db) {}

  async save(session: DeviceSession): Promise<void> {
    const stored: StoredSession = {
      registeredAt: session.registeredAt.toISOString(),
      lastKeepaliveAt: session.lastKeepaliveAt.toISOString(),
      expiresAt: session.expiresAt.toISOString(),
      // What a device says of itself is kept while small (name, model, firmware); not a megabyte per keepalive.
      info: JSON.stringify(session.info).length <= 8192 ? session.info : {},
    };
    await this.db.execute(sql`
      insert into idempotency_key (user_id, route, key, fingerprint, state, status, response, created_at, completed_at)
      values (${SESSION_USER}, ${SESSION_ROUTE}, ${session.deviceId}, ${session.address}, 'done', 200, ${JSON.stringify(stored)}, ${session.lastKeepaliveAt.toISOString()}, ${session.lastKeepaliveAt.toISOString()})
      on conflict (user_id, route, key) do update set fingerprint = excluded.fingerprint, response = excluded.response, created_at = excluded.created_at, completed_at = excluded.completed_at`);
  }

  async get(deviceId: string): Promise<DeviceSession | null> {
    const [row] = await rows<{ fingerprint: string; response: string | null }>(
      this.db,
      sql`select fingerprint, response from idempotency_key where user_id = ${SESSION_USER} and route = ${SESSION_ROUTE} and key = ${deviceId}`,
    );
    if (!row?.response) return null;
    const s = JSON.parse(row.response) as StoredSession;
    return { deviceId, address: row.fingerprint, registeredAt: new Date(s.registeredAt), lastKeepaliveAt: new Date(s.lastKeepaliveAt), expiresAt: new Date(s.expiresAt), info: s.info ?? {} };
  }

  async remove(deviceId: string): Promise<boolean> {
    const gone = await rows(this.db, sql`delete from idempotency_key where user_id = ${SESSION_USER} and route = ${SESSION_ROUTE} and key = ${deviceId} returning key`);
    return gone.length > 0;
  }
}

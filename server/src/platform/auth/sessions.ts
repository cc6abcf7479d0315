/**
 * Sessions live in the database behind an HttpOnly cookie. The cookie holds a random token;
 * the table holds only its SHA-256, so a database leak yields no usable session.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { divisionPrefix, ROLE_PERMISSIONS, type ErrorCode, type Role } from '@gridgov/contracts';
import type { Db } from '../db/client.js';
import type { Actor } from '../context.js';
import { publishLive } from '../live/live.js';
import { appUser, session } from '../accounts/tables.js';

export const SESSION_COOKIE = 'gg_sid';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function createSession(
  tx: Db,
  userId: string,
  now: Date,
  policy: SessionPolicy,
  meta: { ip: string | null; userAgent: string | null },
): Promise<{ token: string; id: string }> {
  const token = newToken();
  const id = hashToken(token);
  await tx.insert(session).values({
    id,
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + policy.absoluteHours * 3_600_000),
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
  });
  return { token, id };
}

export function actorFromUser(
  user: Pick<typeof appUser.$inferSelect, 'id' | 'username' | 'displayName' | 'role' | 'scopeRegionCode' | 'scopeGridId'>,
  sessionId: string | null,
  departmentIds: readonly string[] = [],
): Actor {
  const role = user.role as Role;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role,
    permissions: ROLE_PERMISSIONS[role],
    regionCode: user.scopeRegionCode,
    regionPrefix: divisionPrefix(user.scopeRegionCode),
    gridId: user.scopeGridId,
    departmentIds,
    sessionId,
  };
}

/** Touching the session on every request would write on every request: once a minute is enough. */
const TOUCH_AFTER_MS = 60_000;

/** The departments whose work an account does (provided by the departments module). */
export type Memberships = (db: Db, userId: string) => Promise<string[]>;

export async function authenticate(
  db: Db,
  token: string,
  now: Date,
  policy: SessionPolicy,
  memberships?: Memberships,
): Promise<(Authenticated & { expiresAt: Date }) | { ok: false; code: ErrorCode }> {
  const id = hashToken(token);
  const [row] = await db
    .select({ session, user: appUser })
    .from(session)
    .innerJoin(appUser, eq(appUser.id, session.userId))
    .where(eq(session.id, id))
    .limit(1);
  if (!row) return { ok: false, code: 'AUTH_REQUIRED' };
  const s = row.session;
  if (s.revokedAt) return { ok: false, code: 'AUTH_SESSION_EXPIRED' };
  const idleLimit = s.lastSeenAt.getTime() + policy.idleMinutes * 60_000;
  const expired = now.getTime() >= s.expiresAt.getTime() ? 'absolute' : now.getTime() >= idleLimit ? 'idle' : null;
  if (expired || row.user.disabled) {
    await revokeSession(db, id, now, expired ?? 'disabled');
    return { ok: false, code: 'AUTH_SESSION_EXPIRED' };
  }
  if (now.getTime() - s.lastSeenAt.getTime() >= TOUCH_AFTER_MS) {
    await db.update(session).set({ lastSeenAt: now }).where(eq(session.id, id));
  }
  const departmentIds = memberships ? await memberships(db, row.user.id) : [];
  return { ok: true, actor: actorFromUser(row.user, id, departmentIds), mustChangePassword: row.user.mustChangePassword, expiresAt: s.expiresAt };
}

/** Announced on commit to every API process, which drops the session from its SessionCache. */
export const SESSION_REVOKED = 'session.revoked';

export async function revokeSession(db: Db, id: string, now: Date, reason: string): Promise<void> {
  await db
    .update(session)
    .set({ revokedAt: now, revokeReason: reason })
    .where(and(eq(session.id, id), isNull(session.revokedAt)));
  sessionCache.revoked({ sessionId: id });
  await publishLive(db, { type: SESSION_REVOKED, regionCode: '', at: now.toISOString(), data: { sessionId: id } });
}

export async function revokeUserSessions(db: Db, userId: string, now: Date, reason: string): Promise<void> {
  await db
    .update(session)
    .set({ revokedAt: now, revokeReason: reason })
    .where(and(eq(session.userId, userId), isNull(session.revokedAt)));
  sessionCache.revoked({ userId });
  await publishLive(db, { type: SESSION_REVOKED, regionCode: '', at: now.toISOString(), data: { userId } });
}

type Authenticated = { ok: true; actor: Actor; mustChangePassword: boolean };

/**
 * Sessions confirmed in the last few seconds, so a burst of requests (a dashboard page, a wall
 * display) costs one session lookup. A revocation anywhere reaches every process through the
 * live channel (SESSION_REVOKED) and drops the entry (this process drops it at once, and again
 * at commit); the absolute expiry is checked on each use. Keys are hashes of random tokens, so
 * one cache serves the whole process.
 */
export class SessionCache {
  private static readonly KEEP_MS = 5_000;
  private readonly entries = new Map<string, { until: number; result: Authenticated & { expiresAt: Date } }>();

  async authenticate(db: Db, token: string, now: Date, policy: SessionPolicy, memberships?: Memberships): ReturnType<typeof authenticate> {
    const key = hashToken(token);
    const hit = this.entries.get(key);
    const t = now.getTime();
    if (hit && hit.until > t && hit.result.expiresAt.getTime() > t) return hit.result;
    const result = await authenticate(db, token, now, policy, memberships);
    if (result.ok) {
      if (this.entries.size > 50_000) this.entries.clear();
      this.entries.set(key, { until: t + SessionCache.KEEP_MS, result });
    } else this.entries.delete(key);
    return result;
  }

  /** Forgets every entry (the live channel was away: a revocation may have been missed). */
  clear(): void {
    this.entries.clear();
  }

  revoked(data: { sessionId?: string; userId?: string }): void {
    for (const [key, entry] of this.entries) {
      if (key === data.sessionId || entry.result.actor.id === data.userId) this.entries.delete(key);
    }
  }
}

/** Deletes sessions that ended long ago (run by the sessions.purge timer). */
export async function purgeSessions(db: Db, now: Date, keepDays = 30): Promise<void> {
  const before = new Date(now.getTime() - keepDays * 86_400_000);
  await db.delete(session).where(or(lt(session.expiresAt, before), lt(session.revokedAt, before)));
}

export const sessionCache = new SessionCache();

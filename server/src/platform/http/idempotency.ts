/**
 * Idempotent submissions: a route that declares `config.idempotent` accepts an
 * `Idempotency-Key` header (a phone's offline queue sends its submission's client id). The first
 * request with a key claims it for the caller and the route; its successful answer is stored with
 * the claim, and a replay of the same request (same user, route, key and body) gets that stored
 * answer (`Idempotent-Replayed: true`) and changes nothing, also when the first answer never
 * reached the phone. A replay that arrives while the first is still running waits for it; a
 * request refused (4xx/5xx) frees its key, since it wrote nothing. The same key with another body
 * is refused (`IDEMPOTENCY_KEY_REUSED`). A claim whose request never finished (the process died
 * between its commit and storing the answer) is never run again: after the lease it answers
 * `IDEMPOTENCY_UNRESOLVED`, and the person decides, because running it again could file twice.
 * Without the header a route behaves as before. Answers must be JSON.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../jobs/queue.js';
import { rows, type Db } from '../db/client.js';
import { AppError } from '../errors.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]{8,100}$/;

export interface IdempotencyOptions {
  /** How long a replay waits for the first request still running before answering IDEMPOTENCY_IN_PROGRESS. */
  waitMs?: number;
  pollMs?: number;
  /** After this, a claim never completed is unresolved (its request died). */
  leaseMs?: number;
}

interface Claim {
  userId: string;
  route: string;
  key: string;
}

interface ClaimRow {
  fingerprint: string;
  state: 'pending' | 'done';
  status: number | null;
  response: string | null;
  created_at: string | Date;
}

/** The same request is the same body (the body as validated: its keys in the schema's order). */
export function requestFingerprint(request: FastifyRequest): string {
  // A multipart upload is read by its handler, after this: its key alone identifies it.
  const multipart = /^multipart\//i.test(request.headers['content-type'] ?? '');
  const body = multipart ? 'multipart' : JSON.stringify(request.body ?? null);
  return createHash('sha256').update(body).digest('hex');
}

export function makeIdempotency(db: Db, options: IdempotencyOptions = {}) {
  const waitMs = options.waitMs ?? 15_000;
  const pollMs = options.pollMs ?? 50;
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const claims = new WeakMap<FastifyRequest, Claim>();

  async function preHandler(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    if (request.routeOptions.config?.idempotent !== true) return undefined;
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return undefined;
    if (typeof header !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(header)) {
      throw new AppError('IDEMPOTENCY_KEY_INVALID', [{ path: 'headers.idempotency-key', code: 'invalid_format', message: 'not a valid idempotency key' }]);
    }
    const actor = request.ctx.actor;
    // Keys are per user: a public route has nobody to keep them for.
    if (!actor) return undefined;
    const claim: Claim = { userId: actor.id, route: `${request.method} ${request.routeOptions.url ?? ''}`, key: header };
    const fingerprint = requestFingerprint(request);
    const now = request.ctx.clock.now();
    const started = Date.now();
    for (;;) {
      const claimed = await rows(
        db,
        sql`insert into idempotency_key (user_id, route, key, fingerprint, state, created_at)
            values (${claim.userId}, ${claim.route}, ${claim.key}, ${fingerprint}, 'pending', ${now.toISOString()})
            on conflict do nothing returning key`,
      );
      if (claimed.length > 0) {
        claims.set(request, claim);
        return undefined;
      }
      const [row] = await rows<ClaimRow>(
        db,
        sql`select fingerprint, state, status, response, created_at from idempotency_key
            where user_id = ${claim.userId} and route = ${claim.route} and key = ${claim.key}`,
      );
      // Freed in between (the first was refused): claim it again.
      if (!row) continue;
      if (row.fingerprint !== fingerprint) throw new AppError('IDEMPOTENCY_KEY_REUSED', [{ path: 'headers.idempotency-key', code: 'reused', message: 'the key was used for a different request' }]);
      if (row.state === 'done') {
        return reply
          .code(row.status ?? 200)
          .header(REPLAYED_HEADER, 'true')
          .type('application/json; charset=utf-8')
          .send(row.response ?? 'null');
      }
      if (now.getTime() - new Date(row.created_at).getTime() > leaseMs) throw new AppError('IDEMPOTENCY_UNRESOLVED');
      if (Date.now() - started > waitMs) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      await sleep(pollMs);
    }
  }

  async function onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
    const claim = claims.get(request);
    if (!claim) return payload;
    claims.delete(request);
    const where = sql`user_id = ${claim.userId} and route = ${claim.route} and key = ${claim.key}`;
    const status = reply.statusCode;
    try {
      if (status >= 200 && status < 300 && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
        const response = typeof payload === 'string' ? payload : payload.toString('utf8');
        await db.execute(sql`update idempotency_key set state = 'done', status = ${status}, response = ${response}, completed_at = ${request.ctx.clock.now().toISOString()} where ${where}`);
      } else {
        // Refused: nothing was written, so the same key may be used again (with a corrected body).
        await db.execute(sql`delete from idempotency_key where ${where} and state = 'pending'`);
      }
    } catch (error) {
      // The answer still goes out; a replay will find the claim pending, then unresolved.
      request.log.error({ err: error }, 'could not record the outcome of an idempotent request');
    }
    return payload;
  }

  return { preHandler, onSend };
}

/** How long answers are kept for replays: a phone out of coverage comes back within days. */
export const IDEMPOTENCY_KEEP_MS = 14 * 86_400_000;

/** Forgets keys older than the given date; answers how many. */
export async function pruneIdempotencyKeys(db: Db, before: Date): Promise<number> {
  const gone = await rows(db, sql`delete from idempotency_key where created_at < ${before.toISOString()} returning key`);
  return gone.length;
}

export const idempotencyPurgeJob = defineJob({
  name: 'idempotency.purge',
  payload: z.object({}),
  repeatEveryMs: 86_400_000,
  handle: async (_payload, { db, clock }) => {
    await pruneIdempotencyKeys(db, new Date(clock.now().getTime() - IDEMPOTENCY_KEEP_MS));
  },
});

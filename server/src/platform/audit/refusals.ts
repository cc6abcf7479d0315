/**
 * Refused and failed writes are audit entries too: a signed-in caller's write that was refused
 * (a 4xx: not allowed, not found, invalid, a conflict) is `request.refused`, and any write the
 * server failed on (a 5xx) is `request.failed`, flagged for the auditor. Sign-in keeps its own
 * entries (auth.login). Anonymous refusals are left out, so nobody can fill the log from outside.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { errorCodeOf } from '../http/error-handler.js';
import { isUuid } from './labels.js';
import { recordAudit } from './write-audit.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Routes whose refusals are audited where they are decided. */
const AUDITED_ELSEWHERE = new Set(['/api/auth/login']);

export function auditRefusals(db: Db) {
  // Before the answer is sent (onSend), so whoever reads the log after the answer finds the entry.
  return async function onSend<P>(request: FastifyRequest, reply: FastifyReply, payload: P): Promise<P> {
    const status = reply.statusCode;
    const route = request.routeOptions.url;
    if (status < 400 || !WRITES.has(request.method) || !route || AUDITED_ELSEWHERE.has(route)) return payload;
    const ctx = request.ctx as FastifyRequest['ctx'] | undefined;
    const failed = status >= 500;
    if (!ctx || (!ctx.actor && !failed)) return payload;
    const id = (request.params as { id?: unknown } | undefined)?.id;
    try {
      await recordAudit(db, ctx, {
        action: failed ? 'request.failed' : 'request.refused',
        outcome: failed ? 'failure' : 'denied',
        objectType: request.routeOptions.config?.record,
        objectId: typeof id === 'string' && isUuid(id) ? id : undefined,
        regionCode: ctx.actor?.regionCode,
        details: { method: request.method, route, status, code: errorCodeOf(request) ?? null },
      });
    } catch (error) {
      // The answer has gone; the log keeps what could not be recorded.
      request.log.error({ err: error, route, status }, 'could not audit a refused write');
    }
    return payload;
  };
}

/** Turns every error into `{ error: { code, message, details, requestId } }` with a stable code. */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorMessageWith, ERRORS, type ErrorCode } from '@gridgov/contracts';
import { AppError } from '../errors.js';
import { localeOf } from './access.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { RETRY_AFTER_S } from '../observability/health.js';

interface Issue {
  path: string;
  message: string;
  code?: string;
  keys?: string[];
}

function validationIssues(error: FastifyError): Issue[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [{ path: '', message: error.message }];
  return error.validation.map((v) => {
    const params = v.params as { issue?: { keys?: string[] } };
    const where = [error.validationContext, ...v.instancePath.split('/')].filter(Boolean).join('.');
    return { path: where, message: v.message ?? '', code: v.keyword, keys: params.issue?.keys };
  });
}

/** The error code each refused request was answered with (read by the audit of refusals). */
const answeredCodes = new WeakMap<FastifyRequest, ErrorCode>();

export function errorCodeOf(request: FastifyRequest): ErrorCode | undefined {
  return answeredCodes.get(request);
}

export function sendError(request: FastifyRequest, reply: FastifyReply, code: ErrorCode, details?: unknown): void {
  answeredCodes.set(request, code);
  void reply.status(ERRORS[code].status).send({
    error: { code, message: errorMessageWith(code, localeOf(request), details), details, requestId: request.id },
  });
}

/** The PostgreSQL error under drizzle's wrapping, if the error came from the database. */
function databaseError(error: unknown): { code: string; message: string } | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return { code, message: String((e as { message?: unknown }).message ?? '') };
  }
  return null;
}

/** Where in the request a value the database refused came from (`params.id`, `body.gridId`). */
function pathOf(request: FastifyRequest, value: string): string {
  const search = (at: unknown, path: string): string | null => {
    if (at === value) return path;
    if (at === null || typeof at !== 'object') return null;
    for (const [k, v] of Object.entries(at as Record<string, unknown>)) {
      const found = search(v, `${path}.${k}`);
      if (found) return found;
    }
    return null;
  };
  return search(request.params, 'params') ?? search(request.query, 'querystring') ?? search(request.body, 'body') ?? '';
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) {
    // A limit that says when it frees up (RATE_LIMITED, sign-in limits) tells the client in the standard header too.
    const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
    if (typeof retryAfter === 'number' && retryAfter > 0) void reply.header('retry-after', String(Math.ceil(retryAfter)));
    return sendError(request, reply, error.code, error.details);
  }
  if (isDatabaseUnavailable(error)) {
    // The database restarted or the connection was cut: the client may retry, the pool reconnects.
    request.log.warn({ err: error }, 'database unavailable');
    void reply.header('retry-after', String(RETRY_AFTER_S));
    return sendError(request, reply, 'DATABASE_UNAVAILABLE');
  }
  const db = databaseError(error);
  if (db?.code.startsWith('22')) {
    // A data exception (a malformed id for a uuid column, a number out of range...) is input a
    // schema let through: the client hears which field, the log keeps it so the schema gets fixed.
    const value = /: "(.*)"$/.exec(db.message)?.[1];
    request.log.warn({ err: error }, 'database refused a value the request schema let through');
    return sendError(request, reply, 'VALIDATION_FAILED', [{ path: value === undefined ? '' : pathOf(request, value), code: 'invalid_value', message: 'not a valid value' }]);
  }
  if (error.validation) {
    const issues = validationIssues(error);
    const unknown = issues.some((i) => i.code === 'unrecognized_keys');
    return sendError(request, reply, unknown ? 'UNKNOWN_FIELD' : 'VALIDATION_FAILED', issues);
  }
  if (error.statusCode === 429) return sendError(request, reply, 'RATE_LIMITED');
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return sendError(request, reply, 'VALIDATION_FAILED', [{ path: '', message: error.message }]);
  }
  request.log.error(error);
  sendError(request, reply, 'INTERNAL');
}

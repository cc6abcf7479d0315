/** Recognising database errors through drizzle's wrapping (the driver error is a `cause`). */

/** A unique-index violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const pgError = e as { code?: string; constraint?: string };
    if (pgError.code === '23505' && (!constraint || pgError.constraint === constraint)) return true;
  }
  return false;
}

/**
 * SQLSTATEs of a database that went away or is not taking connections: admin_shutdown,
 * crash_shutdown, cannot_connect_now (57P0x), connection exceptions (08xxx), too_many_connections.
 */
const UNAVAILABLE_STATE = /^(57P0[123]|08\w{3}|53300)$/;
/** Driver errors of a lost or refused connection (node-postgres speaks in messages and errnos). */
const UNAVAILABLE_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|not queryable|Client was closed|Cannot use a pool after calling end|not currently accepting connections/i;

/** Whether the error means the database cannot be reached right now (a restart, a cut connection), not that the request was wrong. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_STATE.test(code) || UNAVAILABLE_ERRNO.has(code))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return true;
  }
  return false;
}

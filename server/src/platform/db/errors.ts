/** Recognising database errors through drizzle's wrapping (the driver error is a `cause`). */

/** A unique-index violation, optionally of one named constraint. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const pgError = e as { code?: string; constraint?: string };
    if (pgError.code === '23505' && (!constraint || pgError.constraint === constraint)) return true;
  }
  return false;
}

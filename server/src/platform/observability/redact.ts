/**
 * The redaction layer of the logs. Two nets, one behind the other:
 * 1. by key: any field named like a secret or a piece of personal data (password, token,
 *    cookie, authorization, session, TOTP, ID number, phone...) is replaced, at any depth;
 * 2. by shape: every finished log line is scanned for what a secret looks like (an 18-character
 *    ID number, a mainland mobile number, a session token, an Open311 key, a cookie) and the
 *    match is replaced, whatever field or message it hid in.
 * Driver errors are stripped of the statement parameters drizzle appends to their message.
 */

export const REDACTED = '[redacted]';

/** Keys whose values never reach a log line. */
const SECRET_KEY = /pass(word)?|secret|token|cookie|authori[sz]ation|session|totp|api[_-]?key|id[_-]?number|phone|mobile|enrol(l)?ment[_-]?code/i;

/** An 18-character ID number (GB 11643: 17 digits and a check character), not part of a longer token. */
export const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
/** A mainland mobile number, not part of a longer number. */
export const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;
/** A session token (32 random bytes, base64url) or any other bare 43-character base64url secret. */
export const BASE64URL_SECRET = /(?<![0-9A-Za-z_-])(?=[0-9A-Za-z_-]*[A-Z])(?=[0-9A-Za-z_-]*[a-z])(?=[0-9A-Za-z_-]*\d)[0-9A-Za-z_-]{43}(?![0-9A-Za-z_-])/g;
/** An Open311 API key. */
export const OPEN311_KEY = /o311_[0-9A-Za-z_-]{16,}/g;
/** A cookie or bearer credential written out as text. */
export const COOKIE_TEXT = /(gg_sid=|[Bb]earer\s+)[^\s";,]+/g;

/** Replaces every secret-shaped piece of a text. */
export function scrubText(text: string): string {
  return text
    .replace(COOKIE_TEXT, `$1${REDACTED}`)
    .replace(OPEN311_KEY, REDACTED)
    .replace(ID_NUMBER, REDACTED)
    .replace(MOBILE, REDACTED)
    .replace(BASE64URL_SECRET, REDACTED);
}

/** Drizzle's "Failed query: <sql>\nparams: <values>" keeps the statement and drops the values. */
export function withoutQueryParams(message: string): string {
  return message.replace(/\nparams: [\s\S]*$/, `\nparams: ${REDACTED}`);
}

/** A value with every secret-named field replaced, at any depth (cycles and depth bounded). */
export function redactFields(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8 || seen.has(value)) return '[…]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactFields(v, depth + 1, seen));
  if (value instanceof Error) return serializeError(value, depth + 1, seen);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redactFields(v, depth + 1, seen);
  return out;
}

/** An error as a log shows it: type, code, message without statement values, stack, cause. */
export function serializeError(error: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (!(error instanceof Error)) return redactFields(error, depth, seen);
  const e = error as Error & { code?: unknown; statusCode?: unknown; cause?: unknown };
  return {
    type: e.name,
    message: withoutQueryParams(e.message),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(typeof e.statusCode === 'number' ? { statusCode: e.statusCode } : {}),
    ...(e.stack ? { stack: withoutQueryParams(e.stack) } : {}),
    ...(e.cause !== undefined && depth < 4 ? { cause: serializeError(e.cause, depth + 1, seen) } : {}),
  };
}

/** A one-line description of an error safe for a plain console line (no statement values, no secrets). */
export function safeErrorText(error: unknown): string {
  if (!(error instanceof Error)) return scrubText(String(error));
  // Drizzle wraps the driver's error in "Failed query: <the statement>": the cause says what happened.
  if (error.message.startsWith('Failed query:') && error.cause !== undefined) return `a query failed: ${safeErrorText(error.cause)}`;
  const code = (error as { code?: unknown }).code;
  return scrubText(`${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${withoutQueryParams(error.message)}`);
}

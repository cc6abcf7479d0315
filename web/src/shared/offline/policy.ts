/**
 * What the offline queue does with a failed send (pure, unit-tested): try again later when the
 * network or the server failed, keep it for the person when the server refused it, wait for a
 * sign-in when the session is gone. And when to try again: a growing pause, capped.
 */
import { ApiError } from '../../api/client';

export type FailureKind =
  /** No network, a server down or overloaded, the same submission still running: send again later. */
  | 'retry'
  /** The session ended: wait until its owner signs in again (never send under someone else). */
  | 'signedOut'
  /** The server said no (validation, permission, a reused id): the person fixes or discards it. */
  | 'refused';

const RETRY_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);
const RETRY_CODES = new Set(['NETWORK_ERROR', 'IDEMPOTENCY_IN_PROGRESS', 'RATE_LIMITED', 'INTERNAL', 'UNEXPECTED_RESPONSE']);
const SIGNED_OUT_CODES = new Set(['AUTH_REQUIRED', 'AUTH_SESSION_EXPIRED', 'AUTH_PASSWORD_CHANGE_REQUIRED']);

export function classifyFailure(error: unknown): FailureKind {
  if (!(error instanceof ApiError)) return 'retry';
  if (SIGNED_OUT_CODES.has(error.code)) return 'signedOut';
  if (RETRY_CODES.has(error.code) || RETRY_STATUS.has(error.status)) return 'retry';
  return 'refused';
}

export const FIRST_RETRY_MS = 5_000;
export const MAX_RETRY_MS = 5 * 60_000;

/** The pause after the n-th failed attempt (1, 2, ...): 5 s, 10 s, 20 s ... up to 5 minutes. */
export function retryDelayMs(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/** The idempotency key of one part of a submission: the submission itself, or its n-th file. */
export function partKey(submissionId: string, part: 'submit' | { file: number }): string {
  return part === 'submit' ? `${submissionId}.submit` : `${submissionId}.file-${part.file}`;
}

/** The fields a refusal names (zod paths `body.description`, or a bare name), for the form to mark. */
export function refusedFields(error: unknown): string[] {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return [];
  return error.details.flatMap((d: unknown) => {
    const path = typeof d === 'object' && d !== null ? (d as { path?: unknown }).path : undefined;
    return typeof path === 'string' && path ? [path.replace(/^body\./, '')] : [];
  });
}

/** A random v4 UUID; `crypto.randomUUID` exists only on HTTPS, `getRandomValues` everywhere. */
export function newSubmissionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Code verification (验码) at a venue gate: an opaque token in, the colour and validity out,
 * nothing about the person; an unknown token, an expired code and a code never issued all answer
 * `unknown` in the same shape. Gates scan at rates a database round trip per scan would not bear,
 * so answers are kept in a small in-process cache for at most `TTL_MS` and forgotten at once when
 * this process recomputes codes (another process's recompute is seen within the TTL).
 */
import type { CodeVerification } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import { runPrepared } from '../../platform/db/client.js';

const TTL_MS = 2_000;
const MAX_ENTRIES = 100_000;
/** Tokens are 22 base64url characters; anything else is unknown without a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;

interface Entry {
  colour: 'green' | 'yellow' | 'red' | null;
  validUntil: number;
  cachedAt: number;
}

const caches = new WeakMap<object, Map<string, Entry>>();
const cacheOf = (kit: Pick<Kit, 'registry'>) => {
  let c = caches.get(kit.registry);
  if (!c) caches.set(kit.registry, (c = new Map()));
  return c;
};

/** Drops every cached answer (after a recompute in this process). */
export function forgetVerifications(kit: Pick<Kit, 'registry'>): void {
  caches.get(kit.registry)?.clear();
}

const LOOKUP = { name: 'healthcode_verify', text: 'select colour, valid_until from health_code where token = $1 and issued_at is not null' };

export async function verifyToken(kit: Pick<Kit, 'registry'> & { db: Db }, token: string, now: Date): Promise<CodeVerification> {
  const t = now.getTime();
  const checkedAt = now.toISOString();
  if (!TOKEN_SHAPE.test(token)) return { colour: 'unknown', validUntil: null, checkedAt };
  const cache = cacheOf(kit);
  let entry = cache.get(token);
  if (!entry || t - entry.cachedAt > TTL_MS) {
    const [row] = await runPrepared<{ colour: Entry['colour']; valid_until: Date | string }>(kit.db, LOOKUP, [token]);
    entry = row ? { colour: row.colour, validUntil: new Date(row.valid_until).getTime(), cachedAt: t } : { colour: null, validUntil: 0, cachedAt: t };
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(token, entry);
  }
  if (!entry.colour || entry.validUntil <= t) return { colour: 'unknown', validUntil: null, checkedAt };
  return { colour: entry.colour, validUntil: new Date(entry.validUntil).toISOString(), checkedAt };
}

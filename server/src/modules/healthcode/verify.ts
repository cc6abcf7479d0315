/**
 * Code verification (验码) at a venue gate: an opaque token in, the colour and validity out,
 * nothing about the person; an unknown token, an expired code and a code never issued all answer
 * `unknown` in the same shape. Gates scan at rates a database round trip per scan would not bear,
 * so answers are kept in a small in-process cache for at most `TTL_MS` and forgotten at once when
 * this process recomputes codes (another process's recompute is seen within the TTL), and the
 * lookups of concurrent scans that miss it go to the database together, one round trip a batch.
 */
import type { CodeVerification } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import { runPrepared } from '../../platform/db/client.js';
import { Batcher } from '../../platform/db/batcher.js';

const TTL_MS = 2_000;
const MAX_ENTRIES = 100_000;
/** Tokens are 22 base64url characters; anything else is unknown without a lookup. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{22}$/;

interface Entry {
  colour: 'green' | 'yellow' | 'red' | null;
  validUntil: number;
  cachedAt: number;
}

type Found = Pick<Entry, 'colour' | 'validUntil'>;
const LOOKUP = { name: 'healthcode_verify', text: 'select token, colour, valid_until from health_code where token = any($1::text[]) and issued_at is not null' };
const NONE: Found = { colour: null, validUntil: 0 };

interface State {
  cache: Map<string, Entry>;
  lookups: Batcher<string, Found>;
}
const states = new WeakMap<object, State>();
const stateOf = (kit: Pick<Kit, 'registry'> & { db: Db }): State => {
  let s = states.get(kit.registry);
  if (!s) {
    const lookups = new Batcher<string, Found>(
      async (tokens) => {
        const found = new Map<string, Found>();
        for (const row of await runPrepared<{ token: string; colour: Entry['colour']; valid_until: Date | string }>(kit.db, LOOKUP, [tokens])) {
          found.set(row.token, { colour: row.colour, validUntil: new Date(row.valid_until).getTime() });
        }
        return tokens.map((t) => found.get(t) ?? NONE);
      },
      { maxInFlight: 2, maxBatch: 256 },
    );
    states.set(kit.registry, (s = { cache: new Map(), lookups }));
  }
  return s;
};

/** Drops every cached answer (after a recompute in this process). */
export function forgetVerifications(kit: Pick<Kit, 'registry'>): void {
  states.get(kit.registry)?.cache.clear();
}

export async function verifyToken(kit: Pick<Kit, 'registry'> & { db: Db }, token: string, now: Date): Promise<CodeVerification> {
  const t = now.getTime();
  const checkedAt = now.toISOString();
  if (!TOKEN_SHAPE.test(token)) return { colour: 'unknown', validUntil: null, checkedAt };
  const { cache, lookups } = stateOf(kit);
  let entry = cache.get(token);
  if (!entry || t - entry.cachedAt > TTL_MS) {
    entry = { ...(await lookups.submit(token)), cachedAt: t };
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(token, entry);
  }
  if (!entry.colour || entry.validUntil <= t) return { colour: 'unknown', validUntil: null, checkedAt };
  return { colour: entry.colour, validUntil: new Date(entry.validUntil).toISOString(), checkedAt };
}

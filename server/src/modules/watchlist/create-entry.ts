/**
 * Adds an entry: the value is normalised, checked, hashed with the vault's key and dropped; only
 * its hash and hint are kept. Duplicates are allowed on purpose: refusing one would tell the
 * caller that the value is already listed (perhaps by another county), which is the question the
 * list must never answer. The audit entry carries the hint, never the value.
 */
import { randomUUID } from 'node:crypto';
import { normalizeWatchValue, watchHint, type WatchEntry, type WatchEntryRequest, type watchEntryRequest } from '@gridgov/contracts';
import type { z } from 'zod';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { PiiField } from '../../platform/pii/vault.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { watchEntry } from './tables.js';
import { presentEntries } from './queries.js';
import { atCountyOrAbove, managesAt } from './visibility.js';

/** The vault field each kind is hashed under (captures hash theirs the same way to match). */
export const HASH_FIELD = { plate: 'plate', id_number: 'watch_id_number' } as const satisfies Record<WatchEntryRequest['kind'], PiiField>;

const fieldError = (code: 'WATCHLIST_VALUE_INVALID' | 'WATCHLIST_LABEL_HAS_VALUE' | 'WATCHLIST_REGION' | 'WATCHLIST_EXPIRY', field: string) => new AppError(code, { fields: [{ field, code }] });

/** Letters and digits only, upper case: to find a value hidden in a label however it is spaced. */
const squeeze = (text: string) => text.normalize('NFKC').toUpperCase().replace(/[^\p{L}\p{N}]/gu, '');

export async function createEntry(kit: Pick<Kit, 'db' | 'vault' | 'providers'>, ctx: ActorContext, input: z.output<typeof watchEntryRequest>): Promise<WatchEntry> {
  const { actor } = ctx;
  const now = ctx.clock.now();
  if (!atCountyOrAbove(actor)) throw new AppError('WATCHLIST_LEVEL');
  const normalized = normalizeWatchValue(input.kind, input.value, now);
  if (!normalized) throw fieldError('WATCHLIST_VALUE_INVALID', 'value');
  if (squeeze(input.label).includes(squeeze(normalized))) throw fieldError('WATCHLIST_LABEL_HAS_VALUE', 'label');
  if (!managesAt(actor, input.regionCode) || !(await kit.providers.regionNames(kit.db, [input.regionCode])).has(input.regionCode)) throw fieldError('WATCHLIST_REGION', 'regionCode');
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw fieldError('WATCHLIST_EXPIRY', 'expiresAt');
  const id = randomUUID();
  const hint = watchHint(input.kind, normalized);
  const row = await kit.db.transaction(async (tx) => {
    const [made] = await tx.insert(watchEntry).values({
      id, kind: input.kind, valueHash: kit.vault.hash(HASH_FIELD[input.kind], normalized), hint, label: input.label, regionCode: input.regionCode,
      severity: input.severity, active: true, expiresAt, createdBy: actor.id, createdAt: now,
    }).returning();
    await writeAudit(tx, ctx, { action: 'watch_entry.create', objectType: 'watch_entry', objectId: id, regionCode: input.regionCode, details: { kind: input.kind, hint, label: input.label, severity: input.severity, expiresAt: expiresAt?.toISOString() ?? null } });
    return made!;
  });
  return (await presentEntries(kit, [row], now))[0]!;
}

/**
 * Evidence about people (health codes): a module that holds data saying something about a
 * person's health risk (a case, a contact under follow-up, an arrival, a declaration) offers it
 * as an `EvidenceSource`, set-based SQL the health code module combines with its rule, so that
 * recomputing millions of codes is one statement. When such data changes, the module calls
 * `evidenceChanged` with the person keys it touched; whoever consumes evidence (the health code
 * module's `onEvidenceChanged`) recomputes those people in the same transaction. The platform
 * imports neither side.
 *
 * A source's rows: `(person_key uuid, kind text, ref text, since timestamptz, until timestamptz
 * | null, detail jsonb, region_code text, grid_id uuid | null)`, the live evidence at `at` (ended
 * evidence is left out), for the given persons (`persons`: a set of person keys as SQL, or null
 * for everyone).
 */
import type { SQL } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Kit } from './kit.js';

export interface EvidenceSource {
  /** The evidence kind it gives (`case`, `contact`, `arrival`, `fever`...). */
  kind: string;
  select(persons: SQL | null, at: Date): SQL;
}

/** What a consumer of evidence does when the evidence about some people changed (in the change's transaction). */
export type EvidenceListener = (kit: Pick<Kit, 'registry'>, tx: Db, personKeys: readonly string[], at: Date) => Promise<void>;

/** Tells every consumer that the evidence about these people changed (empty: nothing to do). */
export async function evidenceChanged(kit: Pick<Kit, 'registry'>, tx: Db, personKeys: readonly (string | null | undefined)[], at: Date): Promise<void> {
  const keys = [...new Set(personKeys.filter((k): k is string => !!k))];
  if (keys.length === 0) return;
  for (const listen of kit.registry.evidenceListeners) await listen(kit, tx, keys, at);
}

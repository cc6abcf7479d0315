/**
 * What other modules may read of contacts (quarantine orders are given for them): one contact the
 * reader may see (`CONTACT_VISIBILITY`), as tracing shows it (name masked), with the person's key
 * and place; and the exposures of contacts by id, for a job that follows re-exposures (no person).
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { ContactSummary } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { Kit } from '../../platform/kit/kit.js';
import { recordVisible } from '../../platform/scope.js';
import { presentContacts } from './present.js';
import { epiCase, epiContact } from './tables.js';
import { CONTACT_VISIBILITY } from './workflow.js';

export interface ContactForOrder extends ContactSummary {
  personKey: string;
  residentId: string | null;
  gridId: string | null;
}

/** One contact the reader may see, as tracing shows it, with its person key and grid; null otherwise. */
export async function contactForOrder(kit: Pick<Kit, 'db' | 'providers'>, reader: Actor, id: string): Promise<ContactForOrder | null> {
  const [found] = await kit.db.select().from(epiContact).where(and(eq(epiContact.id, id), recordVisible(reader, CONTACT_VISIBILITY)));
  if (!found) return null;
  const [no] = await kit.db.select({ caseNo: epiCase.caseNo }).from(epiCase).where(eq(epiCase.id, found.caseId));
  const [shown] = await presentContacts(kit, reader, [found], new Map([[found.caseId, no?.caseNo ?? 0]]));
  return { ...shown!, personKey: found.personKey, residentId: found.residentId, gridId: found.gridId };
}

/** The last exposure and status of contacts by id (those still kept). */
export async function contactExposures(db: Db, ids: readonly string[]): Promise<Map<string, { lastExposureAt: Date; followUntil: Date; status: string }>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: epiContact.id, lastExposureAt: epiContact.lastExposureAt, followUntil: epiContact.followUntil, status: epiContact.status })
    .from(epiContact)
    .where(inArray(epiContact.id, [...new Set(ids)]));
  return new Map(found.map(({ id, ...rest }) => [id, rest]));
}

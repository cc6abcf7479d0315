/**
 * What a notification shows of a contact the reader may read (`CONTACT_VISIBILITY`): that it is a
 * contact, close or secondary, of which case number, and its grid. No name: the reader opens it.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { recordVisible } from '../../platform/scope.js';
import type { NoticeAbout } from '../../platform/notifications/notify.js';
import { gridNames } from '../grids/queries.js';
import { caseNoOf } from './present.js';
import { epiCase, epiContact } from './tables.js';
import { CONTACT_VISIBILITY } from './workflow.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function describeContacts(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, NoticeAbout>> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const found = await db
    .select({ id: epiContact.id, degree: epiContact.degree, gridId: epiContact.gridId, followUntil: epiContact.followUntil, caseNo: epiCase.caseNo })
    .from(epiContact)
    .innerJoin(epiCase, eq(epiCase.id, epiContact.caseId))
    .where(and(inArray(epiContact.id, wanted), recordVisible(reader, CONTACT_VISIBILITY)));
  const grids = await gridNames(db, found.flatMap((c) => (c.gridId ? [c.gridId] : [])));
  return new Map(
    found.map((c) => [c.id, { what: `${c.degree === 1 ? '密接' : '次密接'}人员（病例 ${caseNoOf(c.caseNo)}）`, where: c.gridId ? (grids.get(c.gridId) ?? null) : null, urgent: c.degree === 1, dueAt: c.followUntil.toISOString() }]),
  );
}

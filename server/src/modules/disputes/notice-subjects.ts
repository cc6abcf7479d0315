/**
 * What a notification or a warning's evidence shows of disputes the reader may read
 * (`DISPUTE_VISIBILITY`): the dispute's number and category, its grid, its deadline while open.
 * Disputes the reader may not read are left out (the warning counts them as hidden). Never a
 * party, and never the dispute's name (which often names the parties).
 */
import { and, inArray } from 'drizzle-orm';
import { DISPUTE_CATEGORIES } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { recordVisible } from '../../platform/scope.js';
import type { NoticeAbout } from '../../platform/notifications/notify.js';
import { gridNames } from '../grids/queries.js';
import { dispute } from './tables.js';
import { DISPUTE_VISIBILITY } from './workflow.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DONE = new Set(['closed', 'escalated', 'failed']);
const CATEGORY = new Map(DISPUTE_CATEGORIES.map(([code, zh]) => [code, zh]));

export async function describeDisputes(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, NoticeAbout>> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const found = await db
    .select({ id: dispute.id, number: dispute.number, category: dispute.category, scale: dispute.scale, gridId: dispute.gridId, status: dispute.status, deadline: dispute.deadline })
    .from(dispute)
    .where(and(inArray(dispute.id, wanted), recordVisible(reader, DISPUTE_VISIBILITY)));
  const grids = await gridNames(db, found.map((d) => d.gridId));
  return new Map(
    found.map((d) => [
      d.id,
      { what: `${d.number} ${CATEGORY.get(d.category) ?? d.category}`, where: grids.get(d.gridId) ?? null, urgent: d.scale === 'major' || d.scale === 'extra', dueAt: DONE.has(d.status) ? null : `${d.deadline}T00:00:00.000Z` },
    ]),
  );
}

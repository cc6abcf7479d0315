/**
 * What a notification or a warning's evidence shows of key persons' archives the reader may read
 * (`KEY_PERSON_VISIBILITY`): that it is an archive, its risk level and its grid. No name, no
 * category (a list never tells a person's category), nothing a reader outside the scope learns:
 * archives they may not read are left out (the warning counts them as hidden).
 */
import { and, inArray } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { recordVisible } from '../../platform/scope.js';
import type { NoticeAbout } from '../../platform/notifications/notify.js';
import { gridNames } from '../grids/queries.js';
import { keyPerson } from './tables.js';
import { KEY_PERSON_VISIBILITY } from './workflow.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RISK: Record<string, string> = { high: '高', medium: '中', low: '低' };

export async function describeKeyPersons(db: Db, reader: Actor, ids: readonly string[]): Promise<Map<string, NoticeAbout>> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (wanted.length === 0) return new Map();
  const found = await db
    .select({ id: keyPerson.id, riskLevel: keyPerson.riskLevel, gridId: keyPerson.gridId, nextVisitDue: keyPerson.nextVisitDue })
    .from(keyPerson)
    .where(and(inArray(keyPerson.id, wanted), recordVisible(reader, KEY_PERSON_VISIBILITY)));
  const grids = await gridNames(db, found.map((k) => k.gridId));
  return new Map(
    found.map((k) => [k.id, { what: `重点人员档案（${RISK[k.riskLevel] ?? k.riskLevel}风险）`, where: grids.get(k.gridId) ?? null, urgent: k.riskLevel === 'high', dueAt: k.nextVisitDue.toISOString() }]),
  );
}

/** Links between register records: the linked record must be live and in the caller's scope. */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { isUuid } from '../../platform/audit/labels.js';
import { gridNames } from '../grids/queries.js';
import { scopeWhere, type RegisterTable } from './engine.js';
import { building, dwelling, resident } from './tables.js';

export async function assertReference(db: Db, actor: Actor, table: RegisterTable, id: string | null | undefined, field: string): Promise<void> {
  if (!id) return;
  const [found] = await db.select({ id: table.id }).from(table).where(and(eq(table.id, id), isNull(table.deletedAt), scopeWhere(actor, table)));
  if (!found) throw new AppError('REGISTER_REFERENCE_INVALID', { fields: [{ field, code: 'REGISTER_REFERENCE_INVALID' }] });
}

/** "3栋 1单元 302" for dwellings by id. */
export async function dwellingLabels(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (wanted.length === 0) return new Map();
  const found = await db
    .select({ id: dwelling.id, unit: dwelling.unit, room: dwelling.room, buildingName: building.name })
    .from(dwelling)
    .innerJoin(building, eq(building.id, dwelling.buildingId))
    .where(inArray(dwelling.id, wanted));
  return new Map(found.map((d) => [d.id, dwellingLabel(d.buildingName, d.unit, d.room)]));
}

export function dwellingLabel(buildingName: string, unit: string | null, room: string): string {
  return [buildingName, unit, room].filter(Boolean).join(' ');
}

export async function residentNames(db: Db, ids: readonly string[]): Promise<Map<string, { name: string; idMasked: string }>> {
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: resident.id, name: resident.name, idMasked: resident.idMasked }).from(resident).where(inArray(resident.id, [...new Set(ids)]));
  return new Map(found.map((r) => [r.id, { name: r.name, idMasked: r.idMasked }]));
}

/** Common presented fields of every record. */
export async function presentBase<Row extends { id: string; gridId: string; regionCode: string; version: number; createdAt: Date; updatedAt: Date }>(
  db: Db,
  rows: Row[],
): Promise<Map<string, { id: string; gridId: string; gridName: string; regionCode: string; version: number; createdAt: string; updatedAt: string }>> {
  const names = await gridNames(db, rows.map((r) => r.gridId));
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, gridId: r.gridId, gridName: names.get(r.gridId) ?? '', regionCode: r.regionCode, version: r.version, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() },
    ]),
  );
}

/** A resident as the audit log names them: the family name, the rest hidden (张**). */
export async function residentAuditLabels(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const names = await residentNames(db, ids.filter(isUuid));
  return new Map([...names].map(([id, r]) => [id, maskName(r.name)]));
}

export function maskName(name: string): string {
  const chars = [...name];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

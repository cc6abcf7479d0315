/** Departments that handle tickets, and which department a handler account belongs to. */
import { and, asc, eq, inArray, isNull, or, type SQL } from 'drizzle-orm';
import type { Department } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Actor } from '../../platform/context.js';
import { ancestorCodes, regionInScope } from '../../platform/scope.js';
import { regionNames } from '../regions/queries.js';
import { department, departmentMember } from './tables.js';

/** Departments an actor may see and dispatch to: those serving their subtree or a region above it. */
export function visibleDepartments(actor: Actor): SQL | undefined {
  return and(isNull(department.deletedAt), or(regionInScope(actor, department.regionCode), inArray(department.regionCode, [...ancestorCodes(actor.regionCode), actor.regionCode])));
}

type Row = typeof department.$inferSelect;

async function present(db: Db, rows: Row[]): Promise<Department[]> {
  const names = await regionNames(db, rows.map((r) => r.regionCode));
  return rows.map((r) => ({ id: r.id, name: r.name, regionCode: r.regionCode, regionName: names.get(r.regionCode) ?? '', phone: r.phone }));
}

export async function listDepartments(db: Db, actor: Actor): Promise<Department[]> {
  return present(db, await db.select().from(department).where(visibleDepartments(actor)).orderBy(asc(department.regionCode), asc(department.name)));
}

/** Live departments by id that the actor may dispatch to. */
export async function departmentsVisibleTo(db: Db, actor: Actor, ids: readonly string[]): Promise<Map<string, { id: string; name: string; regionCode: string }>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .select({ id: department.id, name: department.name, regionCode: department.regionCode })
    .from(department)
    .where(and(inArray(department.id, [...new Set(ids)]), visibleDepartments(actor)));
  return new Map(found.map((d) => [d.id, d]));
}

export async function departmentNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const found = await db.select({ id: department.id, name: department.name }).from(department).where(inArray(department.id, [...new Set(ids)]));
  return new Map(found.map((d) => [d.id, d.name]));
}

/** The departments an account handles tickets for (part of its scope). */
export async function departmentsOfUser(db: Db, userId: string): Promise<string[]> {
  const found = await db.select({ departmentId: departmentMember.departmentId }).from(departmentMember).where(eq(departmentMember.userId, userId));
  return found.map((m) => m.departmentId);
}

/** The accounts of some departments (for notifications). */
export async function departmentUserIds(db: Db, departmentIds: readonly string[]): Promise<string[]> {
  if (departmentIds.length === 0) return [];
  const found = await db.select({ userId: departmentMember.userId }).from(departmentMember).where(inArray(departmentMember.departmentId, [...new Set(departmentIds)]));
  return found.map((m) => m.userId);
}

export async function findDepartmentByName(db: Db, regionCode: string, name: string): Promise<string | null> {
  const [d] = await db.select({ id: department.id }).from(department).where(and(eq(department.regionCode, regionCode), eq(department.name, name), isNull(department.deletedAt)));
  return d?.id ?? null;
}

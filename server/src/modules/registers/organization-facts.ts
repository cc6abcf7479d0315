/**
 * What other modules may know of organisations and their employees (the enterprises module's
 * resumption, health and screening lists): names, kinds, places, the contact (phone masked, and
 * its ciphertext for an SMS through the outbox), employees with masked ID numbers and phones.
 * Live records only, always within the caller's scope; the caller audits what it shows.
 */
import { and, asc, count, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { underRegion } from '../../platform/scope.js';
import { scopeWhere } from './engine.js';
import { textSearch } from './name-search.js';
import { organization, organizationEmployee, resident } from './tables.js';

export interface OrganizationFacts {
  id: string;
  name: string;
  kind: string;
  gridId: string;
  regionCode: string;
  contactName: string | null;
  contactPhoneMasked: string | null;
  contactPhoneCipher: Buffer | null;
  lon: number | null;
  lat: number | null;
}

export interface EmployeeFacts {
  organizationId: string;
  residentId: string;
  name: string;
  idMasked: string;
  phoneMasked: string | null;
  position: string | null;
  isContact: boolean;
}

const factColumns = {
  id: organization.id, name: organization.name, kind: organization.kind, gridId: organization.gridId, regionCode: organization.regionCode,
  contactName: organization.contactName, contactPhoneMasked: organization.contactPhoneMasked, contactPhoneCipher: organization.contactPhoneCipher,
  lon: organization.lon, lat: organization.lat,
};

/** Live organisations by id, within the actor's scope (all of them for the system, `actor` null). */
export async function organizationFacts(db: Db, actor: Actor | null, ids: readonly string[]): Promise<Map<string, OrganizationFacts>> {
  if (ids.length === 0) return new Map();
  const found = await db
    .select(factColumns)
    .from(organization)
    .where(and(inArray(organization.id, [...new Set(ids)]), isNull(organization.deletedAt), actor ? scopeWhere(actor, organization) : undefined));
  return new Map(found.map((o) => [o.id, o]));
}

/** The employees of some organisations, by name (the caller has checked the organisations' scope). */
export async function organizationEmployees(db: Db, organizationIds: readonly string[]): Promise<EmployeeFacts[]> {
  if (organizationIds.length === 0) return [];
  return db
    .select({
      organizationId: organizationEmployee.organizationId, residentId: organizationEmployee.residentId, name: resident.name, idMasked: resident.idMasked,
      phoneMasked: resident.phoneMasked, position: organizationEmployee.position, isContact: organizationEmployee.isContact,
    })
    .from(organizationEmployee)
    .innerJoin(resident, and(eq(resident.id, organizationEmployee.residentId), isNull(resident.deletedAt)))
    .where(inArray(organizationEmployee.organizationId, [...new Set(organizationIds)]))
    .orderBy(asc(organizationEmployee.organizationId), asc(resident.name), asc(resident.id));
}

export interface OrganizationQuery {
  q?: string;
  region?: string;
  kinds?: readonly string[];
  page: number;
  pageSize: number;
}

/**
 * A page of the live organisations in the actor's scope, by name. `also` adds the caller's own
 * condition on the organisation's id (an `exists` over its own table), so that a module filters
 * by what it keeps about organisations without reading the register's tables.
 */
export async function scopedOrganizations(db: Db, actor: Actor, q: OrganizationQuery, also?: (organizationId: SQL) => SQL | undefined): Promise<{ items: OrganizationFacts[]; total: number }> {
  const where = and(
    isNull(organization.deletedAt),
    scopeWhere(actor, organization),
    q.region ? underRegion(organization.regionCode, q.region) : undefined,
    q.kinds?.length ? inArray(organization.kind, [...q.kinds]) : undefined,
    q.q ? textSearch(q.q, { name: organization.name, address: organization.address }) : undefined,
    also?.(sql`${organization.id}`),
  );
  const [items, [total]] = await Promise.all([
    db.select(factColumns).from(organization).where(where).orderBy(organization.name, organization.id).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(organization).where(where),
  ]);
  return { items, total: Number(total?.n ?? 0) };
}

/** Adds a resident as an employee of an organisation unless they are one (the demo's staff lists). */
export async function addDemoEmployees(db: Db, rows: readonly { organizationId: string; residentId: string; position: string | null; isContact: boolean; joinedAt: Date }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(organizationEmployee).values([...rows]).onConflictDoNothing();
}

/** Some live organisations of some grids, of some kinds, by name (the demo picks enterprises from them). */
export async function organizationsInGrids(db: Db, gridIds: readonly string[], kinds: readonly string[], limit: number): Promise<OrganizationFacts[]> {
  if (gridIds.length === 0) return [];
  return db
    .select(factColumns)
    .from(organization)
    .where(and(inArray(organization.gridId, [...gridIds]), inArray(organization.kind, [...kinds]), isNull(organization.deletedAt)))
    .orderBy(organization.name, organization.id)
    .limit(limit);
}

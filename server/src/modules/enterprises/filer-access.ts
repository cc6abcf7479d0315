/**
 * Who reaches an enterprise: staff through their scope (a grid worker their grid, an operator their
 * region), a portal account through its current link as the enterprise's filer (企业填报人). A
 * link is read on every request, so revoking it ends access at once. Anything not reached is
 * "not found", whoever asks.
 */
import { and, eq, inArray, isNull, sql, type Column, type SQL } from 'drizzle-orm';
import type { Permission } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { organizationFacts, type OrganizationFacts } from '../registers/organization-facts.js';
import { enterpriseFiler } from './tables.js';

/** The permissions that reach enterprises through the holder's scope. */
const STAFF: readonly Permission[] = ['enterprise:read', 'enterprise:write', 'enterprise:review'];
/** The permission that reaches enterprises through a link. */
export const FILER_PERMISSION: Permission = 'enterprise:file';

/** SQL: the organisation in `column` is one the actor is currently linked to. */
export function linkedTo(actor: Actor, column: Column): SQL {
  return sql`${column} in (select ${enterpriseFiler.organizationId} from ${enterpriseFiler} where ${enterpriseFiler.userId} = ${actor.id} and ${enterpriseFiler.revokedAt} is null)`;
}

/** Which of the organisations the account is currently linked to (all of them when `ids` is omitted). */
export async function linkedOrganizations(db: Db, userId: string, ids?: readonly string[]): Promise<Set<string>> {
  if (ids && ids.length === 0) return new Set();
  const found = await db
    .select({ organizationId: enterpriseFiler.organizationId })
    .from(enterpriseFiler)
    .where(and(eq(enterpriseFiler.userId, userId), isNull(enterpriseFiler.revokedAt), ids ? inArray(enterpriseFiler.organizationId, [...new Set(ids)]) : undefined));
  return new Set(found.map((f) => f.organizationId));
}

/** The accounts currently linked to an organisation (a live event's readers among filers). */
export async function currentFilers(db: Db, organizationId: string): Promise<string[]> {
  const found = await db.select({ userId: enterpriseFiler.userId }).from(enterpriseFiler).where(and(eq(enterpriseFiler.organizationId, organizationId), isNull(enterpriseFiler.revokedAt)));
  return found.map((f) => f.userId);
}

/** The organisations the actor reaches: by scope for staff, by link for a filer. */
export async function reachableEnterprises(db: Db, actor: Actor, ids: readonly string[]): Promise<Map<string, OrganizationFacts>> {
  const [scoped, linked] = await Promise.all([
    STAFF.some((p) => actor.permissions.includes(p)) ? organizationFacts(db, actor, ids) : new Map<string, OrganizationFacts>(),
    actor.permissions.includes(FILER_PERMISSION) ? linkedOrganizations(db, actor.id, ids).then((l) => organizationFacts(db, null, [...l])) : new Map<string, OrganizationFacts>(),
  ]);
  return new Map([...scoped, ...linked]);
}

/** The enterprise, if the actor reaches it; "not found" otherwise. */
export async function reachableEnterprise(db: Db, actor: Actor, id: string): Promise<OrganizationFacts> {
  const org = (await reachableEnterprises(db, actor, [id])).get(id);
  if (!org) throw notFound();
  return org;
}

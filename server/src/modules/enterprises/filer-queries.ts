/** Reads of filers' links: an enterprise's links (its staff's view) and a filer's own enterprises (the portal's "My enterprise"). */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { FilerLink, MyEnterprise } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { accountById, accountNames } from '../../platform/accounts/accounts.js';
import { recordVisible } from '../../platform/scope.js';
import { gridNames } from '../grids/queries.js';
import { organizationEmployees, organizationFacts } from '../registers/organization-facts.js';
import { enterpriseApplication, enterpriseFiler } from './tables.js';
import { linkedOrganizations } from './filer-access.js';
import { enterpriseOfScope } from './link-filer.js';
import { ENTERPRISE_KINDS, summaries } from './queries.js';
import { APPLICATION_VISIBILITY } from './workflow.js';

/** The links of an enterprise of the caller's scope, current first, then the revoked ones. */
export async function listFilers(db: Db, ctx: ActorContext, organizationId: string): Promise<{ items: FilerLink[] }> {
  const org = await enterpriseOfScope(db, ctx, organizationId);
  const links = await db.select().from(enterpriseFiler).where(eq(enterpriseFiler.organizationId, org.id)).orderBy(desc(enterpriseFiler.grantedAt));
  const [accounts, names] = await Promise.all([
    Promise.all([...new Set(links.map((l) => l.userId))].map((id) => accountById(db, id))),
    accountNames(db, links.flatMap((l) => [l.grantedBy, l.revokedBy])),
  ]);
  const byId = new Map(accounts.flatMap((a) => (a ? [[a.id, a] as const] : [])));
  const items = links
    .map((l) => ({
      userId: l.userId, username: byId.get(l.userId)?.username ?? '', displayName: byId.get(l.userId)?.displayName ?? '',
      grantedBy: names.get(l.grantedBy) ?? null, grantedAt: l.grantedAt.toISOString(), revokedBy: l.revokedBy ? (names.get(l.revokedBy) ?? null) : null, revokedAt: l.revokedAt?.toISOString() ?? null,
    }))
    .sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null));
  return { items };
}

/** The enterprises the filer is linked to now: employees (masked numbers), the latest application, whether it is approved to resume. */
export async function myEnterprises(db: Db, actor: Actor, now: Date): Promise<{ items: MyEnterprise[] }> {
  const ids = [...(await linkedOrganizations(db, actor.id))];
  if (ids.length === 0) return { items: [] };
  const orgs = [...(await organizationFacts(db, null, ids)).values()].filter((o) => (ENTERPRISE_KINDS as readonly string[]).includes(o.kind));
  const [employees, grids, latest] = await Promise.all([
    organizationEmployees(db, orgs.map((o) => o.id)),
    gridNames(db, orgs.map((o) => o.gridId)),
    db
      .selectDistinctOn([enterpriseApplication.organizationId])
      .from(enterpriseApplication)
      .where(and(inArray(enterpriseApplication.organizationId, ids), recordVisible(actor, APPLICATION_VISIBILITY)))
      .orderBy(enterpriseApplication.organizationId, desc(enterpriseApplication.createdAt)),
  ]);
  const applications = new Map((await summaries(db, actor, latest, now)).map((a) => [a.organizationId, a]));
  const items = orgs
    .map((o) => {
      const application = applications.get(o.id) ?? null;
      return {
        id: o.id, name: o.name, gridId: o.gridId, gridName: grids.get(o.gridId) ?? '', regionCode: o.regionCode,
        employees: employees.filter((e) => e.organizationId === o.id).map((e) => ({ residentId: e.residentId, name: e.name, position: e.position, idMasked: e.idMasked })),
        application,
        resumed: application?.status === 'approved',
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return { items };
}

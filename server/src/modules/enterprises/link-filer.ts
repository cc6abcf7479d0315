/**
 * Links a portal account (role resident, found by its exact username) to an enterprise of the
 * caller's scope as its filer (企业填报人). The enterprise is checked first, so an enterprise out of
 * scope is "not found" whatever the username. Audited `enterprise_filer.grant`.
 */
import { randomUUID } from 'node:crypto';
import type { FilerLinkInput } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { organizationFacts, type OrganizationFacts } from '../registers/organization-facts.js';
import { enterpriseFiler } from './tables.js';
import { ENTERPRISE_KINDS } from './queries.js';

/** An enterprise (or shop) of the caller's own scope: "not found" otherwise. */
export async function enterpriseOfScope(db: Db, ctx: ActorContext, id: string): Promise<OrganizationFacts> {
  const org = (await organizationFacts(db, ctx.actor, [id])).get(id);
  if (!org || !(ENTERPRISE_KINDS as readonly string[]).includes(org.kind)) throw notFound();
  return org;
}

export async function linkFiler(db: Db, ctx: ActorContext, organizationId: string, input: FilerLinkInput): Promise<string> {
  const org = await enterpriseOfScope(db, ctx, organizationId);
  const account = await accountByUsername(db, input.username);
  if (!account || account.username !== input.username) throw new AppError('ENTERPRISE_FILER_UNKNOWN_ACCOUNT', { fields: [{ field: 'username', code: 'ENTERPRISE_FILER_UNKNOWN_ACCOUNT' }] });
  if (account.role !== 'resident') throw new AppError('ENTERPRISE_FILER_NOT_RESIDENT', { fields: [{ field: 'username', code: 'ENTERPRISE_FILER_NOT_RESIDENT' }] });
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    // At most one current link (partial unique index): a second one, even from a concurrent request, inserts nothing.
    const [made] = await tx
      .insert(enterpriseFiler)
      .values({ id: randomUUID(), organizationId: org.id, userId: account.id, grantedBy: ctx.actor.id, grantedAt: now })
      .onConflictDoNothing()
      .returning({ id: enterpriseFiler.id });
    if (!made) throw new AppError('ENTERPRISE_FILER_ALREADY_LINKED', { fields: [{ field: 'username', code: 'ENTERPRISE_FILER_ALREADY_LINKED' }] });
    await writeAudit(tx, ctx, { action: 'enterprise_filer.grant', objectType: 'organization', objectId: org.id, regionCode: org.regionCode, details: { userId: account.id, username: account.username } });
  });
  return account.id;
}

/**
 * Ends an account's link to an enterprise of the caller's scope: from the next request on, the
 * account reaches nothing of the enterprise. A link that is not current is "not found". Audited
 * `enterprise_filer.revoke`.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { enterpriseFiler } from './tables.js';
import { enterpriseOfScope } from './link-filer.js';

export async function unlinkFiler(db: Db, ctx: ActorContext, organizationId: string, userId: string): Promise<void> {
  const org = await enterpriseOfScope(db, ctx, organizationId);
  await db.transaction(async (tx) => {
    const [ended] = await tx
      .update(enterpriseFiler)
      .set({ revokedAt: ctx.clock.now(), revokedBy: ctx.actor.id })
      .where(and(eq(enterpriseFiler.organizationId, org.id), eq(enterpriseFiler.userId, userId), isNull(enterpriseFiler.revokedAt)))
      .returning({ id: enterpriseFiler.id });
    if (!ended) throw notFound();
    await writeAudit(tx, ctx, { action: 'enterprise_filer.revoke', objectType: 'organization', objectId: org.id, regionCode: org.regionCode, details: { userId } });
  });
}

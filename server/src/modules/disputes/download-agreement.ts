/** The agreement of a dispute the caller may read, as a .docx; every download audited. */
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { departmentNames } from '../departments/queries.js';
import { agreementDocument } from './agreement-document.js';
import { getDispute } from './queries.js';

export async function downloadAgreement(db: Db, ctx: ActorContext, id: string): Promise<{ fileName: string; bytes: Buffer }> {
  const d = await getDispute(db, ctx.actor, id, ctx.clock.now());
  if (!d.agreement) throw new AppError('DISPUTE_NO_AGREEMENT');
  const org = d.departmentId ? ((await departmentNames(db, [d.departmentId])).get(d.departmentId) ?? null) : null;
  const bytes = await agreementDocument(d, org);
  // Audited after the document is made, before it leaves: a download that cannot be audited does not happen.
  await writeAudit(db, ctx, { action: 'dispute.agreement_download', objectType: 'dispute', objectId: d.id, regionCode: d.regionCode, details: { bytes: bytes.length } });
  return { fileName: `人民调解协议书-${d.name}.docx`, bytes };
}

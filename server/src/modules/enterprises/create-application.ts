/**
 * Drafts a resumption application for an enterprise the filer reaches (staff: their scope; a
 * portal account: its link as the enterprise's filer): the answers to a
 * published version of `enterprises.resumption` (validated from the definition) and the staff
 * list from its employees. One open application per enterprise. Audited, on the live feed.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import { RESUMPTION_FORM_KEY, type ApplicationInput } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { validateSubmission } from '../../platform/forms/validate-submission.js';
import { localDate } from '../../platform/time-zone.js';
import { currentFilers, reachableEnterprises } from './filer-access.js';
import { enterpriseApplication } from './tables.js';
import { checkedStaff } from './staff.js';
import { applicationScope } from './workflow.js';

const OPEN = ['draft', 'submitted', 'returned', 'approved'];

/** The answers validated against the form version they name; a missing or retired version is a field error. */
export async function checkedAnswers(db: Db, ctx: ActorContext, formVersion: number, answers: unknown) {
  return validateSubmission(db, RESUMPTION_FORM_KEY, formVersion, answers, localDate(ctx.clock.now()), ctx.locale).catch((error: unknown) => {
    if (error instanceof AppError && (error.code === 'NOT_FOUND' || error.code === 'FORM_RETIRED')) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'formVersion', code: 'FORM_VERSION_INVALID' }] });
    throw error;
  });
}

export async function createApplication(db: Db, ctx: ActorContext, input: ApplicationInput): Promise<string> {
  const org = (await reachableEnterprises(db, ctx.actor, [input.organizationId])).get(input.organizationId);
  if (!org) throw new AppError('ENTERPRISE_NOT_FOUND', { fields: [{ field: 'organizationId', code: 'ENTERPRISE_NOT_FOUND' }] });
  const submission = await checkedAnswers(db, ctx, input.formVersion, input.answers);
  const staff = await checkedStaff(db, org.id, input.staff);
  const now = ctx.clock.now();
  const id = randomUUID();
  const row = {
    id,
    number: `FG${localDate(now).replaceAll('-', '')}-${id.slice(0, 6).toUpperCase()}`,
    organizationId: org.id,
    gridId: org.gridId,
    regionCode: org.regionCode,
    status: 'draft',
    formKey: RESUMPTION_FORM_KEY,
    formVersion: submission.version,
    answers: submission.value,
    staff,
    resumeOn: typeof submission.value.resume_on === 'string' ? submission.value.resume_on : null,
    version: 1,
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
  };
  await db.transaction(async (tx) => {
    const [open] = await tx
      .select({ id: enterpriseApplication.id })
      .from(enterpriseApplication)
      .where(and(eq(enterpriseApplication.organizationId, org.id), inArray(enterpriseApplication.status, OPEN)))
      .for('update');
    if (open) throw new AppError('ENTERPRISE_APPLICATION_OPEN', { fields: [{ field: 'organizationId', code: 'ENTERPRISE_APPLICATION_OPEN' }] });
    await tx.insert(enterpriseApplication).values(row);
    await writeAudit(tx, ctx, {
      action: 'enterprise_application.create', objectType: 'enterprise_application', objectId: id, regionCode: org.regionCode,
      details: { number: row.number, organizationId: org.id, form: `${RESUMPTION_FORM_KEY}@${submission.version}`, staff: staff.length, returning: staff.filter((s) => s.returning).length, alerts: submission.alerts.map((a) => a.key) },
    });
    await publishLive(tx, { type: 'enterprise_application.changed', regionCode: org.regionCode, id, at: now.toISOString(), data: { action: 'create', status: 'draft' }, scope: applicationScope(row, await currentFilers(tx, org.id)) });
  });
  return id;
}

/**
 * The full value of an ID number or phone kept in an archive's answers (a guardian's), for a
 * holder of `keyperson:unmask` who may open the archive (a minor's with an approval), with a
 * reason. It spends one unit of the same per-user unmask budget as the registers and the
 * disputes (registers/unmask-budget.ts) and is audited with the reason and the person as the
 * data subject, in one transaction.
 */
import { publishedForm } from '../../platform/forms/queries.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { localDate } from '../../platform/time-zone.js';
import { spendUnmaskBudget } from '../registers/unmask-budget.js';
import { approvedFor } from './queries.js';
import { isMinor } from './schedule.js';
import { loadKeyPerson } from './workflow.js';

const REVEALABLE = new Set(['id_number', 'phone']);

export async function unmaskKeyPersonAnswer(kit: Pick<Kit, 'db' | 'config'>, ctx: ActorContext, id: string, request: { reason: string; field: string }): Promise<{ field: string; value: string }> {
  return kit.db.transaction(async (tx) => {
    const row = await loadKeyPerson(tx, ctx.actor, id);
    const now = ctx.clock.now();
    if (isMinor(row.birthDate, localDate(now)) && !(await approvedFor(tx, ctx.actor, [row.id], now)).has(row.id)) throw new AppError('KEYPERSON_MINOR_APPROVAL_REQUIRED');
    const form = await publishedForm(tx, row.formKey, row.formVersion).catch(() => null);
    const field = form?.definition.fields.find((f) => f.key === request.field);
    const value = (row.answers as Record<string, unknown>)[request.field];
    if (!field || !REVEALABLE.has(field.type) || typeof value !== 'string' || value === '') throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'field', code: 'NOT_FOUND' }] });
    await spendUnmaskBudget(tx, ctx, kit.config.unmaskPerHour);
    await writeAudit(tx, ctx, { action: 'key_person.unmask', objectType: 'key_person', objectId: row.id, subject: row.residentId, regionCode: row.regionCode, details: { field: request.field, reason: request.reason } });
    return { field: request.field, value };
  });
}

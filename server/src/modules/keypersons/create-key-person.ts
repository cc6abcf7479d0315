/**
 * Enrols a resident in a category: the resident must be in the caller's scope, the category
 * active, the answers valid against the category's published form, the responsible worker an
 * account of the resident's grid. The first visit falls due one interval after enrolment.
 */
import { randomUUID } from 'node:crypto';
import { KP_RELEASED_PRISONER, type ErrorCode, type KpManagementLevel, type KpRiskLevel } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { placeInScope } from '../../platform/scope.js';
import { validateSubmission } from '../../platform/forms/validate-submission.js';
import { claimAttachments } from '../../platform/files/attachments.js';
import { gridAccounts } from '../../platform/accounts/accounts.js';
import { localDate } from '../../platform/time-zone.js';
import { residentFacts } from '../registers/person-facts.js';
import { activeCategory, intervalFor, visitRules } from './categories.js';
import { keyPerson, kpRiskChange } from './tables.js';
import { addDays } from './schedule.js';

export interface KeyPersonInput {
  residentId: string;
  categoryCode: string;
  riskLevel: KpRiskLevel;
  managementLevel?: KpManagementLevel;
  answers: Record<string, unknown>;
  workerId?: string;
  helpers: { name: string; role: string }[];
}

const invalid = (field: string, code: ErrorCode) => new AppError(code, { fields: [{ field, code }] });

export async function createKeyPerson(db: Db, ctx: ActorContext, input: KeyPersonInput): Promise<string> {
  const person = (await residentFacts(db, [input.residentId])).get(input.residentId);
  if (!person || !placeInScope(ctx.actor, person) || ctx.actor.gridId !== null) throw invalid('residentId', 'KEYPERSON_RESIDENT_INVALID');
  const category = await activeCategory(db, input.categoryCode);
  if (!category) throw invalid('categoryCode', 'KEYPERSON_CATEGORY_INVALID');
  if (input.managementLevel && input.categoryCode !== KP_RELEASED_PRISONER) throw invalid('managementLevel', 'KEYPERSON_MANAGEMENT_LEVEL_INVALID');
  if (input.workerId && !(await gridAccounts(db, 'keyperson:visit', [person.gridId])).some((a) => a.id === input.workerId)) throw invalid('workerId', 'VALIDATION_FAILED');
  const now = ctx.clock.now();
  const form = await validateSubmission(db, category.formKey, undefined, input.answers, localDate(now), ctx.locale);
  const interval = intervalFor(await visitRules(db), person.regionCode, input.categoryCode, input.riskLevel);
  const id = randomUUID();
  const managementLevel = input.categoryCode === KP_RELEASED_PRISONER ? (input.managementLevel ?? 'normal') : null;
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(keyPerson)
      .values({
        id, residentId: person.id, categoryCode: category.code, formKey: form.key, formVersion: form.version, answers: form.value,
        riskLevel: input.riskLevel, managementLevel, status: 'active', regionCode: person.regionCode, gridId: person.gridId,
        workerId: input.workerId ?? null, helpers: input.helpers, birthDate: person.birthDate, visitIntervalDays: interval,
        nextVisitDue: addDays(now, interval), version: 1, createdBy: ctx.actor.id, createdAt: now, updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: keyPerson.id });
    if (inserted.length === 0) throw new AppError('KEYPERSON_DUPLICATE', { fields: [{ field: 'categoryCode', code: 'KEYPERSON_DUPLICATE' }] });
    await claimAttachments(tx, { userId: ctx.actor.id }, form.attachmentIds, { type: 'key_person', id }, 'answers', now);
    await tx.insert(kpRiskChange).values([
      { id: randomUUID(), keyPersonId: id, field: 'risk', fromLevel: null, toLevel: input.riskLevel, reason: '建档', changedBy: ctx.actor.id, changedAt: now },
      ...(managementLevel ? [{ id: randomUUID(), keyPersonId: id, field: 'management', fromLevel: null, toLevel: managementLevel, reason: '建档', changedBy: ctx.actor.id, changedAt: now }] : []),
    ]);
    await writeAudit(tx, ctx, { action: 'key_person.create', objectType: 'key_person', objectId: id, subject: person.id, regionCode: person.regionCode, details: { category: category.code, risk: input.riskLevel, managementLevel } });
    await publishLive(tx, { type: 'key_person.changed', regionCode: person.regionCode, gridId: person.gridId, id, at: now.toISOString(), data: { action: 'create' }, scope: { record: 'key_person', regionCode: person.regionCode, gridId: person.gridId, state: 'active' } });
  });
  return id;
}

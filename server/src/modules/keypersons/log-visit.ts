/**
 * A visit (走访) logged from the field, usually a grid worker's phone: the id is made by the
 * phone, so sending it again (a retry on a poor connection, the offline queue) is the same visit.
 * The person's next visit falls due one interval after the latest visit.
 */
import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { claimAttachments } from '../../platform/files/attachments.js';
import { publishLive } from '../../platform/live/live.js';
import { placeInScope } from '../../platform/scope.js';
import { dayStart, localDate } from '../../platform/time-zone.js';
import { validateSubmission } from '../../platform/forms/validate-submission.js';
import { addDays } from './schedule.js';
import { VISIT_FORM_KEY } from './shipped.js';
import { keyPerson, kpVisit } from './tables.js';
import { kpScope, loadKeyPerson, type KeyPersonRow } from './workflow.js';

export interface VisitInput {
  clientId: string;
  visitedOn: string;
  way: string;
  findings: string;
  lon?: number;
  lat?: number;
  photoIds: string[];
  /** Answers to the visit form (`keypersons.visit`), validated from its published definition. */
  answers: Record<string, unknown>;
  formVersion?: number;
}

/** Whoever holds `keyperson:visit` over the person's current place. */
export function canVisit(actor: Actor, row: KeyPersonRow): boolean {
  return actor.permissions.includes('keyperson:visit') && placeInScope(actor, row);
}

/**
 * Logs the visit; returns whether it was new (false: the same visit was already logged). The
 * route is also idempotent by `Idempotency-Key` (the offline queue's resend); the phone-made id
 * keeps a resend without the header (or after the key was purged) from logging twice.
 */
export async function logVisit(db: Db, ctx: ActorContext, id: string, input: VisitInput): Promise<boolean> {
  const now = ctx.clock.now();
  if (input.visitedOn > localDate(now)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'visitedOn', code: 'DATE_IN_FUTURE' }] });
  if ((input.lon === undefined) !== (input.lat === undefined)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: input.lon === undefined ? 'lon' : 'lat', code: 'REQUIRED' }] });
  const form = await validateSubmission(db, VISIT_FORM_KEY, input.formVersion, input.answers, localDate(now), ctx.locale);
  return db.transaction(async (tx) => {
    const row = await loadKeyPerson(tx, ctx.actor, id, true);
    const [same] = await tx.select({ keyPersonId: kpVisit.keyPersonId, visitedBy: kpVisit.visitedBy }).from(kpVisit).where(eq(kpVisit.id, input.clientId));
    if (same) {
      if (same.keyPersonId !== row.id || same.visitedBy !== ctx.actor.id) throw new AppError('KEYPERSON_VISIT_CONFLICT', { fields: [{ field: 'clientId', code: 'KEYPERSON_VISIT_CONFLICT' }] });
      return false;
    }
    if (!canVisit(ctx.actor, row)) throw new AppError('FORBIDDEN', { action: 'visit' });
    await tx.insert(kpVisit).values({
      id: input.clientId, keyPersonId: row.id, visitedOn: input.visitedOn, way: input.way, findings: input.findings,
      lon: input.lon ?? null, lat: input.lat ?? null, photoIds: input.photoIds, formKey: form.key, formVersion: form.version, answers: form.value,
      visitedBy: ctx.actor.id, createdAt: now,
    });
    await claimAttachments(tx, { userId: ctx.actor.id }, input.photoIds, { type: 'kp_visit', id: input.clientId }, 'photoIds', now);
    await claimAttachments(tx, { userId: ctx.actor.id }, form.attachmentIds, { type: 'kp_visit', id: input.clientId }, 'answers', now);
    // The visit counts from the start of its day (a visit logged late does not move the schedule past it).
    const at = dayStart(input.visitedOn);
    if (!row.lastVisitAt || at > row.lastVisitAt) {
      await tx.update(keyPerson).set({ lastVisitAt: at, nextVisitDue: addDays(at, row.visitIntervalDays), updatedAt: now }).where(eq(keyPerson.id, row.id));
    }
    await writeAudit(tx, ctx, { action: 'key_person.visit', objectType: 'key_person', objectId: row.id, subject: row.residentId, regionCode: row.regionCode, details: { visitId: input.clientId, visitedOn: input.visitedOn, way: input.way, photos: input.photoIds.length, form: `${form.key}@${form.version}`, riskSigns: riskSigns(form.value) } });
    await publishLive(tx, { type: 'key_person.changed', regionCode: row.regionCode, gridId: row.gridId, id: row.id, at: now.toISOString(), data: { action: 'visit' }, scope: kpScope(row) });
    return true;
  });
}

/** The risk observations ticked (for the audit entry: codes, no free text). */
function riskSigns(answers: Record<string, unknown>): string[] {
  const signs = answers.risk_signs;
  return Array.isArray(signs) ? signs.filter((s): s is string => typeof s === 'string') : [];
}

/** Who may read a visit's photo: whoever may read the archive it belongs to. */
export async function visitReadable(db: Db, actor: Actor, visitId: string): Promise<boolean> {
  const [found] = await db.select({ keyPersonId: kpVisit.keyPersonId }).from(kpVisit).where(eq(kpVisit.id, visitId));
  if (!found) return false;
  return loadKeyPerson(db, actor, found.keyPersonId).then(() => true, () => false);
}

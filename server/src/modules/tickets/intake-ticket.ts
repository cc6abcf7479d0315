/**
 * Files a report from any source: locate the grid from the point, take or suggest the category,
 * check extra questions, note possible duplicates, then write the ticket, its first timeline
 * event, notifications (outbox for SMS), the dispatch-limit timer and the audit entry in one
 * transaction. The audit entry comes last: the audit chain's lock is held from there until the
 * commit, and every report (every audited change) waits for it.
 */
import { randomUUID } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import { DEFAULT_LIMITS, type CustomField, type HandlingLevel, type IntakeCheck, type TicketSource } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { codeInSubtree } from '../../platform/scope.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { publishLive } from '../../platform/live/live.js';
import { checkPhone, protect } from '../registers/personal-data.js';
import type { TicketDeps } from './deps.js';
import { checkCustomFields, findActiveCategory } from './categories.js';
import { findDuplicates, suggestedCategory } from './check-intake.js';
import { levelOfRegion } from './flow.js';
import { scheduleLimit } from './limit-timer.js';
import { notify } from './notify.js';
import { appendEvent } from './timeline.js';
import { attachment, ticket } from './tables.js';

export interface IntakeInput {
  source?: TicketSource;
  categoryId?: string;
  description: string;
  address?: string;
  lon?: number;
  lat?: number;
  emergency: boolean;
  reporterName?: string;
  reporterPhone?: string;
  customFields: Record<string, unknown>;
  photoIds: string[];
}

const SOURCE_OF_ROLE: Record<string, TicketSource> = {
  resident: 'resident',
  grid_worker: 'grid_worker',
  operator: 'hotline',
  department_handler: 'department',
};

function dayStamp(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, '');
}

export async function intakeTicket(
  deps: TicketDeps,
  ctx: RequestContext,
  input: IntakeInput,
  via: { apiClientId?: string; regionCode?: string } = {},
): Promise<{ id: string; number: string; duplicates: IntakeCheck['duplicates'] }> {
  const actor = ctx.actor;
  const now = ctx.clock.now();
  const source = input.source ?? (actor ? SOURCE_OF_ROLE[actor.role] : 'api') ?? 'api';
  if (input.lon === undefined !== (input.lat === undefined)) throw new AppError('VALIDATION_FAILED', { field: 'lon/lat' });
  if (input.lon === undefined && !input.address) throw new AppError('TICKET_LOCATION_REQUIRED');

  const grid = input.lon !== undefined && input.lat !== undefined ? await deps.locator.lookup(input.lon, input.lat) : null;
  if (input.lon !== undefined && !grid) throw new AppError('TICKET_OUTSIDE_AREA');
  const regionCode = grid?.regionCode ?? via.regionCode ?? actor?.regionCode;
  if (!regionCode) throw new AppError('TICKET_LOCATION_REQUIRED');
  // Staff file reports within their own scope; residents and API clients anywhere served.
  if (actor && actor.role !== 'resident' && !codeInSubtree(regionCode, actor.regionPrefix)) throw new AppError('TICKET_OUTSIDE_AREA');

  // The category (given, or the suggester's first choice) and possible duplicates, looked up together.
  const [category, duplicates] = await Promise.all([
    input.categoryId ? findActiveCategory(deps.db, input.categoryId) : suggestedCategory(deps, input.description),
    findDuplicates(deps.db, now, { description: input.description, lon: input.lon, lat: input.lat, regionCode }),
  ]);
  if (!category) throw new AppError('TICKET_CATEGORY_INVALID');
  const categoryId = category.id;
  const customFields = checkCustomFields(category.customFields as CustomField[], input.customFields);

  let phone = null;
  if (input.reporterPhone) {
    const checked = checkPhone(input.reporterPhone);
    if (!checked.ok) throw new AppError('PHONE_INVALID', { fields: [{ field: 'reporterPhone', code: 'PHONE_INVALID' }] });
    phone = protect(deps.vault, 'phone', checked.value);
  }

  // Reports located in a grid start in the grid; hotline and department reports at the filer's level.
  const level: HandlingLevel = grid && (source === 'resident' || source === 'grid_worker' || source === 'device' || source === 'api') ? 'grid' : levelOfRegion(regionCode);
  const limits = input.emergency ? DEFAULT_LIMITS.emergency : category;
  const dispatchDueAt = new Date(now.getTime() + limits.dispatchMinutes * 60_000);

  const id = randomUUID();
  let number = '';
  await deps.db.transaction(async (tx) => {
    const photos = input.photoIds.length ? await tx.select().from(attachment).where(inArray(attachment.id, input.photoIds)) : [];
    if (photos.length !== input.photoIds.length) throw new AppError('VALIDATION_FAILED', { field: 'photoIds' });
    const row = {
      id,
      // The day and the running number (at least six digits), drawn from the sequence by the insert itself.
      number: sql`(select ${dayStamp(now)}::text || '-' || lpad(s.n, greatest(6, length(s.n)), '0') from (select nextval('ticket_number_seq')::text as n) s)`,
      source,
      categoryId,
      description: input.description,
      address: input.address ?? null,
      lon: input.lon ?? null,
      lat: input.lat ?? null,
      gridId: grid?.id ?? null,
      regionCode,
      level,
      status: 'reported',
      publicStatus: 'received',
      emergency: input.emergency,
      reporterUserId: actor?.role === 'resident' ? actor.id : null,
      reporterName: input.reporterName ?? (actor?.role === 'resident' ? actor.displayName : null),
      reporterPhoneCipher: phone?.cipher ?? null,
      reporterPhoneHash: phone?.hash ?? null,
      reporterPhoneMasked: phone?.masked ?? null,
      apiClientId: via.apiClientId ?? null,
      customFields,
      photos: photos.map((p) => ({ id: p.id, name: p.name, contentType: p.contentType, size: p.size })),
      dispatchDueAt,
      createdAt: now,
      updatedAt: now,
    };
    const [inserted] = await tx.insert(ticket).values(row).returning();
    number = inserted!.number;
    await appendEvent(tx, ctx, { ticketId: id, action: 'report', fromStatus: null, toStatus: 'reported', note: null, data: { source, possibleDuplicates: duplicates.map((d) => d.number) } });
    await notify(tx, now, inserted!, [{ kind: 'handlers', level }, { kind: 'reporter' }], {
      kind: 'reported', title: `新上报工单 ${number}`,
    });
    await scheduleLimit(deps.jobs, tx, id, 'dispatch', dispatchDueAt);
    await publishLive(tx, { type: 'ticket.created', regionCode, gridId: grid?.id, id, at: now.toISOString(), data: { number, categoryId, level, emergency: input.emergency, lon: input.lon ?? null, lat: input.lat ?? null } });
    await writeAudit(tx, ctx, { action: 'ticket.report', objectType: 'ticket', objectId: id, regionCode, details: { number, source, categoryId, gridId: grid?.id ?? null, emergency: input.emergency } });
  });
  return { id, number, duplicates };
}

/**
 * Files a report from any source: locate the grid from the point, take or suggest the category,
 * check extra questions, note possible duplicates, then write the ticket, its first timeline
 * event, notifications (outbox for SMS), the dispatch-limit timer, the live event and the audit
 * entry. The writes are one SQL statement (data-modifying CTEs), which commits on its own: a
 * report costs two round trips to the database (duplicates, then the statement) and holds the
 * audit chain's lock only for the end of that statement and its commit.
 */
import { randomUUID } from 'node:crypto';
import { inArray } from 'drizzle-orm';
import { DEFAULT_LIMITS, type CustomField, type HandlingLevel, type IntakeCheck, type Ticket, type TicketSource } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import { runPrepared, type Prepared } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { codeInSubtree } from '../../platform/scope.js';
import { auditAppendArgs, auditAppendCall } from '../../platform/audit/write-audit.js';
import { LIVE_CHANNEL, type LiveEvent } from '../../platform/live/live.js';
import { checkPhone, protect } from '../registers/personal-data.js';
import type { TicketDeps } from './deps.js';
import { checkCustomFields } from './categories.js';
import { findDuplicates } from './check-intake.js';
import { allowedActions, handlingRegion, levelOfRegion } from './flow.js';
import { LIMIT_JOB } from './limit-timer.js';
import { toTicket } from './queries.js';
import { actorDepartment, standingOf, type TicketRow } from './ticket-access.js';
import { attachment } from './tables.js';

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

/**
 * The writes of a report. The number is drawn from the sequence by the insert; the notice, the
 * SMS and the live event take it from the inserted row. Recipients are the handlers at the
 * ticket's level (the grid's workers, or the operators of the handling region) and the reporter
 * (as notify.ts chooses them); the timer is the job limit-timer.ts handles.
 */
const INTAKE: Prepared = {
  name: 'ticket_intake_v1',
  text: `
with t as (
  insert into ticket (id, number, source, category_id, description, address, lon, lat, grid_id, region_code, level, status, public_status, emergency,
    reporter_user_id, reporter_name, reporter_phone_cipher, reporter_phone_hash, reporter_phone_masked, api_client_id, tracking_hash,
    custom_fields, photos, dispatch_due_at, created_at, updated_at)
  select $1::uuid, $2::text || '-' || lpad(s.n, greatest(6, length(s.n)), '0'), $3::text, c.id, $5::text, $6::text, $7::float8, $8::float8, $9::uuid, $10::text,
    $11::text, 'reported', 'received', $12::boolean, $13::uuid, $14::text, $15::bytea, $16::bytea, $17::text, $18::uuid, $19::text,
    $20::jsonb, $21::jsonb, $22::timestamptz, $23::timestamptz, $23::timestamptz
  from ticket_category c, (select nextval('ticket_number_seq')::text as n) s
  where c.id = $4::uuid and c.active
  returning id, number, reporter_phone_cipher, reporter_phone_masked
), ev as (
  insert into ticket_event (ticket_id, seq, action, at, actor_id, actor_name, from_status, to_status, attachments, data, public)
  select t.id, 1, 'report', $23::timestamptz, $24::uuid, $25::text, null, 'reported', '[]'::jsonb, $26::jsonb, true from t
), recipients as (
  select u.id from app_user u, t
  where not u.disabled and (
    ($11::text = 'grid' and u.role = 'grid_worker' and u.scope_grid_id = $9::uuid)
    or ($11::text <> 'grid' and u.role = 'operator' and u.scope_region_code = $27::text and u.scope_grid_id is null))
  union
  select $13::uuid from t where $13::uuid is not null
), notice as (
  insert into notification (id, user_id, ticket_id, kind, title, created_at)
  select gen_random_uuid(), r.id, t.id, 'reported', '新上报工单 ' || t.number, $23::timestamptz from recipients r, t
), sms as (
  insert into outbox (id, channel, recipient, target_cipher, payload, status, next_attempt_at, created_at)
  select gen_random_uuid(), 'sms', coalesce(t.reporter_phone_masked, 'reporter'), t.reporter_phone_cipher,
    jsonb_build_object('ticket', t.number, 'kind', 'reported', 'text', '【网格治理】您反映的问题（编号' || t.number || '）新上报工单 ' || t.number),
    'pending', $23::timestamptz, $23::timestamptz
  from t where t.reporter_phone_cipher is not null
), timer as (
  insert into job (id, name, payload, run_at, singleton_key, max_attempts, created_at)
  select gen_random_uuid(), $28::text, $29::jsonb, $22::timestamptz, $30::text, 5, $23::timestamptz from t
  on conflict do nothing
), live as (
  select pg_notify('${LIVE_CHANNEL}', jsonb_set($31::jsonb, '{data,number}', to_jsonb(t.number))::text) from t
), audit as (
  select ${auditAppendCall(32)} from t
)
select t.number, (select count(*) from live) + (select count(*) from audit) as side from t`,
};

export async function intakeTicket(
  deps: TicketDeps,
  ctx: RequestContext,
  input: IntakeInput,
  via: { apiClientId?: string; regionCode?: string; trackingHash?: string } = {},
): Promise<{ id: string; number: string; duplicates: IntakeCheck['duplicates']; ticket: Ticket }> {
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
  const suggested = input.categoryId ? null : deps.suggester.suggest(input.description, 1)[0];
  const [category, duplicates, photos] = await Promise.all([
    input.categoryId ? deps.categories.active({ id: input.categoryId }) : suggested ? deps.categories.active({ code: suggested.code }) : null,
    findDuplicates(deps.db, now, { description: input.description, lon: input.lon, lat: input.lat, regionCode }),
    input.photoIds.length ? deps.db.select().from(attachment).where(inArray(attachment.id, input.photoIds)) : [],
  ]);
  if (!category) throw new AppError('TICKET_CATEGORY_INVALID');
  if (photos.length !== input.photoIds.length) throw new AppError('VALIDATION_FAILED', { field: 'photoIds' });
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
  const row: TicketRow = {
    id,
    number: '',
    source,
    categoryId: category.id,
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
    trackingHash: via.trackingHash ?? null,
    apiClientId: via.apiClientId ?? null,
    customFields,
    photos: photos.map((p) => ({ id: p.id, name: p.name, contentType: p.contentType, size: p.size })),
    dispatchDueAt,
    handleDueAt: null,
    overdue: false,
    supervised: false,
    rating: null,
    ratingComment: null,
    reopenUntil: null,
    duplicateOf: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  const live: LiveEvent = {
    type: 'ticket.created', regionCode, gridId: row.gridId ?? undefined, id, at: now.toISOString(),
    data: { categoryId: category.id, level, emergency: input.emergency, lon: row.lon, lat: row.lat },
  };
  const dueAt = dispatchDueAt.toISOString();
  const [written] = await runPrepared<{ number: string }>(deps.db, INTAKE, [
    id, dayStamp(now), source, category.id, row.description, row.address, row.lon, row.lat, row.gridId, regionCode,
    level, row.emergency, row.reporterUserId, row.reporterName, row.reporterPhoneCipher, row.reporterPhoneHash, row.reporterPhoneMasked, row.apiClientId, row.trackingHash,
    JSON.stringify(customFields), JSON.stringify(row.photos), dueAt, now.toISOString(),
    actor?.id ?? null, actor?.displayName ?? ctx.requestId ?? 'system', JSON.stringify({ source, possibleDuplicates: duplicates.map((d) => d.number) }),
    level === 'grid' ? null : handlingRegion(regionCode, level),
    LIMIT_JOB.name, JSON.stringify({ ticketId: id, kind: 'dispatch', dueAt }), `${LIMIT_JOB.name}:${id}:dispatch:${dueAt}`,
    JSON.stringify(live),
    ...auditAppendArgs(ctx, {
      action: 'ticket.report', objectType: 'ticket', objectId: id, regionCode,
      details: { source, categoryId: category.id, gridId: row.gridId, emergency: input.emergency },
    }),
  ]);
  // No row: the category was switched off since it was read.
  if (!written) throw new AppError('TICKET_CATEGORY_INVALID');
  row.number = written.number;

  // The answer is made from what was written: no read back.
  const departmentId = actor ? await actorDepartment(deps.db, actor) : null;
  const state = { status: 'reported' as const, level, rating: null, reopenUntil: null, supervised: false, hasPendingExtension: false };
  const actions = actor ? allowedActions(state, await standingOf(deps.db, actor, departmentId, row), now) : [];
  const ticket = toTicket(row, { category: category.name, grid: grid?.name ?? null, departments: new Map() }, [], actions);
  return { id, number: row.number, duplicates, ticket };
}

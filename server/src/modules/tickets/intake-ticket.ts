/**
 * Files a report from any source: locate the grid from the point, take or suggest the category,
 * check extra questions, then write the ticket, its first timeline event, notifications (outbox
 * for SMS), the dispatch-limit timer, the live event and the audit entry while the possible
 * duplicates are looked up, and note those on the timeline. The writes are one SQL statement
 * (data-modifying CTEs), which commits on its own, and reports filed at the same moment share
 * it (IntakeWriter), as they share the duplicate lookup (DuplicateFinder): under load a round
 * trip serves many reports, and the audit chain's lock is held once per statement.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { DEFAULT_LIMITS, type CustomField, type HandlingLevel, type IntakeCheck, type Ticket, type TicketOrigin, type TicketSource } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import { Batcher } from '../../platform/db/batcher.js';
import { runPrepared, type Db, type Prepared } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { placeInScope } from '../../platform/scope.js';
import { rolesWith } from '../../platform/accounts/accounts.js';
import { unclaimedUploads } from '../../platform/files/attachments.js';
import { localDate } from '../../platform/time-zone.js';
import type { Actor } from '../../platform/context.js';
import { AUDIT_APPEND_PARAMS, auditAppendArgs } from '../../platform/audit/write-audit.js';
import { LIVE_CHANNEL, type LiveEvent } from '../../platform/live/live.js';
import { checkPhone, protect } from '../registers/personal-data.js';
import type { TicketDeps } from './deps.js';
import { checkCustomFields } from './categories.js';
import { handlingRegion, levelOfRegion, ticketActions } from './flow.js';
import { LIMIT_JOB } from './limit-timer.js';
import { toTicket } from './queries.js';
import { fingerprint } from './similarity.js';
import { scopedDuplicates } from './check-intake.js';
import { standingOf, type TicketRow } from './ticket-access.js';
import { regionNames } from '../regions/queries.js';

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

/** Sources a command centre may record a report under (a call to the hotline, a department's report). */
const RECORDED_SOURCES: readonly TicketSource[] = ['hotline', 'department'];

/**
 * Where a report comes from, decided by who files it: a command centre (hotline by default, or a
 * department's report it records), a grid's worker, a department's handler, a resident. Only a
 * command centre may name the source; the server's own callers (the public portal, Open311)
 * name theirs.
 */
function sourceOf(actor: Actor | null, given: TicketSource | undefined): TicketSource {
  if (!actor) return given ?? 'api';
  if (actor.permissions.includes('ticket:dispatch')) {
    if (given && !RECORDED_SOURCES.includes(given)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'source', code: 'TICKET_SOURCE_NOT_ALLOWED' }] });
    return given ?? 'hotline';
  }
  if (given) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'source', code: 'TICKET_SOURCE_NOT_ALLOWED' }] });
  if (actor.permissions.includes('ticket:handle')) return actor.gridId ? 'grid_worker' : 'department';
  return 'resident';
}

/** Staff (who handle or dispatch) may mark a report an emergency; a resident's report is triaged by them. */
function mayMarkEmergency(actor: Actor | null): boolean {
  return !actor || actor.permissions.includes('ticket:dispatch') || actor.permissions.includes('ticket:handle');
}

/** The roles whose accounts are told of a new ticket: the grid's handlers, or the handling region's dispatchers. */
const GRID_HANDLER_ROLES = rolesWith('ticket:handle').map((r) => `'${r}'`).join(', ');
const DISPATCHER_ROLES = rolesWith('ticket:dispatch').map((r) => `'${r}'`).join(', ');

function dayStamp(d: Date): string {
  return localDate(d).replace(/-/g, '');
}

/** One report's writes, as the intake statement reads them (jsonb_to_recordset). */
interface IntakeRecord {
  id: string;
  day: string;
  source: string;
  category_id: string;
  description: string;
  text_sig: number[];
  address: string | null;
  lon: number | null;
  lat: number | null;
  grid_id: string | null;
  region_code: string;
  level: string;
  emergency: boolean;
  reporter_user_id: string | null;
  reporter_name: string | null;
  /** Hex. */
  phone_cipher: string | null;
  phone_hash: string | null;
  phone_masked: string | null;
  api_client_id: string | null;
  tracking_hash: string | null;
  custom_fields: Record<string, unknown>;
  origin: TicketOrigin | null;
  photos: unknown[];
  photo_ids: string[];
  due_at: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  event_data: Record<string, unknown>;
  /** The operators' region when the ticket starts above the grid. */
  handler_region: string | null;
  job_payload: Record<string, unknown>;
  job_key: string;
  live: LiveEvent;
  audit: unknown[];
}

/**
 * The writes of many reports in one statement. Numbers are drawn from the sequence row by row;
 * the notices, SMS and live events take them from the inserted rows. Recipients are the handlers
 * at the ticket's level (the grid's workers, or the operators of the handling region) and the
 * reporter, as notify.ts chooses them; the timer is the job limit-timer.ts handles. A report
 * whose category was switched off since it was read writes nothing and comes back without a number.
 */
const INTAKE: Prepared = {
  name: 'ticket_intake_v7',
  text: `
with i as (
  select * from jsonb_to_recordset($1::jsonb) as r(
    ord int, id uuid, day text, source text, category_id uuid, description text, text_sig int[], address text, lon float8, lat float8, grid_id uuid, region_code text,
    level text, emergency boolean, reporter_user_id uuid, reporter_name text, phone_cipher text, phone_hash text, phone_masked text, api_client_id uuid,
    tracking_hash text, custom_fields jsonb, origin jsonb, photos jsonb, photo_ids uuid[], due_at timestamptz, at timestamptz, actor_id uuid, actor_name text, event_data jsonb,
    handler_region text, job_payload jsonb, job_key text, live jsonb, ${AUDIT_APPEND_PARAMS.map((c) => `a_${c}`).join(', ')})
), t as (
  insert into ticket (id, number, source, category_id, description, text_sig, address, lon, lat, grid_id, region_code, level, status, public_status, emergency,
    reporter_user_id, reporter_name, reporter_phone_cipher, reporter_phone_hash, reporter_phone_masked, api_client_id, tracking_hash,
    custom_fields, origin, photos, dispatch_due_at, created_at, updated_at)
  select x.id, x.day || '-' || lpad(x.n, greatest(6, length(x.n)), '0'), x.source, x.category_id, x.description, x.text_sig, x.address, x.lon, x.lat, x.grid_id, x.region_code,
    x.level, 'reported', 'submitted', x.emergency, x.reporter_user_id, x.reporter_name, decode(x.phone_cipher, 'hex'), decode(x.phone_hash, 'hex'), x.phone_masked,
    x.api_client_id, x.tracking_hash, x.custom_fields, x.origin, x.photos, x.due_at, x.at, x.at
  from (select i.*, nextval('ticket_number_seq')::text as n from i order by i.ord) x
  join ticket_category c on c.id = x.category_id and c.active
  returning id, number, reporter_phone_cipher, reporter_phone_masked
), ev as (
  insert into ticket_event (ticket_id, seq, action, at, actor_id, actor_name, from_status, to_status, attachments, data, public)
  select t.id, 1, 'report', i.at, i.actor_id, i.actor_name, null, 'reported', '[]'::jsonb, i.event_data, true from t join i using (id)
), claimed as (
  update attachment a set owner_type = 'ticket', owner_id = i.id, claimed_at = i.at from t join i using (id)
  where a.id = any(i.photo_ids) and a.owner_id is null
), recipients as (
  select t.id as ticket_id, t.number, u.id as user_id, i.at, 'ticket.reported' as kind from t join i using (id)
  join app_user u on u.scope_grid_id = i.grid_id and u.role in (${GRID_HANDLER_ROLES}) and not u.disabled
  where i.level = 'grid'
  union
  select t.id, t.number, u.id, i.at, 'ticket.reported' from t join i using (id)
  join app_user u on u.scope_region_code = i.handler_region and u.scope_grid_id is null and u.role in (${DISPATCHER_ROLES}) and not u.disabled
  where i.level <> 'grid'
  union
  select t.id, t.number, i.reporter_user_id, i.at, 'ticket.reporter.received' from t join i using (id) where i.reporter_user_id is not null
), notice as (
  insert into notification (id, user_id, subject_type, subject_id, kind, params, created_at)
  select gen_random_uuid(), r.user_id, 'ticket', r.ticket_id::text, r.kind, jsonb_build_object('number', r.number), r.at from recipients r
), sms as (
  insert into outbox (id, channel, recipient, target_cipher, kind, params, locale, payload, subject_type, subject_id, status, next_attempt_at, created_at)
  select gen_random_uuid(), 'sms', coalesce(t.reporter_phone_masked, 'reporter'), t.reporter_phone_cipher, 'ticket.reporter.received',
    jsonb_build_object('number', t.number), 'zh-CN', '{}'::jsonb, 'ticket', t.id::text, 'pending', i.at, i.at
  from t join i using (id) where t.reporter_phone_cipher is not null
), timer as (
  insert into job (id, name, payload, run_at, singleton_key, max_attempts, created_at)
  select gen_random_uuid(), '${LIMIT_JOB.name}', i.job_payload, i.due_at, i.job_key, 5, i.at from t join i using (id)
  on conflict do nothing
), live as (
  select pg_notify('${LIVE_CHANNEL}', jsonb_set(i.live, '{data,number}', to_jsonb(t.number))::text) from t join i using (id)
), audit as (
  select audit_append(${AUDIT_APPEND_PARAMS.map((c) => `a.a_${c.split(' ')[0]}`).join(', ')})
  from (select i.* from t join i using (id) order by i.ord) a
)
select t.id, t.number, (select count(*) from live) + (select count(*) from audit) as side from t`,
};

/** Writes reports, the ones filed at the same moment together (one statement, one commit). */
export class IntakeWriter {
  private readonly batcher = new Batcher<IntakeRecord, string | null>(async (records) => {
    const written = await runPrepared<{ id: string; number: string }>(this.db, INTAKE, [JSON.stringify(records.map((r, ord) => ({ ...r, ord, ...auditRecord(r.audit) })))]);
    const numbers = new Map(written.map((w) => [w.id, w.number]));
    return records.map((r) => numbers.get(r.id) ?? null);
  });

  constructor(private readonly db: Db) {}

  write(record: IntakeRecord): Promise<string | null> {
    return this.batcher.submit(record);
  }
}

function auditRecord(args: unknown[]): Record<string, unknown> {
  return Object.fromEntries(AUDIT_APPEND_PARAMS.map((c, i) => [`a_${c.split(' ')[0]}`, c.endsWith('jsonb') && typeof args[i] === 'string' ? JSON.parse(args[i] as string) : args[i]]));
}

/** The possible duplicates found at intake, on the report's timeline event. */
async function notePossibleDuplicates(db: Db, ticketId: string, duplicates: IntakeCheck['duplicates']): Promise<void> {
  const numbers = JSON.stringify(duplicates.map((d) => d.number));
  await db.execute(sql`update ticket_event set data = jsonb_set(data, '{possibleDuplicates}', ${numbers}::jsonb) where ticket_id = ${ticketId} and seq = 1`);
}

export async function intakeTicket(
  deps: TicketDeps,
  ctx: RequestContext,
  input: IntakeInput,
  /**
   * What the server's own callers add: the API client, the region when there is no point, the
   * tracking hash; and for a record of another module filed into the loop (a dispute escalated),
   * the ticket's id chosen by the caller (so a retry finds it) and the origin it links back to.
   */
  via: { apiClientId?: string; regionCode?: string; trackingHash?: string; id?: string; origin?: TicketOrigin } = {},
): Promise<{ id: string; number: string; duplicates: IntakeCheck['duplicates']; ticket: Ticket }> {
  const actor = ctx.actor;
  const now = ctx.clock.now();
  const source = sourceOf(actor, input.source);
  if (input.emergency && !mayMarkEmergency(actor)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'emergency', code: 'TICKET_EMERGENCY_NOT_ALLOWED' }] });
  if (input.lon === undefined !== (input.lat === undefined)) throw new AppError('VALIDATION_FAILED', { field: 'lon/lat' });
  if (input.lon === undefined && !input.address) throw new AppError('TICKET_LOCATION_REQUIRED');

  const grid = input.lon !== undefined && input.lat !== undefined ? await deps.locator.lookup(input.lon, input.lat) : null;
  if (input.lon !== undefined && !grid) throw new AppError('TICKET_OUTSIDE_AREA');
  const regionCode = grid?.regionCode ?? via.regionCode ?? actor?.regionCode;
  if (!regionCode) throw new AppError('TICKET_LOCATION_REQUIRED');
  // Staff (who read the tickets of a scope) file within it: a grid worker in their own grid.
  // Residents and API clients report anywhere served.
  if (actor?.permissions.includes('ticket:read') && !placeInScope(actor, { regionCode, gridId: grid?.id ?? null })) throw new AppError('TICKET_OUTSIDE_AREA');

  // The category: the one given, or the suggester's first choice.
  const suggested = input.categoryId ? null : deps.suggester.suggest(input.description, 1)[0];
  const [category, photos] = await Promise.all([
    input.categoryId ? deps.categories.active({ id: input.categoryId }) : suggested ? deps.categories.active({ code: suggested.code }) : null,
    unclaimedUploads(deps.db, actor?.id ?? null, input.photoIds),
  ]);
  if (!category) throw new AppError('TICKET_CATEGORY_INVALID');
  // Only the reporter's own uploads that no record holds yet: an attachment id learnt elsewhere reads nothing.
  if (photos.length !== new Set(input.photoIds).size) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'photoIds', code: 'ATTACHMENT_INVALID' }] });
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

  const id = via.id ?? randomUUID();
  const text = fingerprint(input.description);
  const row: TicketRow = {
    id,
    number: '',
    source,
    categoryId: category.id,
    description: input.description,
    textSig: text.signature,
    address: input.address ?? null,
    lon: input.lon ?? null,
    lat: input.lat ?? null,
    gridId: grid?.id ?? null,
    regionCode,
    level,
    status: 'reported',
    publicStatus: 'submitted',
    emergency: input.emergency,
    reporterUserId: source === 'resident' && actor ? actor.id : null,
    reporterName: input.reporterName ?? (source === 'resident' && actor ? actor.displayName : null),
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
    origin: via.origin ?? null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
  };
  const dueAt = dispatchDueAt.toISOString();
  // The report is written while its possible duplicates are looked up: neither waits for the
  // other. The ones found are noted on the report's timeline event just after (one report in a
  // dozen or so has any); a crash in between loses that note, never the report.
  const lookup = deps.duplicates.find(now, { self: id, description: input.description, text, lon: input.lon, lat: input.lat, regionCode });
  const write = deps.writer.write({
    id, day: dayStamp(now), source, category_id: category.id, description: row.description, text_sig: text.signature, address: row.address, lon: row.lon, lat: row.lat,
    grid_id: row.gridId, region_code: regionCode, level, emergency: row.emergency, reporter_user_id: row.reporterUserId, reporter_name: row.reporterName,
    phone_cipher: phone?.cipher.toString('hex') ?? null, phone_hash: phone?.hash.toString('hex') ?? null, phone_masked: row.reporterPhoneMasked,
    api_client_id: row.apiClientId, tracking_hash: row.trackingHash, custom_fields: customFields, origin: row.origin, photos: row.photos as unknown[], photo_ids: photos.map((p) => p.id), due_at: dueAt, at: now.toISOString(),
    actor_id: actor?.id ?? null, actor_name: actor?.displayName ?? ctx.requestId ?? 'system', event_data: { source, possibleDuplicates: [] },
    handler_region: level === 'grid' ? null : handlingRegion(regionCode, level),
    job_payload: { ticketId: id, kind: 'dispatch', dueAt }, job_key: `${LIMIT_JOB.name}:${id}:dispatch:${dueAt}`,
    live: {
      type: 'ticket.created', regionCode, gridId: row.gridId ?? undefined, id, at: now.toISOString(),
      data: { categoryId: category.id, level, emergency: input.emergency, lon: row.lon, lat: row.lat },
      scope: { record: 'ticket', regionCode, gridId: row.gridId, departmentIds: [], userIds: row.reporterUserId ? [row.reporterUserId] : [] },
    },
    audit: auditAppendArgs(ctx, {
      action: 'ticket.report', objectType: 'ticket', objectId: id, regionCode,
      details: { source, categoryId: category.id, gridId: row.gridId, emergency: input.emergency },
    }),
  });
  // Once the report is written it is answered: a failed lookup or note must not make the
  // reporter file it again.
  const advisory = (what: string) => (error: unknown) => {
    console.error(`intake ${id}: ${what} failed`, error);
    return [];
  };
  const [number, found] = await Promise.all([write, lookup.catch(advisory('duplicate lookup'))]);
  // No row: the category was switched off since it was read.
  if (!number) throw new AppError('TICKET_CATEGORY_INVALID');
  row.number = number;
  if (found.length > 0) await notePossibleDuplicates(deps.db, id, found).catch(advisory('duplicate note'));
  // The answer shows only what the reporter may read of them.
  const duplicates = await scopedDuplicates(deps.db, actor, found).catch(advisory('duplicate scope'));

  // The answer is made from what was written: no read back.
  const state = { status: 'reported' as const, level, rating: null, reopenUntil: null, supervised: false, overdue: false, hasPendingExtension: false, pendingAssists: [] };
  const actions = actor ? ticketActions(state, await standingOf(deps.db, actor, row), now) : [];
  const region = (await regionNames(deps.db, [regionCode])).get(regionCode) ?? '';
  const ticket = toTicket(row, { category: category.name, grid: grid?.name ?? null, region, departments: new Map() }, [], actions);
  return { id, number: row.number, duplicates, ticket };
}

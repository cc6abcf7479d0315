/**
 * Following a report without an account: by its tracking token, or by its receipt number plus
 * the phone given with it; and, so proven, rating or reopening it like a resident with an account.
 *
 * Every failed proof is audited (`ticket.track`, outcome `denied`) with the address and the
 * receipt number tried, and the limit counts those entries: so it holds across processes, across
 * the routes (lookup, rate, reopen, token), and across addresses for one receipt number. A wrong
 * phone and an unknown number answer the same "not found", and an exhausted receipt number is
 * refused whether it exists or not: the answer never confirms that a receipt exists.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { PublicTicket, PublicTicketAccess, TicketAction } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { countFailedAttempts } from '../../platform/audit/failed-attempts.js';
import { recordAudit } from '../../platform/audit/write-audit.js';
import type { Kit } from '../../platform/kit/kit.js';
import { departmentNames } from '../departments/queries.js';
import { checkPhone, protect } from '../registers/personal-data.js';
import type { TicketDeps } from './deps.js';
import { ticketActions, type Standing } from './flow.js';
import type { TicketRow } from './ticket-access.js';
import { ticketState } from './ticket-workflow.js';
import { publicTextOf } from './timeline.js';
import { transitionTicket } from './transition-ticket.js';
import { ticket, ticketCategory, ticketEvent } from './tables.js';

/** Failed proofs allowed in the window: per receipt number (whatever the address) and per address. */
export const TRACK_LIMITS = { perNumber: 5, perAddress: 20, windowMinutes: 15 };

/** How an anonymous reporter who proved the report stands to it: its reporter, seeing the public side only. */
const ANONYMOUS_REPORTER: Standing = {
  dispatcher: false, supervisor: false, commandLevel: null, gridHandler: false, assignee: null, assignmentStatus: null, summoned: false,
  reporter: true, reporterOnly: true, selfHandled: false,
};

const RECEIPT = 'ticket_receipt';

/** Only the hash of a tracking token is stored. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

async function assertTrackAllowed(db: Db, ctx: RequestContext, number: string | null): Promise<void> {
  const since = new Date(ctx.clock.now().getTime() - TRACK_LIMITS.windowMinutes * 60_000);
  const [byNumber, byAddress] = await Promise.all([
    number === null ? 0 : countFailedAttempts(db, { action: 'ticket.track', since, object: { type: RECEIPT, id: number } }),
    ctx.ip === null ? 0 : countFailedAttempts(db, { action: 'ticket.track', since, ip: ctx.ip }),
  ]);
  if (byNumber >= TRACK_LIMITS.perNumber || byAddress >= TRACK_LIMITS.perAddress) {
    throw new AppError('TICKET_TRACK_LIMITED', { retryAfterSeconds: TRACK_LIMITS.windowMinutes * 60 });
  }
}

/** The report the proof names, or "not found" (audited, and counted against the limit). */
export async function provenTicket(deps: TicketDeps, ctx: RequestContext, access: PublicTicketAccess): Promise<TicketRow> {
  const number = 'number' in access ? access.number : null;
  await assertTrackAllowed(deps.db, ctx, number);
  let found: TicketRow | undefined;
  if ('token' in access) {
    [found] = await deps.db.select().from(ticket).where(eq(ticket.trackingHash, hashToken(access.token)));
  } else {
    const phone = checkPhone(access.phone);
    const hash = phone.ok ? protect(deps.vault, 'phone', phone.value).hash : null;
    const [row] = await deps.db.select().from(ticket).where(eq(ticket.number, access.number));
    // Compared in full, whichever way it fails, so the answer and its timing say nothing of which.
    found = row && hash && row.reporterPhoneHash && row.reporterPhoneHash.equals(hash) ? row : undefined;
  }
  if (!found) {
    await recordAudit(deps.db, ctx, {
      action: 'ticket.track',
      objectType: number === null ? 'ticket' : RECEIPT,
      objectId: number ?? undefined,
      outcome: 'denied',
      details: { by: number === null ? 'token' : 'receipt' },
    });
    throw notFound();
  }
  return found;
}

/** The public side of a report: status, the public steps with the texts written for the public, what the reporter may do. */
export async function publicView(deps: Pick<TicketDeps, 'db'>, row: TicketRow, now: Date): Promise<PublicTicket> {
  const [[category], events, state] = await Promise.all([
    deps.db.select({ name: ticketCategory.name }).from(ticketCategory).where(eq(ticketCategory.id, row.categoryId)),
    deps.db.select().from(ticketEvent).where(and(eq(ticketEvent.ticketId, row.id), eq(ticketEvent.public, true))).orderBy(asc(ticketEvent.seq)),
    ticketState(deps.db, row),
  ]);
  const names = await departmentNames(deps.db, events.map((e) => e.departmentId).filter((d): d is string => Boolean(d)));
  const actions = ticketActions(state, ANONYMOUS_REPORTER, now).filter((a): a is 'rate' | 'reopen' => a === 'rate' || a === 'reopen');
  return {
    number: row.number,
    trackingToken: null,
    categoryName: category?.name ?? '',
    description: row.description,
    address: row.address,
    publicStatus: row.publicStatus as PublicTicket['publicStatus'],
    createdAt: row.createdAt.toISOString(),
    timeline: events.map((e) => ({
      action: e.action as TicketAction,
      at: e.at.toISOString(),
      note: publicTextOf(e),
      departmentName: e.departmentId ? (names.get(e.departmentId) ?? null) : null,
    })),
    actions,
    rating: row.rating,
    reopenUntil: row.reopenUntil?.toISOString() ?? null,
  };
}

/** Follow a report by its token or its receipt number plus phone (a sensitive read: audited). */
export async function trackTicket(deps: TicketDeps, ctx: RequestContext, access: PublicTicketAccess): Promise<PublicTicket> {
  const row = await provenTicket(deps, ctx, access);
  await recordAudit(deps.db, ctx, { action: 'ticket.track', objectType: 'ticket', objectId: row.id, regionCode: row.regionCode, details: { by: 'token' in access ? 'token' : 'receipt' } });
  return { ...(await publicView(deps, row, ctx.clock.now())), trackingToken: 'token' in access ? access.token : null };
}

/** Rate or reopen a report as its anonymous reporter, through the same rules and transition as an account's. */
export async function actAsAnonymousReporter(
  kit: Pick<Kit, 'db' | 'jobs' | 'registry' | 'providers'>,
  deps: TicketDeps,
  ctx: RequestContext,
  access: PublicTicketAccess,
  action: 'rate' | 'reopen',
  input: { rating?: number; note?: string },
): Promise<PublicTicket> {
  const row = await provenTicket(deps, ctx, access);
  await transitionTicket(kit, deps, ctx, row.id, action, { ...input, version: row.version, attachmentIds: [] }, undefined, { standing: ANONYMOUS_REPORTER });
  const [saved] = await deps.db.select().from(ticket).where(eq(ticket.id, row.id));
  return { ...(await publicView(deps, saved!, ctx.clock.now())), trackingToken: 'token' in access ? access.token : null };
}

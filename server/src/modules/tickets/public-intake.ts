/**
 * Reports from the public portal without an account. A hidden honeypot field catches simple
 * bots; each report gets a secret tracking token (only its hash is stored) to follow it by.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import type { PublicTicket, TicketAction } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { departmentNames } from '../departments/queries.js';
import type { TicketDeps } from './deps.js';
import { intakeTicket } from './intake-ticket.js';
import { ticket, ticketCategory, ticketEvent } from './tables.js';

export interface PublicIntakeInput {
  description: string;
  address?: string;
  lon?: number;
  lat?: number;
  categoryId?: string;
  reporterName?: string;
  reporterPhone?: string;
  photoIds: string[];
  website?: string;
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function publicIntake(deps: TicketDeps, ctx: RequestContext, input: PublicIntakeInput): Promise<PublicTicket> {
  if (input.website) throw new AppError('VALIDATION_FAILED', { field: 'website' });
  if (input.lon === undefined) throw new AppError('TICKET_LOCATION_REQUIRED');
  const { website: _honeypot, ...fields } = input;
  const token = randomBytes(18).toString('base64url');
  await intakeTicket(deps, ctx, { ...fields, source: 'resident', emergency: false, customFields: {} }, { trackingHash: hashToken(token) });
  return trackTicket(deps, token);
}

/** The public view of a ticket by its tracking token: status and the public steps. */
export async function trackTicket(deps: TicketDeps, token: string): Promise<PublicTicket> {
  const [row] = await deps.db
    .select({ t: ticket, categoryName: ticketCategory.name })
    .from(ticket)
    .innerJoin(ticketCategory, eq(ticketCategory.id, ticket.categoryId))
    .where(eq(ticket.trackingHash, hashToken(token)));
  if (!row) throw notFound();
  const events = await deps.db
    .select()
    .from(ticketEvent)
    .where(and(eq(ticketEvent.ticketId, row.t.id), eq(ticketEvent.public, true)))
    .orderBy(asc(ticketEvent.seq));
  const names = await departmentNames(deps.db, events.map((e) => e.departmentId).filter((d): d is string => Boolean(d)));
  return {
    number: row.t.number,
    trackingToken: token,
    categoryName: row.categoryName,
    description: row.t.description,
    address: row.t.address,
    publicStatus: row.t.publicStatus as PublicTicket['publicStatus'],
    createdAt: row.t.createdAt.toISOString(),
    timeline: events.map((e) => ({ action: e.action as TicketAction, at: e.at.toISOString(), note: e.note, departmentName: e.departmentId ? (names.get(e.departmentId) ?? null) : null })),
  };
}

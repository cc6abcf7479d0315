/**
 * Reports from the public portal without an account. A hidden honeypot field catches simple
 * bots; each report gets a secret tracking token (only its hash is stored) to follow it by.
 * Following, rating and reopening are in public-tracking.ts.
 */
import { randomBytes } from 'node:crypto';
import type { PublicTicket } from '@gridgov/contracts';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { TicketDeps } from './deps.js';
import { intakeTicket } from './intake-ticket.js';
import { hashToken, publicView } from './public-tracking.js';
import { ticket } from './tables.js';
import { eq } from 'drizzle-orm';

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
  locatedBy?: 'device' | 'map' | 'address';
}


export async function publicIntake(deps: TicketDeps, ctx: RequestContext, input: PublicIntakeInput): Promise<PublicTicket> {
  if (input.website) throw new AppError('VALIDATION_FAILED', { field: 'website' });
  if (input.lon === undefined) throw new AppError('TICKET_LOCATION_REQUIRED');
  // A point nobody confirmed is the map's starting point, not where the problem is (issue 3).
  if (!input.locatedBy) throw new AppError('TICKET_LOCATION_UNCONFIRMED');
  const { website: _honeypot, locatedBy: _locatedBy, ...fields } = input;
  const token = randomBytes(18).toString('base64url');
  const { id } = await intakeTicket(deps, ctx, { ...fields, source: 'resident', emergency: false, customFields: {} }, { trackingHash: hashToken(token) });
  const [row] = await deps.db.select().from(ticket).where(eq(ticket.id, id));
  return { ...(await publicView(deps, row!, ctx.clock.now())), trackingToken: token };
}


/**
 * POST requests: files a GeoReport service request as a ticket (source `api`) through the one
 * intake use-case, within the client's region. Tickets are created at once, so the answer
 * carries the service_request_id (the ticket number) and no token: the specification answers
 * one or the other.
 */
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { codeInSubtree } from '../../platform/scope.js';
import type { TicketDeps } from '../tickets/deps.js';
import { intakeTicket } from '../tickets/intake-ticket.js';
import type { ApiClient } from './api-clients.js';
import { badRequest } from './errors.js';
import { attributeAnswers, findService, serviceNotice } from './services.js';

export interface ServiceRequestInput {
  serviceCode: string;
  lat?: number;
  long?: number;
  addressString?: string;
  addressId?: string;
  description?: string;
  attributes: Record<string, unknown>;
  firstName?: string;
  lastName?: string;
  phone?: string;
  mediaUrl?: string;
}

export type FiledRequest = {
  service_request_id: string;
  service_notice: string;
  account_id: null;
};

/** media_url has no column of its own: it is kept as the description's last line, marked so. */
export const MEDIA_URL_MARK = '[media_url] ';

const CJK = /[\u3400-\u9fff]/;

/** 张 + 三 -> 张三 (family name first, no space); Jane + Doe -> Jane Doe. */
export function reporterName(firstName?: string, lastName?: string): string | undefined {
  const first = firstName?.trim() ?? '';
  const last = lastName?.trim() ?? '';
  if (!first && !last) return undefined;
  const name = CJK.test(first + last) ? `${last}${first}` : [first, last].filter(Boolean).join(' ');
  return name.slice(0, 50);
}

export async function fileServiceRequest(deps: TicketDeps, ctx: RequestContext, client: ApiClient, input: ServiceRequestInput): Promise<FiledRequest> {
  const entry = await findService(deps.db, input.serviceCode);
  if (!entry) throw badRequest(`service_code ${input.serviceCode} is not a service offered here`);
  const hasPoint = input.lat !== undefined && input.long !== undefined;
  const address = input.addressString ?? (input.addressId ? `address_id ${input.addressId}` : undefined);
  if (!hasPoint && !address) throw new AppError('TICKET_LOCATION_REQUIRED');
  if (hasPoint) {
    // The client files only within its own region (intake lets API clients file anywhere served).
    const grid = await deps.locator.lookup(input.long!, input.lat!);
    if (!grid || !codeInSubtree(grid.regionCode, client.regionPrefix)) throw new AppError('TICKET_OUTSIDE_AREA');
  }
  const text = input.description?.trim() || entry.category.name;
  const description = input.mediaUrl ? `${text}\n\n${MEDIA_URL_MARK}${input.mediaUrl}` : text;
  const { number } = await intakeTicket(
    deps,
    ctx,
    {
      source: 'api',
      categoryId: entry.category.id,
      description,
      address,
      lon: hasPoint ? input.long : undefined,
      lat: hasPoint ? input.lat : undefined,
      emergency: false,
      reporterName: reporterName(input.firstName, input.lastName),
      reporterPhone: input.phone,
      customFields: attributeAnswers(entry.category.customFields, input.attributes),
      photoIds: [],
    },
    { apiClientId: client.id, regionCode: client.regionCode },
  );
  return { service_request_id: number, service_notice: serviceNotice(entry.category), account_id: null };
}

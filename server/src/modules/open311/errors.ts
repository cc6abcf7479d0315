/**
 * Errors the GeoReport v2 way: a list of `{ code, description }` where the code is the HTTP
 * status. Our stable error codes are mapped to it, with an English description that ends in
 * the stable code so a client can still branch on it.
 */
import { ERRORS, type ErrorCode } from '@gridgov/contracts';
import type { AppError } from '../../platform/errors.js';

export type Open311ErrorEntry = {
  code: number;
  description: string;
};

/** An error to answer as it is (403 for a bad key, 404 for an unknown service, 400 for a parameter). */
export class Open311Error extends Error {
  readonly entries: Open311ErrorEntry[];
  constructor(
    readonly status: number,
    descriptions: string | string[],
  ) {
    const list = Array.isArray(descriptions) ? descriptions : [descriptions];
    super(list.join('; '));
    this.entries = list.map((description) => ({ code: status, description }));
  }
}

export const badRequest = (descriptions: string | string[]): Open311Error => new Open311Error(400, descriptions);
export const notFound311 = (description: string): Open311Error => new Open311Error(404, description);

/** Descriptions that say more than the generic English message, for the codes intake can raise. */
const DESCRIPTIONS: Partial<Record<ErrorCode, string>> = {
  TICKET_LOCATION_REQUIRED: 'A location is required: give lat and long, address_string or address_id',
  TICKET_OUTSIDE_AREA: 'The location is not inside any grid this api_key may file requests in',
  TICKET_CATEGORY_INVALID: 'service_code is not a service offered here',
  PHONE_INVALID: 'phone is not a valid phone number',
  NOT_FOUND: 'Not found',
  FORBIDDEN: 'The api_key may not do this',
  RATE_LIMITED: 'Too many requests from this api_key; try again in a minute',
  VALIDATION_FAILED: 'The request is not valid',
};

const FIELD_REASONS: Record<string, string> = {
  required: 'is required for this service',
  unknown: 'is not an attribute of this service',
  type: 'does not have a valid value',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One entry per answer that failed, e.g. `attribute[workers] does not have a valid value`. */
function customFieldEntries(details: unknown): string[] {
  const fields = isRecord(details) && Array.isArray(details.fields) ? details.fields : [];
  return fields.filter(isRecord).map((f) => `attribute[${String(f.field)}] ${FIELD_REASONS[String(f.reason)] ?? 'is not valid'} (TICKET_CUSTOM_FIELD_INVALID)`);
}

export function fromAppError(error: AppError): Open311Error {
  const status = ERRORS[error.code].status;
  if (error.code === 'TICKET_CUSTOM_FIELD_INVALID') {
    const entries = customFieldEntries(error.details);
    if (entries.length) return new Open311Error(400, entries);
  }
  const base = DESCRIPTIONS[error.code] ?? ERRORS[error.code].en;
  const field = isRecord(error.details) && typeof error.details.field === 'string' ? ` (${error.details.field})` : '';
  return new Open311Error(status, `${base}${field} (${error.code})`);
}

/** What Fastify itself raises (body too large, unsupported media type, bad JSON): its status and message. */
export function fromHttpError(status: number, message: string): Open311Error {
  return new Open311Error(status, message);
}

export const INTERNAL_ERROR = new Open311Error(500, 'Internal server error');

/**
 * Parameters of the GeoReport v2 calls. Form bodies arrive as strings, JSON bodies as values;
 * both go through the same schemas. Unknown parameters (jurisdiction_id, device_id, ...) are
 * accepted and ignored, as Open311 clients send them.
 */
import { z } from 'zod';

export const FORMATS = ['json', 'xml'] as const;
export type Format = (typeof FORMATS)[number];

const blankToUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);
const text = (name: string, max: number) =>
  z.preprocess(blankToUndefined, z.string({ error: `${name} must be text` }).trim().max(max, `${name} must have at most ${max} characters`).optional());
const coordinate = (name: string, limit: number) =>
  z.preprocess(
    blankToUndefined,
    z.coerce.number({ error: `${name} must be a number` }).min(-limit, `${name} must be between -${limit} and ${limit}`).max(limit, `${name} must be between -${limit} and ${limit}`).optional(),
  );
const list = (name: string, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined))
    .refine((v) => !v || v.length <= max, `${name} may list at most ${max} values`);
const dateTime = (name: string) =>
  z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || !Number.isNaN(Date.parse(v)), `${name} must be a date-time such as 2026-11-23T08:00:00+08:00`)
    .transform((v) => (v ? new Date(v) : undefined));

/** The `.json` / `.xml` file names of the calls with an id in the path. */
export const fileParams = z.object({ file: z.string().max(200) });

export function splitFile(file: string): { name: string; format: Format } | null {
  const m = /^(.+)\.(json|xml)$/.exec(file);
  return m ? { name: m[1]!, format: m[2] as Format } : null;
}

/** The key only (discovery and services need none; requests and tokens do). */
export const keyQuery = z.object({ api_key: z.string().max(200).optional(), jurisdiction_id: z.string().optional() });

export const requestsQuery = keyQuery.extend({
  service_request_id: list('service_request_id', 1000),
  service_code: list('service_code', 100),
  start_date: dateTime('start_date'),
  end_date: dateTime('end_date'),
  status: list('status', 2).refine((v) => !v || v.every((s) => s === 'open' || s === 'closed'), 'status must be open, closed or both (comma separated)'),
  page: z.coerce.number({ error: 'page must be a number' }).int('page must be a whole number').min(1, 'page must be at least 1').default(1),
  page_size: z.coerce.number({ error: 'page_size must be a number' }).int('page_size must be a whole number').min(1, 'page_size must be between 1 and 1000').max(1000, 'page_size must be between 1 and 1000').default(50),
});
export type RequestsQueryParams = z.infer<typeof requestsQuery>;

/** The default and longest window of a request search (the spec's 90 days). */
export const WINDOW_DAYS = 90;

export const postRequestParams = z.object({
  api_key: z.string().optional(),
  service_code: z.preprocess(blankToUndefined, z.string({ error: 'service_code is required' }).trim().max(64, 'service_code is not valid')),
  lat: coordinate('lat', 90),
  long: coordinate('long', 180),
  address_string: text('address_string', 200),
  address_id: text('address_id', 100),
  description: text('description', 4000),
  email: text('email', 200),
  first_name: text('first_name', 50),
  last_name: text('last_name', 50),
  phone: text('phone', 20),
  media_url: z.preprocess(
    blankToUndefined,
    z.string({ error: 'media_url must be text' }).trim().max(1000, 'media_url is too long').regex(/^https?:\/\/\S+$/i, 'media_url must be an http(s) URL').optional(),
  ),
});
export type PostRequestParams = z.infer<typeof postRequestParams>;

type Scalar = string | number | boolean;
const ATTRIBUTE = /^attribute\[([^\]]+)\](\[\])?$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Query string and body as one set of parameters (the spec puts POST parameters in the query,
 * clients in the body; the body wins), with `attribute[code]=value` (or a JSON `attribute`
 * object) gathered into `attributes`.
 */
export function gatherParams(query: unknown, body: unknown): { params: Record<string, unknown>; attributes: Record<string, Scalar | Scalar[]> } {
  // Null-prototype records: a key such as `__proto__` stays a plain key.
  const params = Object.create(null) as Record<string, unknown>;
  const attributes = Object.create(null) as Record<string, Scalar | Scalar[]>;
  for (const source of [query, body]) {
    if (!isRecord(source)) continue;
    for (const [key, value] of Object.entries(source)) {
      const m = ATTRIBUTE.exec(key);
      if (m) attributes[m[1]!] = value as Scalar | Scalar[];
      else if (key === 'attribute' && isRecord(value)) for (const [code, answer] of Object.entries(value)) attributes[code] = answer as Scalar | Scalar[];
      else params[key] = value;
    }
  }
  return { params, attributes };
}

/** An x-www-form-urlencoded body: repeated keys become lists. */
export function parseForm(body: string): Record<string, string | string[]> {
  const out = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(body)) {
    const had = out[key];
    out[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

/** Zod issues as GeoReport error descriptions, one per issue. */
export function issueDescriptions(error: z.ZodError): string[] {
  return error.issues.map((i) => {
    const path = i.path.join('.');
    return i.message.startsWith(path) || !path ? i.message : `${path}: ${i.message}`;
  });
}

/** Schemas every domain shares: codes, ids, paging. */
import { z } from 'zod';

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'community'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const divisionCode = z.string().regex(/^\d{12}$/, '12 digits');
export const uuid = z.uuid();

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const warning = z.object({ code: z.string(), message: z.string() });


export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/**
 * The sort fields of a list query: one of the list's whitelisted keys and a direction. A key
 * outside the list is refused (VALIDATION_FAILED), never passed on to SQL.
 */
export function sortQuery<const K extends readonly [string, ...string[]]>(keys: K) {
  return { sort: z.enum(keys).optional(), order: z.enum(SORT_ORDERS).default('asc') };
}

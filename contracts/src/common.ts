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


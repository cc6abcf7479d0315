/** The five administrative levels keyed by 12-digit division codes. */
import { z } from 'zod';
import { divisionCode, REGION_LEVELS } from '../common.js';
import { nameText } from '../text.js';

// ---------- regions ----------
export const region = z.object({
  code: divisionCode,
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  childCount: z.number().int(),
  gridCount: z.number().int(),
});
export type Region = z.infer<typeof region>;

export const regionListQuery = z.strictObject({
  parent: divisionCode.optional(),
  includeRevoked: z.enum(['true', 'false']).optional(),
});

export const createRegionRequest = z.strictObject({
  code: divisionCode,
  name: nameText(64),
  validFrom: z.iso.date().optional(),
});

export const updateRegionRequest = z.strictObject({
  name: nameText(64).optional(),
  /** Revokes the code from this date; the region stays in history. */
  validTo: z.iso.date().optional(),
});

export * from './permissions.js';
export * from './audit.js';

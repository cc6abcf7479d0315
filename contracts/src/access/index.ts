/**
 * Gate access records (门禁出入记录) of residential compounds: who went in or out of which compound
 * (a building or a venue of the registers), when, through which gate. Gate systems send them in
 * batches, idempotent by their own record id.
 */
import { z } from 'zod';
import { pageQuery, uuid } from '../common.js';

export const ACCESS_DIRECTIONS = ['in', 'out'] as const;
export const COMPOUND_TYPES = ['building', 'venue'] as const;

const token = z.string().trim().min(1).max(100).regex(/^[\w.:-]+$/, 'letters, digits, . : _ -');

export const accessRecordInput = z.strictObject({
  sourceRecordId: token,
  gateId: token,
  compoundType: z.enum(COMPOUND_TYPES),
  compoundId: uuid,
  residentId: uuid,
  direction: z.enum(ACCESS_DIRECTIONS),
  at: z.iso.datetime({ offset: true }),
});
export type AccessRecordInput = z.infer<typeof accessRecordInput>;

export const accessIngestInput = z.strictObject({ records: z.array(accessRecordInput).min(1).max(1000) });
export const accessIngestResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), field: z.string(), code: z.string() })),
});

export const accessRecord = z.object({
  id: z.string(),
  residentId: z.string(),
  /** Masked (张*). */
  residentName: z.string().nullable(),
  compoundType: z.enum(COMPOUND_TYPES),
  compoundId: z.string(),
  compoundName: z.string().nullable(),
  gridName: z.string().nullable(),
  direction: z.enum(ACCESS_DIRECTIONS),
  gateId: z.string(),
  at: z.string(),
});
export type AccessRecord = z.infer<typeof accessRecord>;

export const accessListQuery = z.strictObject({
  residentId: uuid.optional(),
  compoundId: uuid.optional(),
  ...pageQuery,
});

export * from './permissions.js';
export * from './audit.js';
export * from './errors.js';

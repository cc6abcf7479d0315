/**
 * Arrival screening (人员出入境排查): arrivals reported by highway, rail and airport checkpoints
 * are imported (the import kind `arrival`, through the import kit) and cross-matched with the
 * resident register by the ID number's keyed hash. A matched arrival is attached to the
 * resident's grid and is a task of its grid worker; an unmatched one stays with the region that
 * imported it for follow-up. Personal data: lists masked and audited, a detail audited.
 */
import { z } from 'zod';
import { pageQuery, uuid } from '../common.js';

/** The import kind of arrivals (`POST /api/imports?register=arrival`). */
export const ARRIVAL_IMPORT_KIND = 'arrival';

export const TRANSPORT_MODES = ['road', 'rail', 'air', 'other'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/** Follow-up: pending until the grid worker (or an operator) has checked on the person. */
export const ARRIVAL_STATUSES = ['pending', 'checked'] as const;
export type ArrivalStatus = (typeof ARRIVAL_STATUSES)[number];

const flag = z.enum(['true', 'false']).optional();
const day = z.iso.date();

export const arrivalListQuery = z.strictObject({
  /** true: matched with a resident (attached to a grid); false: unmatched, kept for follow-up. */
  matched: flag,
  status: z.enum(ARRIVAL_STATUSES).optional(),
  /** Arrived on or after this local day, on or before that one. */
  from: day.optional(),
  to: day.optional(),
  ...pageQuery,
});
export type ArrivalListQuery = z.infer<typeof arrivalListQuery>;

/** An arrival as lists show it: the name and numbers masked. */
export const arrivalSummary = z.object({
  id: z.string(),
  name: z.string(),
  idType: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  transportMode: z.enum(TRANSPORT_MODES),
  transportNumber: z.string().nullable(),
  carriage: z.string().nullable(),
  seat: z.string().nullable(),
  origin: z.string().nullable(),
  checkpoint: z.string().nullable(),
  arrivedAt: z.string(),
  matched: z.boolean(),
  regionCode: z.string(),
  regionName: z.string(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  status: z.enum(ARRIVAL_STATUSES),
  createdAt: z.string(),
});
export type ArrivalSummary = z.infer<typeof arrivalSummary>;

/** One arrival (audited): the full name, the matched resident, the follow-up. */
export const arrivalDetail = arrivalSummary.extend({
  residentId: z.string().nullable(),
  importRegionCode: z.string(),
  checkedAt: z.string().nullable(),
  checkedByName: z.string().nullable(),
  checkNote: z.string().nullable(),
});
export type ArrivalDetail = z.infer<typeof arrivalDetail>;

/** Marks an arrival checked (核查完成), with what was found. */
export const arrivalCheckRequest = z.strictObject({ note: z.string().trim().max(500).optional() });
export type ArrivalCheckRequest = z.infer<typeof arrivalCheckRequest>;

export const arrivalIdParams = z.strictObject({ id: uuid });

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './labels.js';

/** Departments (部门) that handle dispatched tickets. */
import { z } from 'zod';
import { divisionCode } from '../common.js';
import { nameText } from '../text.js';

export const department = z.object({
  id: z.string(),
  name: z.string(),
  /** The region the department serves (a county bureau: the county's code). */
  regionCode: z.string(),
  regionName: z.string(),
  phone: z.string().nullable(),
});
export type Department = z.infer<typeof department>;

export const departmentInput = z.strictObject({
  name: nameText(64),
  regionCode: divisionCode,
  phone: z.string().trim().max(20).nullable().optional(),
});

export * from './audit.js';

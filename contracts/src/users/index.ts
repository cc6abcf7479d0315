/** Accounts: one role each, a scope (region subtree or grid). */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';
import { nameText } from '../text.js';
import { ROLES } from '../roles.js';

// ---------- users ----------
export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scopeRegionCode: z.string(),
  scopeRegionName: z.string(),
  scopeGridId: z.string().nullable(),
  scopeGridName: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  totpEnrolled: z.boolean(),
  /** An admin account waiting for its holder to enrol: until when the code is valid. */
  enrolmentPendingUntil: z.string().nullable(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const userListQuery = z.strictObject({
  role: z.enum(ROLES).optional(),
  region: divisionCode.optional(),
  q: z.string().max(64).optional(),
  ...pageQuery,
});

export const createUserRequest = z.strictObject({
  username: z.string().regex(/^[a-zA-Z0-9_.-]{3,32}$/),
  displayName: nameText(64),
  role: z.enum(ROLES),
  scopeRegionCode: divisionCode.optional(),
  scopeGridId: uuid.optional(),
  phone: z.string().regex(/^1\d{10}$/).optional(),
  /**
   * The initial password, which the account must change at its first sign-in. Required for
   * every role but the three admin roles, which may not have one: they get an enrolment code.
   */
  password: z.string().min(1).max(256).optional(),
});

export const updateUserRequest = z.strictObject({
  displayName: nameText(64).optional(),
  role: z.enum(ROLES).optional(),
  scopeRegionCode: divisionCode.optional(),
  scopeGridId: uuid.nullable().optional(),
  phone: z.string().regex(/^1\d{10}$/).nullable().optional(),
  disabled: z.boolean().optional(),
});

/** A new password for an ordinary account; none for an admin account, which gets a new enrolment code. */
export const resetPasswordRequest = z.strictObject({ password: z.string().min(1).max(256).optional() });

export * from './permissions.js';
export * from './audit.js';
export * from './errors.js';

/** A grid as an account form's picker shows it: its name and code, where it is, nothing of its registers. */
export const gridOption = z.object({ id: z.string(), code: z.string(), name: z.string(), regionName: z.string() });
export type GridOption = z.infer<typeof gridOption>;
export const gridOptionsQuery = z.strictObject({ q: z.string().max(64).optional() });


/** Sign-in, the signed-in user, TOTP enrolment, password change. */
import { z } from 'zod';
import { REGION_LEVELS } from '../common.js';
import { ROLES } from '../roles.js';

// ---------- auth ----------
export const loginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z.string().regex(/^\d{6}$/).optional(),
});

export const scope = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: z.enum(REGION_LEVELS),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
});
export type Scope = z.infer<typeof scope>;

export const me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scope,
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof me>;

/** A successful sign-in (or enrolment) answers the signed-in user; the session is in the cookie. */
export const loginResponse = z.object({ status: z.literal('ok'), user: me });

/**
 * A one-time enrolment code of an admin account (given out of band): letters and digits in
 * groups, as printed on the operator console; case and separators do not matter.
 */
export const enrolmentCode = z
  .string()
  .max(64)
  .transform((v) => v.toUpperCase().replace(/[^A-Z2-7]/g, ''))
  .pipe(z.string().length(24, 'an enrolment code has 24 letters and digits'));

export const enrolmentInspectRequest = z.strictObject({ code: enrolmentCode });

/** What the holder of a code sees before choosing a password: whose account, and the authenticator to bind. */
export const enrolmentInfo = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  expiresAt: z.string(),
  totpSecret: z.string(),
  otpauthUri: z.string(),
});
export type EnrolmentInfo = z.infer<typeof enrolmentInfo>;

export const enrolmentCompleteRequest = z.strictObject({
  code: enrolmentCode,
  newPassword: z.string().min(1).max(256),
  /** The authenticator's current code, proving it is bound. */
  totp: z.string().regex(/^\d{6}$/),
});

export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export * from './audit.js';

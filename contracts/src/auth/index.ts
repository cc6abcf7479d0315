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

/** Login answers either a session (cookie set) or the start of TOTP enrolment. */
export const loginResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), user: me }),
  z.object({
    status: z.literal('totp_enrollment_required'),
    enrollmentToken: z.string(),
    secret: z.string(),
    otpauthUri: z.string(),
  }),
]);

export const totpEnrollRequest = z.strictObject({
  enrollmentToken: z.string().min(1),
  totp: z.string().regex(/^\d{6}$/),
});

export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

export * from './audit.js';

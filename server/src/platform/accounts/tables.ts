import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/**
 * Accounts: one role each and a scope. The platform owns them (sign-in and sessions read them);
 * modules use the functions in accounts.ts, never this table.
 */
export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** One role per account: the three admin roles can never be combined. */
    role: text('role').notNull(),
    /** Scope: a region subtree (12-digit code), narrowed to one grid for grid workers and residents. */
    scopeRegionCode: text('scope_region_code').notNull(),
    scopeGridId: uuid('scope_grid_id'),
    phone: text('phone'),
    disabled: boolean('disabled').notNull().default(false),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    totpSecret: text('totp_secret'),
    /** The last accepted TOTP time step, so one code is not accepted twice. */
    totpLastStep: integer('totp_last_step'),
    failedCount: integer('failed_count').notNull().default(0),
    firstFailedAt: timestamp('first_failed_at', { withTimezone: true }),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('app_user_username_key').on(sql`lower(${t.username})`),
    index('app_user_scope_region_idx').on(sql`${t.scopeRegionCode} text_pattern_ops`),
    // A grid's workers, for the notices of its tickets (residents share the column: millions of rows).
    index('app_user_scope_grid_idx').on(t.scopeGridId),
  ],
);

/** Signed-in sessions (auth/sessions.ts). */
export const session = pgTable(
  'session',
  {
    /** SHA-256 of the cookie token: the token itself is never stored. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokeReason: text('revoke_reason'),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/**
 * One-time enrolment codes: an account of one of the three admin roles, new or reset, gets a
 * code out of band (the operator console) and sets its own password and authenticator with it,
 * so whoever created or reset it never knows a working credential. Only the code's SHA-256 is
 * kept; the TOTP secret is made when the code is issued and shown to the code's holder.
 */
export const accountEnrolment = pgTable(
  'account_enrolment',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    totpSecret: text('totp_secret').notNull(),
    /** Who asked for it (a security admin), or null from the command line. */
    issuedBy: uuid('issued_by'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  // One live code per account: issuing a new one replaces the old.
  (t) => [uniqueIndex('account_enrolment_user_key').on(t.userId)],
);

import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { appUser } from '../accounts/tables.js';

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

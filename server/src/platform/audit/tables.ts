import { sql } from 'drizzle-orm';
import { bigint, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Append-only, hash-chained audit log. Triggers (migration 0001) refuse UPDATE, DELETE and
 * TRUNCATE; `hash` = SHA-256 over the previous hash and this entry's fields.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, precision: 3 }).notNull(),
    actorId: text('actor_id'),
    actorName: text('actor_name'),
    role: text('role'),
    scope: text('scope'),
    action: text('action').notNull(),
    objectType: text('object_type'),
    objectId: text('object_id'),
    subject: text('subject'),
    outcome: text('outcome').notNull(),
    ip: text('ip'),
    requestId: text('request_id'),
    regionCode: text('region_code'),
    details: jsonb('details'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorName, t.at),
    index('audit_log_object_idx').on(t.objectType, t.objectId),
    index('audit_log_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
    // Failed sign-ins from one address in the last minutes (platform/auth/sign-in-limit.ts).
    // The predicate repeats the query's conditions (SIGN_IN_ACTIONS) so the planner can use it.
    index('audit_log_failed_sign_in_idx')
      .on(t.ip, t.at)
      .where(sql`${t.action} in ('auth.login', 'auth.lockout', 'auth.enrolment') and ${t.outcome} <> 'success'`),
  ],
);

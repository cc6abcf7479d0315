import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Idempotency keys (`Idempotency-Key` header) of the routes that accept one: the first request
 * with a key claims it (`pending`), and its successful answer is kept (`done`) so that a replay
 * of the same request by the same user on the same route gets the same answer and changes
 * nothing. A key is per user and route; a refused request frees its key (nothing was written).
 */
export const idempotencyKey = pgTable(
  'idempotency_key',
  {
    userId: uuid('user_id').notNull(),
    /** The route pattern with its method (`POST /api/tickets`). */
    route: text('route').notNull(),
    key: text('key').notNull(),
    /** A hash of the request body: the same key with another body is a client's mistake, refused. */
    fingerprint: text('fingerprint').notNull(),
    state: text('state', { enum: ['pending', 'done'] }).notNull(),
    status: integer('status'),
    response: text('response'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ name: 'idempotency_key_pkey', columns: [t.userId, t.route, t.key] }), index('idempotency_key_created_idx').on(t.createdAt)],
);

/**
 * Counters of the rate limits shared by every process (`SharedRateLimiter`): hits per key (a
 * limit's name and an address or a person's hash) in a fixed window. Old windows are deleted as
 * new ones are taken.
 */
export const rateCounter = pgTable(
  'rate_counter',
  {
    key: text('key').notNull(),
    windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
    hits: integer('hits').notNull(),
  },
  (t) => [primaryKey({ name: 'rate_counter_pkey', columns: [t.key, t.windowStart] }), index('rate_counter_window_idx').on(t.windowStart)],
);

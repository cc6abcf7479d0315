/**
 * Health codes. The rule's versions (`health_code_rule`, each with the time it takes over), the
 * risk areas with their dates, the trips residents declare, the materialised codes (one per
 * person key: colour, the rule version and line that made it, the evidence, validity, the opaque
 * token a gate verifies) and the correction requests with their review.
 */
import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const healthCodeRuleTable = pgTable('health_code_rule', {
  version: integer('version').primaryKey(),
  /** In force from this time until a later version's. */
  effectiveFrom: timestamp('effective_from', { withTimezone: true }).notNull(),
  lines: jsonb('lines').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

export const healthRiskArea = pgTable('health_risk_area', {
  id: uuid('id').primaryKey(),
  /** An origin containing this text lies in the area (武汉市, 某区某街道). */
  name: text('name').notNull(),
  level: text('level').notNull(),
  validFrom: timestamp('valid_from', { withTimezone: true }).notNull(),
  validUntil: timestamp('valid_until', { withTimezone: true }),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** A trip one declared on the portal (用户行程申报). */
export const healthTrip = pgTable(
  'health_trip',
  {
    id: uuid('id').primaryKey(),
    personKey: uuid('person_key').notNull(),
    origin: text('origin').notNull(),
    transport: text('transport'),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('health_trip_person_idx').on(t.personKey, t.arrivedAt), index('health_trip_arrived_idx').on(t.arrivedAt)],
);

export const healthCode = pgTable(
  'health_code',
  {
    personKey: uuid('person_key').primaryKey(),
    colour: text('colour').notNull(),
    ruleVersion: integer('rule_version').notNull(),
    /** The rule line that made it; null: green, or an accepted correction's colour. */
    line: smallint('line'),
    /** [{ kind, ref, since, until, detail }] of that line. */
    evidence: jsonb('evidence').notNull(),
    /** An accepted correction sets the colour until its expiry. */
    override: smallint('override').notNull().default(0),
    /** Where the evidence places the person (who may read the reason); null: nowhere yet. */
    regionCode: text('region_code'),
    gridId: uuid('grid_id'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
    validUntil: timestamp('valid_until', { withTimezone: true }).notNull(),
    /** The opaque token of the QR code (128 bits base64url); a new one whenever the colour changes or on request. */
    token: text('token').notNull(),
    /** Requested by the person on the portal (issued); codes from evidence alone are not shown at a gate until then. */
    issuedAt: timestamp('issued_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('health_code_token_key').on(t.token),
    index('health_code_valid_idx').on(t.validUntil),
    index('health_code_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.colour),
    index('health_code_grid_idx').on(t.gridId, t.colour),
  ],
);

/** A correction request (纠错) and its review. */
export const healthCorrection = pgTable(
  'health_correction',
  {
    id: uuid('id').primaryKey(),
    personKey: uuid('person_key').notNull(),
    colourAtRequest: text('colour_at_request').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    regionCode: text('region_code'),
    gridId: uuid('grid_id'),
    reviewNote: text('review_note'),
    overrideColour: text('override_colour'),
    overrideUntil: timestamp('override_until', { withTimezone: true }),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('health_correction_person_idx').on(t.personKey, t.status), index('health_correction_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status)],
);

/** The rule version the codes were last computed under (one row): the recurring job recomputes all when another is in force. */
export const healthCodeState = pgTable('health_code_state', {
  id: smallint('id').primaryKey(),
  appliedVersion: integer('applied_version').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull(),
});

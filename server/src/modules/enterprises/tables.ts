import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** One person of a resumption application's staff list (an employee of the enterprise in the register). */
export interface StaffItem {
  residentId: string;
  returning: boolean;
  comingFrom: string | null;
}

/** One employee's line of a daily health registration. */
export interface HealthItem {
  residentId: string;
  present: boolean;
  temperature: number | null;
  symptoms: string[];
  note: string | null;
}

/**
 * Resumption applications (企业复工申请) of enterprises in the organisations register, filed on
 * their behalf by staff and reviewed by the township. The place is the organisation's, copied.
 */
export const enterpriseApplication = pgTable(
  'enterprise_application',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    organizationId: uuid('organization_id').notNull(),
    gridId: uuid('grid_id').notNull(),
    regionCode: text('region_code').notNull(),
    status: text('status').notNull(),
    formKey: text('form_key').notNull(),
    formVersion: integer('form_version').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    staff: jsonb('staff').$type<StaffItem[]>().notNull(),
    resumeOn: date('resume_on'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('enterprise_application_number_key').on(t.number),
    index('enterprise_application_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status),
    index('enterprise_application_organization_idx').on(t.organizationId),
  ],
);

/** The timeline of an application: each step, who took it, its note and attachments. */
export const enterpriseApplicationStep = pgTable(
  'enterprise_application_step',
  {
    id: uuid('id').primaryKey(),
    applicationId: uuid('application_id').notNull(),
    /** The application's version after the step: the timeline's order. */
    version: integer('version').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    attachments: jsonb('attachments').$type<{ id: string; name: string }[]>().notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('enterprise_application_step_application_idx').on(t.applicationId, t.version)],
);

/** The daily employee health registration (员工健康登记) of an enterprise: one row per enterprise and China day. */
export const enterpriseHealthReport = pgTable(
  'enterprise_health_report',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull(),
    gridId: uuid('grid_id').notNull(),
    regionCode: text('region_code').notNull(),
    day: date('day').notNull(),
    entries: jsonb('entries').$type<HealthItem[]>().notNull(),
    presentCount: integer('present_count').notNull(),
    absentCount: integer('absent_count').notNull(),
    abnormalCount: integer('abnormal_count').notNull(),
    registeredBy: uuid('registered_by').notNull(),
    registeredAt: timestamp('registered_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('enterprise_health_report_day_key').on(t.organizationId, t.day),
    index('enterprise_health_report_region_day_idx').on(sql`${t.regionCode} text_pattern_ops`, t.day),
  ],
);

/** The screening (辖区企业排查) of an organisation: the last result set by a grid worker; none means not screened. */
export const enterpriseScreening = pgTable(
  'enterprise_screening',
  {
    organizationId: uuid('organization_id').primaryKey(),
    gridId: uuid('grid_id').notNull(),
    regionCode: text('region_code').notNull(),
    status: text('status').notNull(),
    note: text('note').notNull(),
    ticketId: uuid('ticket_id'),
    screenedBy: uuid('screened_by').notNull(),
    screenedAt: timestamp('screened_at', { withTimezone: true }).notNull(),
    version: integer('version').notNull(),
  },
  (t) => [index('enterprise_screening_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status)],
);

/**
 * A portal account (role resident) linked to an enterprise as its filer (企业填报人) by an operator
 * of its scope: it files the enterprise's resumption application and daily staff health. A
 * revoked link keeps its row (who revoked it, when); at most one current link per account and
 * enterprise.
 */
export const enterpriseFiler = pgTable(
  'enterprise_filer',
  {
    id: uuid('id').primaryKey(),
    organizationId: uuid('organization_id').notNull(),
    userId: uuid('user_id').notNull(),
    grantedBy: uuid('granted_by').notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull(),
    revokedBy: uuid('revoked_by'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('enterprise_filer_current_key').on(t.organizationId, t.userId).where(sql`${t.revokedAt} is null`),
    index('enterprise_filer_user_idx').on(t.userId).where(sql`${t.revokedAt} is null`),
  ],
);

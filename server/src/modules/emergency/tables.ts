/**
 * Emergency command. An event (突发事件) with its type, level, place and area, its lifecycle and
 * timeline; the plans (预案) as data; the activations (one row per event and plan: what makes a
 * plan's tasks and notifications happen exactly once); the tasks; the rescue teams with their
 * members, duty rosters and last position; the dispatches of a team to a task.
 */
import { sql } from 'drizzle-orm';
import { bigserial, boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const emergencyEvent = pgTable(
  'emergency_event',
  {
    id: uuid('id').primaryKey(),
    /** The short number (E12) notices show. */
    eventNo: integer('event_no').generatedAlwaysAsIdentity().notNull(),
    title: text('title').notNull(),
    type: text('type').notNull(),
    subType: text('sub_type'),
    /** The level as assessed (reported, verified). */
    level: text('level'),
    /** The level of the response in force (null before activation). */
    responseLevel: text('response_level'),
    status: text('status').notNull(),
    regionCode: text('region_code').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    address: text('address'),
    /** GeoJSON Polygon of the affected area. */
    area: jsonb('area'),
    description: text('description'),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('emergency_event_no_key').on(t.eventNo),
    index('emergency_event_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status),
  ],
);

/** Every step of an event (its own, and its dispatches'), in order. */
export const emergencyEventStep = pgTable(
  'emergency_event_step',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: uuid('event_id').notNull(),
    action: text('action').notNull(),
    status: text('status').notNull(),
    level: text('level'),
    actorId: uuid('actor_id'),
    note: text('note'),
    data: jsonb('data').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('emergency_event_step_event_idx').on(t.eventId, t.id)],
);

export const emergencyPlan = pgTable(
  'emergency_plan',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    /** '' for the type's general plan. */
    subType: text('sub_type').notNull().default(''),
    level: text('level').notNull(),
    regionCode: text('region_code').notNull(),
    /** { name, address, lng, lat } or null. */
    commandPost: jsonb('command_post'),
    /** [{ key, title, description?, teamId? }] */
    tasks: jsonb('tasks').notNull(),
    /** [{ to: 'role', role, text } | { to: 'users', userIds, text }] */
    notifications: jsonb('notifications').notNull(),
    version: integer('version').notNull(),
    updatedBy: uuid('updated_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('emergency_plan_key').on(t.regionCode, t.type, t.subType, t.level)],
);

/** A plan applied to an event (at the level it was activated or scaled to): at most once. */
export const emergencyActivation = pgTable(
  'emergency_activation',
  {
    eventId: uuid('event_id').notNull(),
    planId: uuid('plan_id').notNull(),
    level: text('level').notNull(),
    planName: text('plan_name').notNull(),
    commandPost: jsonb('command_post'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('emergency_activation_key').on(t.eventId, t.planId)],
);

export const emergencyTask = pgTable(
  'emergency_task',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    planId: uuid('plan_id'),
    /** The plan task's key (null for a task added by hand). */
    taskKey: text('task_key'),
    level: text('level'),
    title: text('title').notNull(),
    description: text('description'),
    status: text('status').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('emergency_task_event_idx').on(t.eventId), uniqueIndex('emergency_task_plan_key').on(t.eventId, t.planId, t.taskKey)],
);

export const emergencyTeam = pgTable(
  'emergency_team',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    regionCode: text('region_code').notNull(),
    skills: text('skills').array().notNull(),
    /** [{ name, quantity }] */
    equipment: jsonb('equipment').notNull(),
    availability: text('availability').notNull(),
    baseLng: doublePrecision('base_lng'),
    baseLat: doublePrecision('base_lat'),
    lastLng: doublePrecision('last_lng'),
    lastLat: doublePrecision('last_lat'),
    lastPositionAt: timestamp('last_position_at', { withTimezone: true }),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('emergency_team_region_idx').on(sql`${t.regionCode} text_pattern_ops`)],
);

export const emergencyTeamMember = pgTable(
  'emergency_team_member',
  {
    id: uuid('id').primaryKey(),
    teamId: uuid('team_id').notNull(),
    residentId: uuid('resident_id'),
    userId: uuid('user_id'),
    /** Masked for a resident (张**), the display name for a staff account. */
    name: text('name').notNull(),
    role: text('role').notNull(),
    skills: text('skills').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('emergency_team_member_team_idx').on(t.teamId),
    index('emergency_team_member_user_idx').on(t.userId),
    uniqueIndex('emergency_team_member_resident_key').on(t.teamId, t.residentId),
    uniqueIndex('emergency_team_member_user_key').on(t.teamId, t.userId),
  ],
);

/** Who is on duty when. */
export const emergencyRoster = pgTable(
  'emergency_roster',
  {
    id: uuid('id').primaryKey(),
    teamId: uuid('team_id').notNull(),
    memberId: uuid('member_id').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('emergency_roster_team_idx').on(t.teamId, t.startsAt)],
);

export const emergencyDispatch = pgTable(
  'emergency_dispatch',
  {
    id: uuid('id').primaryKey(),
    eventId: uuid('event_id').notNull(),
    taskId: uuid('task_id').notNull(),
    teamId: uuid('team_id').notNull(),
    /** The event's region (scope). */
    regionCode: text('region_code').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    dispatchedAt: timestamp('dispatched_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    version: integer('version').notNull(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('emergency_dispatch_event_idx').on(t.eventId),
    index('emergency_dispatch_team_idx').on(t.teamId, t.status),
    uniqueIndex('emergency_dispatch_task_team_key').on(t.taskId, t.teamId),
  ],
);

/**
 * A traffic-control notice (交通管制): a closed area (Polygon) or a road (LineString), a kind and a
 * time window; optionally of an event. Its status is computed from the time (scheduled, active,
 * ended) and `lifted_at` (ended early).
 */
export const trafficControl = pgTable(
  'traffic_control',
  {
    id: uuid('id').primaryKey(),
    controlNo: integer('control_no').generatedAlwaysAsIdentity().notNull(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    regionCode: text('region_code').notNull(),
    eventId: uuid('event_id'),
    geometry: jsonb('geometry').notNull(),
    startAt: timestamp('start_at', { withTimezone: true }).notNull(),
    endAt: timestamp('end_at', { withTimezone: true }),
    liftedAt: timestamp('lifted_at', { withTimezone: true }),
    description: text('description'),
    public: boolean('public').notNull(),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('traffic_control_no_key').on(t.controlNo),
    index('traffic_control_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.startAt),
    index('traffic_control_event_idx').on(t.eventId),
  ],
);

/**
 * Emergency command (应急指挥, M6): events with a type from a code list, a level (Ⅰ–Ⅳ), a place and
 * an affected area; their lifecycle (reported → verified → response activated at a level → scaled
 * → closed) with a timeline; plans (预案) as data that say, for a type and a level, the command
 * post, the tasks (each with the team to dispatch) and the notifications made when the response
 * is activated at (or scaled to) that level; rescue teams with members, skills, equipment, duty
 * rosters and availability; dispatches of a team to a task (acknowledged, arrived, completed) and
 * the teams' last reported positions.
 */
import { z } from 'zod';
import { pageQuery, uuid } from '../common.js';
import { ROLES } from '../role-list.js';

/** The event types (国家突发公共事件总体应急预案: four classes) and their sub-types, as data. */
export const EMERGENCY_TYPES = [
  {
    code: 'natural', zh: '自然灾害', en: 'Natural disaster',
    subTypes: [
      { code: 'flood', zh: '洪涝', en: 'Flood' },
      { code: 'earthquake', zh: '地震', en: 'Earthquake' },
      { code: 'geological', zh: '地质灾害', en: 'Landslide / debris flow' },
      { code: 'typhoon', zh: '台风', en: 'Typhoon' },
      { code: 'snowstorm', zh: '低温雨雪冰冻', en: 'Snow and ice storm' },
    ],
  },
  {
    code: 'accident', zh: '事故灾难', en: 'Accident',
    subTypes: [
      { code: 'fire', zh: '火灾', en: 'Fire' },
      { code: 'hazchem', zh: '危化品泄漏', en: 'Hazardous chemical leak' },
      { code: 'traffic', zh: '交通事故', en: 'Traffic accident' },
      { code: 'collapse', zh: '建筑坍塌', en: 'Building collapse' },
    ],
  },
  {
    code: 'public_health', zh: '公共卫生事件', en: 'Public health event',
    subTypes: [
      { code: 'epidemic', zh: '传染病疫情', en: 'Infectious disease outbreak' },
      { code: 'food_poisoning', zh: '食物中毒', en: 'Food poisoning' },
    ],
  },
  {
    code: 'social_security', zh: '社会安全事件', en: 'Social security event',
    subTypes: [
      { code: 'mass_incident', zh: '群体性事件', en: 'Mass incident' },
      { code: 'public_order', zh: '治安事件', en: 'Public order incident' },
    ],
  },
] as const;
export type EmergencyTypeCode = (typeof EMERGENCY_TYPES)[number]['code'];
export const EMERGENCY_TYPE_CODES = EMERGENCY_TYPES.map((t) => t.code) as [EmergencyTypeCode, ...EmergencyTypeCode[]];
/** A sub-type belongs to its type. */
export const subTypeOf = (type: string, subType: string | null | undefined): boolean =>
  !subType || EMERGENCY_TYPES.some((t) => t.code === type && t.subTypes.some((s) => s.code === subType));

/** Ⅰ 特别重大, Ⅱ 重大, Ⅲ 较大, Ⅳ 一般: Ⅰ is the most severe. */
export const EMERGENCY_LEVELS = ['I', 'II', 'III', 'IV'] as const;
export type EmergencyLevel = (typeof EMERGENCY_LEVELS)[number];
/** Severity rank: Ⅳ 1 … Ⅰ 4 (a scale-up goes to a higher rank). */
export const levelRank = (l: EmergencyLevel): number => 4 - EMERGENCY_LEVELS.indexOf(l);

export const EMERGENCY_STATUSES = ['reported', 'verified', 'responding', 'closed'] as const;
export type EmergencyStatus = (typeof EMERGENCY_STATUSES)[number];
export const DISPATCH_STATUSES = ['dispatched', 'acknowledged', 'arrived', 'completed', 'cancelled'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
export const TASK_STATUSES = ['open', 'done'] as const;
export type EmergencyTaskStatus = (typeof TASK_STATUSES)[number];
export const TEAM_AVAILABILITIES = ['available', 'unavailable'] as const;
export type TeamAvailability = (typeof TEAM_AVAILABILITIES)[number];

const note = z.string().trim().min(1).max(500);
const name = z.string().trim().min(1).max(100);
const version = { version: z.number().int().min(1) };
const regionCode = z.string().regex(/^\d{12}$/);
const lng = z.number().min(73).max(136);
const lat = z.number().min(3).max(54);
const position = z.tuple([lng, lat]);

/** A GeoJSON polygon (WGS84 lng/lat): closed rings of at least four positions. */
export const geoPolygon = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z
    .array(z.array(position).min(4).max(2000))
    .min(1)
    .max(20)
    .refine((rings) => rings.every((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1]), { message: 'Each ring ends where it starts' }),
});
export type GeoPolygon = z.infer<typeof geoPolygon>;

export const eventCreateRequest = z.strictObject({
  title: name,
  type: z.enum(EMERGENCY_TYPE_CODES),
  subType: z.string().trim().min(1).max(40).optional(),
  /** The level as first assessed (the response level is set on activation). */
  level: z.enum(EMERGENCY_LEVELS).optional(),
  regionCode,
  lng,
  lat,
  address: z.string().trim().min(1).max(200).optional(),
  area: geoPolygon.optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  description: z.string().trim().min(1).max(2000).optional(),
});
export type EventCreateRequest = z.infer<typeof eventCreateRequest>;

export const EVENT_ACTION_INPUTS = {
  verify: z.strictObject({ ...version, level: z.enum(EMERGENCY_LEVELS).optional(), area: geoPolygon.optional(), note: note.optional() }),
  activate: z.strictObject({ ...version, level: z.enum(EMERGENCY_LEVELS), note: note.optional() }),
  scale: z.strictObject({ ...version, level: z.enum(EMERGENCY_LEVELS), note }),
  close: z.strictObject({ ...version, note }),
} as const;
export type EventAction = keyof typeof EVENT_ACTION_INPUTS;
export const EVENT_ACTIONS = Object.keys(EVENT_ACTION_INPUTS) as EventAction[];

export const eventListQuery = z.strictObject({
  status: z.enum(EMERGENCY_STATUSES).optional(),
  type: z.enum(EMERGENCY_TYPE_CODES).optional(),
  open: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});
export type EventListQuery = z.infer<typeof eventListQuery>;

export const emergencyEventSummary = z.object({
  id: z.string(),
  eventNo: z.string(),
  title: z.string(),
  type: z.string(),
  subType: z.string().nullable(),
  level: z.enum(EMERGENCY_LEVELS).nullable(),
  responseLevel: z.enum(EMERGENCY_LEVELS).nullable(),
  status: z.enum(EMERGENCY_STATUSES),
  regionCode: z.string(),
  regionName: z.string(),
  lng: z.number(),
  lat: z.number(),
  address: z.string().nullable(),
  occurredAt: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});
export type EmergencyEventSummary = z.infer<typeof emergencyEventSummary>;

export const timelineStep = z.object({
  action: z.string(),
  status: z.string(),
  level: z.enum(EMERGENCY_LEVELS).nullable(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: z.string(),
});
export type TimelineStep = z.infer<typeof timelineStep>;

export const commandPost = z.strictObject({ name, address: z.string().trim().min(1).max(200), lng, lat });
export type CommandPost = z.infer<typeof commandPost>;

export const emergencyTask = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  level: z.enum(EMERGENCY_LEVELS).nullable(),
  planId: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  createdAt: z.string(),
});
export type EmergencyTask = z.infer<typeof emergencyTask>;

export const dispatchSummary = z.object({
  id: z.string(),
  eventId: z.string(),
  eventNo: z.string(),
  eventTitle: z.string(),
  /** The event's place, where the team goes. */
  place: z.object({ lng: z.number(), lat: z.number(), address: z.string().nullable() }).nullable(),
  taskId: z.string(),
  taskTitle: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  status: z.enum(DISPATCH_STATUSES),
  dispatchedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  arrivedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
  actions: z.array(z.string()),
});
export type DispatchSummary = z.infer<typeof dispatchSummary>;

export const teamPosition = z.object({ teamId: z.string(), teamName: z.string(), lng: z.number(), lat: z.number(), at: z.string() });
export type TeamPosition = z.infer<typeof teamPosition>;

export const emergencyEventDetail = emergencyEventSummary.extend({
  description: z.string().nullable(),
  area: geoPolygon.nullable(),
  commandPosts: z.array(commandPost.extend({ level: z.enum(EMERGENCY_LEVELS), planName: z.string() })),
  timeline: z.array(timelineStep),
  tasks: z.array(emergencyTask),
  dispatches: z.array(dispatchSummary),
  positions: z.array(teamPosition),
  actions: z.array(z.enum(EVENT_ACTIONS)),
});
export type EmergencyEventDetail = z.infer<typeof emergencyEventDetail>;

export const taskCreateRequest = z.strictObject({ title: name, description: z.string().trim().min(1).max(1000).optional() });
export type TaskCreateRequest = z.infer<typeof taskCreateRequest>;

/** Who a plan's notification goes to: the accounts of a role whose scope holds the event, or named accounts. */
export const planNotification = z.union([
  z.strictObject({ to: z.literal('role'), role: z.enum(ROLES), text: note }),
  z.strictObject({ to: z.literal('users'), userIds: z.array(uuid).min(1).max(50), text: note }),
]);
export type PlanNotification = z.infer<typeof planNotification>;

export const planTask = z.strictObject({
  /** Stable within the plan: a task is created once per event whatever the number of activations. */
  key: z.string().trim().regex(/^[a-z0-9_-]{1,40}$/),
  title: name,
  description: z.string().trim().min(1).max(1000).optional(),
  /** The team dispatched to it on activation. */
  teamId: uuid.optional(),
});
export type PlanTask = z.infer<typeof planTask>;

export const planRequest = z
  .strictObject({
    name,
    type: z.enum(EMERGENCY_TYPE_CODES),
    /** The plan for a sub-type wins over the type's general plan. */
    subType: z.string().trim().min(1).max(40).optional(),
    level: z.enum(EMERGENCY_LEVELS),
    regionCode,
    commandPost: commandPost.optional(),
    tasks: z.array(planTask).max(50),
    notifications: z.array(planNotification).max(20),
  })
  .refine((p) => new Set(p.tasks.map((t) => t.key)).size === p.tasks.length, { message: 'Task keys are unique', path: ['tasks'] });
export type PlanRequest = z.infer<typeof planRequest>;
export const planUpdateRequest = z.strictObject({ ...version, plan: planRequest });
export type PlanUpdateRequest = z.infer<typeof planUpdateRequest>;

export const emergencyPlan = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  subType: z.string().nullable(),
  level: z.enum(EMERGENCY_LEVELS),
  regionCode: z.string(),
  regionName: z.string(),
  commandPost: commandPost.nullable(),
  tasks: z.array(planTask.extend({ teamName: z.string().nullable() })),
  notifications: z.array(planNotification),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type EmergencyPlan = z.infer<typeof emergencyPlan>;

export const teamRequest = z.strictObject({
  name,
  /** What the team is (救援, 医疗, 消防, 民兵…): free text, short. */
  kind: z.string().trim().min(1).max(40),
  regionCode,
  skills: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  equipment: z.array(z.strictObject({ name: z.string().trim().min(1).max(60), quantity: z.number().int().min(0).max(100_000) })).max(50).default([]),
  availability: z.enum(TEAM_AVAILABILITIES).default('available'),
  baseLng: lng.optional(),
  baseLat: lat.optional(),
});
export type TeamRequest = z.input<typeof teamRequest>;
export const teamUpdateRequest = teamRequest.extend(version);
export type TeamUpdateRequest = z.input<typeof teamUpdateRequest>;

export const memberRequest = z
  .strictObject({
    residentId: uuid.optional(),
    userId: uuid.optional(),
    role: z.enum(['leader', 'member']).default('member'),
    skills: z.array(z.string().trim().min(1).max(40)).max(20).default([]),
  })
  .refine((m) => Boolean(m.residentId) !== Boolean(m.userId), { message: 'One resident or one staff account', path: ['residentId'] });
export type MemberRequest = z.input<typeof memberRequest>;

export const rosterRequest = z.strictObject({ memberId: uuid, startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }), note: note.optional() });
export type RosterRequest = z.infer<typeof rosterRequest>;

export const teamMember = z.object({
  id: z.string(),
  /** Masked for residents (张**), the display name for staff. */
  name: z.string(),
  link: z.enum(['resident', 'staff']),
  userId: z.string().nullable(),
  role: z.enum(['leader', 'member']),
  skills: z.array(z.string()),
  onDuty: z.boolean(),
});
export type TeamMember = z.infer<typeof teamMember>;

export const rosterShift = z.object({ id: z.string(), memberId: z.string(), memberName: z.string(), startsAt: z.string(), endsAt: z.string(), note: z.string().nullable() });
export type RosterShift = z.infer<typeof rosterShift>;

export const emergencyTeam = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  skills: z.array(z.string()),
  equipment: z.array(z.object({ name: z.string(), quantity: z.number().int() })),
  availability: z.enum(TEAM_AVAILABILITIES),
  members: z.number().int(),
  onDuty: z.number().int(),
  /** Dispatches not yet completed or cancelled. */
  activeDispatches: z.number().int(),
  position: z.object({ lng: z.number(), lat: z.number(), at: z.string() }).nullable(),
  baseLng: z.number().nullable(),
  baseLat: z.number().nullable(),
  version: z.number().int(),
  /** Whether the reader keeps this team (may edit it, its members and its roster). */
  editable: z.boolean(),
});
export type EmergencyTeam = z.infer<typeof emergencyTeam>;

export const emergencyTeamDetail = emergencyTeam.extend({ memberList: z.array(teamMember), roster: z.array(rosterShift) });
export type EmergencyTeamDetail = z.infer<typeof emergencyTeamDetail>;

export const dispatchRequest = z.strictObject({ taskId: uuid, teamId: uuid, note: note.optional() });
export type DispatchRequest = z.infer<typeof dispatchRequest>;

export const DISPATCH_ACTION_INPUTS = {
  acknowledge: z.strictObject({ ...version, note: note.optional() }),
  arrive: z.strictObject({ ...version, note: note.optional() }),
  complete: z.strictObject({ ...version, note: note.optional() }),
  cancel: z.strictObject({ ...version, note }),
} as const;
export type DispatchAction = keyof typeof DISPATCH_ACTION_INPUTS;
export const DISPATCH_ACTIONS = Object.keys(DISPATCH_ACTION_INPUTS) as DispatchAction[];

/** The phone's report of where the team is (replayable). */
export const positionRequest = z.strictObject({ lng, lat, at: z.iso.datetime({ offset: true }).optional() });
export type PositionRequest = z.infer<typeof positionRequest>;

export const emergencyIdParams = z.strictObject({ id: uuid });
export const memberIdParams = z.strictObject({ id: uuid, memberId: uuid });

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './labels.js';

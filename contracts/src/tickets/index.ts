/**
 * The event closed loop (M2): categories with time limits, departments, tickets and their
 * explicit state machine. The internal status is kept apart from what the public sees.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, sortQuery, uuid } from '../common.js';

// ---------- levels and departments ----------
/** Where a ticket is handled: "small matters stay in the grid, big ones in the county and township, hard ones in the city". */
export const HANDLING_LEVELS = ['grid', 'community', 'township', 'county', 'city'] as const;
export type HandlingLevel = (typeof HANDLING_LEVELS)[number];

// ---------- categories ----------
/** Time-limit classes used by Chinese hotlines. */
export const LIMIT_CLASSES = ['emergency', 'utility', 'general', 'complex'] as const;
export type LimitClass = (typeof LIMIT_CLASSES)[number];

/** Default limits in minutes: dispatch within 1 h (emergency) or 24 h; report back 2 h / 24 h / 7 d / 15 d. */
export const DEFAULT_LIMITS: Record<LimitClass, { dispatchMinutes: number; handleMinutes: number }> = {
  emergency: { dispatchMinutes: 60, handleMinutes: 120 },
  utility: { dispatchMinutes: 24 * 60, handleMinutes: 24 * 60 },
  general: { dispatchMinutes: 24 * 60, handleMinutes: 7 * 24 * 60 },
  complex: { dispatchMinutes: 24 * 60, handleMinutes: 15 * 24 * 60 },
};

export const customField = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/),
  label: z.string().trim().min(1).max(40),
  type: z.enum(['text', 'number', 'select', 'boolean']),
  options: z.array(z.string().trim().min(1).max(40)).max(50).optional(),
  required: z.boolean().default(false),
});
export type CustomField = z.infer<typeof customField>;

export const category = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  /** The English name (null: the Chinese one is shown in English too). */
  nameEn: z.string().nullable(),
  parentId: z.string().nullable(),
  limitClass: z.enum(LIMIT_CLASSES),
  dispatchMinutes: z.number().int(),
  handleMinutes: z.number().int(),
  customFields: z.array(customField),
  /** Default handling department per level. */
  defaultDepartments: z.array(z.object({ level: z.enum(HANDLING_LEVELS), departmentId: z.string(), departmentName: z.string() })),
  active: z.boolean(),
});
export type Category = z.infer<typeof category>;

export const categoryInput = z.strictObject({
  code: z.string().regex(/^[a-z][a-z0-9_.]{1,63}$/),
  name: z.string().trim().min(1).max(40),
  parentId: uuid.nullable().optional(),
  limitClass: z.enum(LIMIT_CLASSES).default('general'),
  dispatchMinutes: z.number().int().min(5).max(60 * 24 * 30).optional(),
  handleMinutes: z.number().int().min(5).max(60 * 24 * 90).optional(),
  customFields: z.array(customField).max(20).default([]),
  defaultDepartments: z.array(z.strictObject({ level: z.enum(HANDLING_LEVELS), departmentId: uuid })).max(5).default([]),
  active: z.boolean().default(true),
});
export const categoryUpdate = categoryInput.partial().extend({
  limitClass: z.enum(LIMIT_CLASSES).optional(),
  customFields: z.array(customField).max(20).optional(),
  defaultDepartments: z.array(z.strictObject({ level: z.enum(HANDLING_LEVELS), departmentId: uuid })).max(5).optional(),
  active: z.boolean().optional(),
});

// ---------- tickets ----------
export const TICKET_SOURCES = ['resident', 'grid_worker', 'hotline', 'department', 'device', 'api', 'dispute'] as const;
export type TicketSource = (typeof TICKET_SOURCES)[number];

/**
 * Internal status. reported -> accepted -> dispatched -> handling -> reported_back -> closed;
 * `rejected` ends a report that is not accepted (不予受理); `merged` one merged into another.
 */
export const TICKET_STATUSES = ['reported', 'accepted', 'dispatched', 'handling', 'reported_back', 'closed', 'rejected', 'merged'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** The statuses of a ticket still being worked on; the others end it. */
export const OPEN_TICKET_STATUSES = ['reported', 'accepted', 'dispatched', 'handling', 'reported_back'] as const satisfies readonly TicketStatus[];
export const ENDED_TICKET_STATUSES = ['closed', 'rejected', 'merged'] as const satisfies readonly TicketStatus[];
/** A status list as SQL text (`('closed', 'rejected', 'merged')`), for statements and indexes built from the constants. */
export function sqlList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(', ')})`;
}

/** What the reporter and the public see. */
/** `submitted` until someone accepts the report; `received` (已受理) only after. */
export const PUBLIC_STATUSES = ['received', 'in_progress', 'resolved', 'not_accepted', 'submitted'] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export const ASSIGNMENT_STATUSES = ['pending', 'handling', 'reported', 'returned', 'withdrawn'] as const;

export const TICKET_ACTIONS = [
  'report', 'accept', 'reject', 'dispatch', 'sign', 'return', 'transfer', 'report_back', 'close', 'rate', 'revisit', 'reopen',
  'escalate', 'request_extension', 'approve_extension', 'reject_extension', 'supervise', 'summon', 'check_in', 'merge', 'comment',
  // The operator sends a reported-back ticket back for rework (退回重办).
  'rework',
  // Taken by the time-limit timers only.
  'overdue',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const attachmentRef = z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number().int() });

export const ticketEvent = z.object({
  seq: z.number().int(),
  action: z.enum(TICKET_ACTIONS),
  at: z.string(),
  actorName: z.string().nullable(),
  departmentName: z.string().nullable(),
  fromStatus: z.enum(TICKET_STATUSES).nullable(),
  toStatus: z.enum(TICKET_STATUSES).nullable(),
  note: z.string().nullable(),
  attachments: z.array(attachmentRef),
  data: z.record(z.string(), z.unknown()),
  /** Shown on the public timeline. */
  public: z.boolean(),
});
export type TicketEvent = z.infer<typeof ticketEvent>;

export const assignment = z.object({
  departmentId: z.string(),
  departmentName: z.string(),
  lead: z.boolean(),
  status: z.enum(ASSIGNMENT_STATUSES),
  dueAt: z.string(),
  note: z.string().nullable(),
});

export const ticketOrigin = z.object({ type: z.string(), id: z.string(), number: z.string() });
export type TicketOrigin = z.infer<typeof ticketOrigin>;

export const ticket = z.object({
  id: z.string(),
  number: z.string(),
  source: z.enum(TICKET_SOURCES),
  categoryId: z.string(),
  categoryName: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  regionCode: z.string(),
  /** The region's name, resolved on the server: readers of tickets need not read regions. */
  regionName: z.string(),
  level: z.enum(HANDLING_LEVELS),
  status: z.enum(TICKET_STATUSES),
  publicStatus: z.enum(PUBLIC_STATUSES),
  emergency: z.boolean(),
  reporterName: z.string().nullable(),
  reporterPhoneMasked: z.string().nullable(),
  customFields: z.record(z.string(), z.unknown()),
  photos: z.array(attachmentRef),
  dispatchDueAt: z.string().nullable(),
  handleDueAt: z.string().nullable(),
  overdue: z.boolean(),
  supervised: z.boolean(),
  rating: z.number().int().nullable(),
  ratingComment: z.string().nullable(),
  reopenUntil: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  /**
   * The record of another module the ticket was filed from (a dispute escalated into the loop):
   * its kind, id and number only, never its contents; whether the reader may open it is the
   * owning module's answer.
   */
  origin: ticketOrigin.nullable(),
  assignments: z.array(assignment),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
  /** The transitions the caller may make now (the UI shows buttons from these). */
  actions: z.array(z.enum(TICKET_ACTIONS)),
  /** Transitions the caller would take but cannot now, with why (the UI shows them disabled with the reason). */
  unavailable: z.array(z.object({ action: z.enum(TICKET_ACTIONS), code: z.string(), message: z.string() })),
});
export type Ticket = z.infer<typeof ticket>;

const point = { lon: z.number().min(-180).max(180).optional(), lat: z.number().min(-90).max(90).optional() };

export const intakeRequest = z.strictObject({
  source: z.enum(TICKET_SOURCES).optional(),
  categoryId: uuid.optional(),
  description: z.string().trim().min(5).max(2000),
  address: z.string().trim().max(200).optional(),
  ...point,
  emergency: z.boolean().default(false),
  reporterName: z.string().trim().max(50).optional(),
  reporterPhone: z.string().trim().max(20).optional(),
  customFields: z.record(z.string(), z.union([z.string().max(500), z.number(), z.boolean()])).default({}),
  photoIds: z.array(uuid).max(9).default([]),
});

/** The columns a ticket list may be sorted by (server-side); `due` is the running deadline (dispatch, then handling). */
export const TICKET_SORT_KEYS = ['number', 'createdAt', 'status', 'level', 'due', 'category'] as const;
export type TicketSortKey = (typeof TICKET_SORT_KEYS)[number];

export const ticketListQuery = z.strictObject({
  view: z.enum(['queue', 'all', 'overdue', 'supervised', 'mine']).default('all'),
  status: z.enum(TICKET_STATUSES).optional(),
  categoryId: uuid.optional(),
  region: divisionCode.optional(),
  gridId: uuid.optional(),
  q: z.string().trim().max(64).optional(),
  ...sortQuery(TICKET_SORT_KEYS),
  ...pageQuery,
});

/** A ticket list view to export: the list's filters and sort, without paging. */
export const ticketExportQuery = ticketListQuery.omit({ page: true, pageSize: true });

// ---------- transitions: one input schema per action ----------
const actionBase = {
  /** The ticket's version the caller read: a stale one answers TICKET_VERSION_CONFLICT. */
  version: z.number().int().min(1),
  attachmentIds: z.array(uuid).max(9).default([]),
};
const note = z.string().trim().min(1).max(1000);
/** A text written for the reporter and the public timeline; the note stays internal. */
const publicNote = z.string().trim().min(1).max(500).optional();
const departmentIds = z.array(uuid).min(1).max(10);
const input = <T extends z.ZodRawShape>(shape: T) => z.strictObject({ ...actionBase, ...shape });

/**
 * What each transition takes. The server validates each action's route with its own schema,
 * and the console builds each action's form from it (required fields are the non-optional ones).
 */
export const TICKET_ACTION_INPUTS = {
  accept: input({ note: note.optional(), /** Correct the category while accepting. */ categoryId: uuid.optional() }),
  reject: input({ note, publicNote }),
  /** Merge into the ticket this one duplicates. */
  merge: input({ note: note.optional(), targetId: uuid }),
  /** To the level given, or one up. */
  escalate: input({ note: note.optional(), level: z.enum(HANDLING_LEVELS).optional() }),
  /** To departments serving the ticket's region; the first leads. */
  dispatch: input({ note: note.optional(), departmentIds, categoryId: uuid.optional() }),
  transfer: input({ note: note.optional(), departmentIds }),
  sign: input({ note: note.optional() }),
  return: input({ note }),
  report_back: input({ note, publicNote }),
  close: input({ note: note.optional(), publicNote }),
  rate: input({ note: note.optional(), rating: z.number().int().min(1).max(5) }),
  revisit: input({ note, rating: z.number().int().min(1).max(5).optional() }),
  reopen: input({ note }),
  request_extension: input({ note: note.optional(), until: z.iso.datetime() }),
  approve_extension: input({ note: note.optional() }),
  reject_extension: input({ note: note.optional() }),
  supervise: input({ note: note.optional() }),
  /** Summon departments (吹哨); each must check in within the limit. */
  summon: input({ note: note.optional(), departmentIds, checkInMinutes: z.number().int().min(10).max(7 * 24 * 60).optional() }),
  check_in: input({ note }),
  comment: input({ note }),
  /** Send a reported-back ticket back to whoever handled it (退回重办). */
  rework: input({ note }),
} as const;

export type TicketTransition = keyof typeof TICKET_ACTION_INPUTS;

/**
 * The actions an operator may take on many tickets at once from a list. Each ticket goes through
 * the same rules as the single action (its own version, state, standing, scope); the answer says
 * per ticket what happened.
 */
export const TICKET_BATCH_ACTIONS = ['accept', 'dispatch', 'supervise', 'close'] as const;
export type TicketBatchAction = (typeof TICKET_BATCH_ACTIONS)[number];
export const ticketBatchRequest = z.strictObject({
  action: z.enum(TICKET_BATCH_ACTIONS),
  items: z.array(z.strictObject({ id: uuid, version: z.number().int().min(1) })).min(1).max(50),
  note: note.optional(),
  departmentIds: departmentIds.optional(),
});
export type TicketBatchRequest = z.input<typeof ticketBatchRequest>;
export const ticketBatchResult = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      /** Null when the ticket is not one the caller may read. */
      number: z.string().nullable(),
      ok: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
});
export type TicketBatchResult = z.infer<typeof ticketBatchResult>;
export const TICKET_TRANSITIONS = Object.keys(TICKET_ACTION_INPUTS) as TicketTransition[];
export type TicketActionInputs = { [A in TicketTransition]: z.infer<(typeof TICKET_ACTION_INPUTS)[A]> };
/** A transition with its input, discriminated by `action`. */
export type TicketActionInput = { [A in TicketTransition]: { action: A } & TicketActionInputs[A] }[TicketTransition];

/** Any transition's input as the action handlers read it: each reads the fields its schema has. */
export type TransitionRequest = { version: number; attachmentIds: string[] } & Partial<Omit<UnionToFields<TicketActionInputs[TicketTransition]>, 'version' | 'attachmentIds'>>;
/** What a client sends for some transition (before defaults). */
export type TransitionBody = z.input<(typeof TICKET_ACTION_INPUTS)[TicketTransition]>;
type UnionToFields<U> = { [K in U extends unknown ? keyof U : never]: U extends { [P in K]?: infer V } ? V : never };

export const categorySuggestion = z.object({ categoryId: z.string(), code: z.string(), name: z.string(), probability: z.number() });
export const intakeCheckRequest = z.strictObject({ description: z.string().trim().min(1).max(2000), ...point });
export const intakeCheck = z.object({
  grid: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }).nullable(),
  suggestions: z.array(categorySuggestion),
  /**
   * Open tickets nearby with similar text. Ones the caller may not read are named by number
   * only (`visible: false`, no id, text or distance).
   */
  duplicates: z.array(
    z.object({ id: z.string().nullable(), number: z.string(), description: z.string(), distanceM: z.number().nullable(), similarity: z.number(), createdAt: z.string(), visible: z.boolean() }),
  ),
});
export type IntakeCheck = z.infer<typeof intakeCheck>;

// ---------- around the tickets: attachments, summonses, bulletins, public intake ----------
/** POST /api/attachments (multipart, one file named "file"; images up to 10 MB) answers one of these. */
export type AttachmentRef = z.infer<typeof attachmentRef>;


export const summonsItem = z.object({
  id: z.string(),
  ticketId: z.string(),
  ticketNumber: z.string(),
  description: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  dueAt: z.string(),
  departments: z.array(z.object({
    departmentId: z.string(),
    departmentName: z.string(),
    checkedInAt: z.string().nullable(),
    action: z.string().nullable(),
    /** Not checked in and past the due time. */
    late: z.boolean(),
  })),
});
export type SummonsItem = z.infer<typeof summonsItem>;
export const summonsQuery = z.strictObject({ status: z.enum(['open', 'all']).default('open') });

export const bulletinData = z.object({
  newTickets: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
  returned: z.number().int(),
  /** Average rating (1-5) of tickets rated that day, null when none. */
  satisfaction: z.number().nullable(),
  ratedCount: z.number().int(),
  topCategories: z.array(z.object({ categoryId: z.string(), name: z.string(), count: z.number().int() })),
  worstDepartments: z.array(z.object({ departmentId: z.string(), name: z.string(), overdue: z.number().int(), onTimeRate: z.number().nullable() })),
});
export const bulletin = z.object({ regionCode: z.string(), regionName: z.string(), day: z.string(), data: bulletinData, createdAt: z.string() });
export type Bulletin = z.infer<typeof bulletin>;
export const bulletinQuery = z.strictObject({ region: divisionCode.optional(), day: z.iso.date().optional() });

/** Anonymous intake from the public portal: rate-limited per address, with a honeypot. */
export const publicIntakeRequest = z.strictObject({
  description: z.string().trim().min(5).max(2000),
  address: z.string().trim().max(200).optional(),
  ...point,
  categoryId: uuid.optional(),
  reporterName: z.string().trim().max(50).optional(),
  reporterPhone: z.string().trim().max(20).optional(),
  photoIds: z.array(uuid).max(9).default([]),
  /** Honeypot: hidden in the form; a filled one marks a bot. */
  website: z.string().max(200).optional(),
  /** How the reporter confirmed the point: their device's location, a tap on the map, or an address found. Required. */
  locatedBy: z.enum(['device', 'map', 'address']).optional(),
});
export const publicTicket = z.object({
  number: z.string(),
  /** Secret for following the report without an account (only in the answer to the report itself and to a lookup by it). */
  trackingToken: z.string().nullable(),
  categoryName: z.string(),
  description: z.string(),
  address: z.string().nullable(),
  publicStatus: z.enum(PUBLIC_STATUSES),
  createdAt: z.string(),
  timeline: z.array(z.object({ action: z.enum(TICKET_ACTIONS), at: z.string(), note: z.string().nullable(), departmentName: z.string().nullable() })),
  /** What the reporter may do now: rate, reopen. */
  actions: z.array(z.enum(['rate', 'reopen'])),
  rating: z.number().int().nullable(),
  reopenUntil: z.string().nullable(),
});
export type PublicTicket = z.infer<typeof publicTicket>;

/** How an anonymous reporter proves a report is theirs: its tracking token, or its receipt number plus the phone given. */
export const publicTicketAccess = z.union([
  z.strictObject({ token: z.string().min(10).max(64) }),
  z.strictObject({ number: z.string().trim().min(3).max(32), phone: z.string().trim().min(5).max(20) }),
]);
export type PublicTicketAccess = z.infer<typeof publicTicketAccess>;
export const publicTicketLookup = z.strictObject({ access: publicTicketAccess });
export const publicRateRequest = z.strictObject({ access: publicTicketAccess, rating: z.number().int().min(1).max(5), note: note.optional() });
export const publicReopenRequest = z.strictObject({ access: publicTicketAccess, note });
export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';

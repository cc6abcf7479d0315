/**
 * Disputes (矛盾纠纷排查化解): registered from a form definition (`disputes.register`, the
 * GB/T 31000 fields), assigned to mediators, mediated in sessions, settled by an agreement
 * (人民调解协议书), followed up and closed — or escalated into the ticket loop, or failed with a
 * referral.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';

/** `returned`: the ticket it was escalated into was closed or refused; the mediator records the outcome. */
export const DISPUTE_STATUSES = ['registered', 'assigned', 'mediating', 'agreed', 'followed_up', 'closed', 'escalated', 'returned', 'failed'] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];
/** Who mediates: the grid, the community people's mediation committee, the judicial office, the township. */
export const MEDIATOR_LEVELS = ['grid', 'committee', 'judicial_office', 'township'] as const;
export type MediatorLevel = (typeof MEDIATOR_LEVELS)[number];
/** Way of resolution (化解方式). */
export const RESOLUTION_WAYS = ['people_mediation', 'administrative_mediation', 'judicial_mediation', 'joint_mediation', 'other'] as const;
/** Where a failed mediation is referred (调解不成). */
export const REFERRALS = ['litigation', 'arbitration', 'petition'] as const;

const note = z.string().trim().min(1).max(500);
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.iso.date();
const version = { version: z.number().int().min(1) };

export const disputeInput = z.strictObject({
  gridId: uuid,
  /** The published version of `disputes.register` the answers were given against. */
  formVersion: z.number().int().min(1).max(1_000_000),
  answers: z.record(z.string(), z.unknown()),
});
export type DisputeInput = z.infer<typeof disputeInput>;

/** Each step of a dispute's life, with what it takes. */
export const DISPUTE_ACTION_INPUTS = {
  assign: z.strictObject({
    ...version,
    mediatorLevel: z.enum(MEDIATOR_LEVELS),
    /** The mediating department (a judicial office, a mediation committee), when there is one. */
    departmentId: uuid.optional(),
    mediatorName: text(100),
    resolutionWay: z.enum(RESOLUTION_WAYS),
    note: note.optional(),
  }),
  record_session: z.strictObject({ ...version, heldOn: day, place: text(200), attendees: text(500), notes: text(4000) }),
  agree: z.strictObject({ ...version, terms: text(4000), fulfilmentWay: text(500), fulfilmentDeadline: day }),
  follow_up: z.strictObject({ ...version, fulfilled: z.boolean(), note }),
  close: z.strictObject({ ...version, success: z.boolean(), outcome: text(1000), evaluatedOn: day, opinion: text(1000) }),
  /** Into the ticket loop: the note is the ticket's description (no party's personal data); the category is the ticket's (suggested from the note when left out). */
  escalate: z.strictObject({ ...version, note, categoryId: uuid.optional() }),
  fail: z.strictObject({ ...version, referral: z.enum(REFERRALS), note }),
} as const;
export type DisputeAction = keyof typeof DISPUTE_ACTION_INPUTS;
export const DISPUTE_ACTIONS = Object.keys(DISPUTE_ACTION_INPUTS) as DisputeAction[];

export const disputeParty = z.object({
  seq: z.number().int(),
  name: z.string(),
  partyCategory: z.string(),
  idType: z.string(),
  /** Masked: 1101**********002X. */
  idNumberMasked: z.string().nullable(),
  sex: z.string().nullable(),
  ethnicGroup: z.string().nullable(),
  education: z.string().nullable(),
  /** Masked: 138****1234. */
  phoneMasked: z.string().nullable(),
  address: z.string().nullable(),
});
export type DisputeParty = z.infer<typeof disputeParty>;

export const mediationSession = z.object({ id: z.string(), heldOn: z.string(), place: z.string(), attendees: z.string(), notes: z.string(), recordedBy: z.string().nullable(), createdAt: z.string() });
export type MediationSession = z.infer<typeof mediationSession>;

export const disputeAgreement = z.object({ terms: z.string(), fulfilmentWay: z.string(), fulfilmentDeadline: z.string(), agreedOn: z.string() });

/** The ticket a dispute was escalated into. */
export const disputeTicket = z.object({ id: z.string(), number: z.string().nullable() });

export const dispute = z.object({
  id: z.string(),
  /** JF00000001: shown on the ticket it is escalated into. */
  number: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  name: z.string(),
  category: z.string(),
  scale: z.string(),
  occurredOn: z.string(),
  deadline: z.string(),
  status: z.enum(DISPUTE_STATUSES),
  formKey: z.string(),
  formVersion: z.number().int(),
  /** The register's answers without the parties (the parties are below, masked). */
  answers: z.record(z.string(), z.unknown()),
  parties: z.array(disputeParty),
  mediatorLevel: z.enum(MEDIATOR_LEVELS).nullable(),
  departmentId: z.string().nullable(),
  mediatorName: z.string().nullable(),
  resolutionWay: z.string().nullable(),
  agreement: disputeAgreement.nullable(),
  resolution: z.record(z.string(), z.unknown()).nullable(),
  sessions: z.array(mediationSession),
  ticket: disputeTicket.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  /** What the caller may do with it now. */
  actions: z.array(z.enum(DISPUTE_ACTIONS)),
});
export type Dispute = z.infer<typeof dispute>;

export const disputeListItem = dispute.pick({ id: true, number: true, regionCode: true, regionName: true, gridId: true, gridName: true, name: true, category: true, scale: true, occurredOn: true, deadline: true, status: true, createdAt: true, version: true }).extend({ partyCount: z.number().int() });
export type DisputeListItem = z.infer<typeof disputeListItem>;

export const disputeListQuery = z.strictObject({
  status: z.enum(DISPUTE_STATUSES).optional(),
  region: divisionCode.optional(),
  gridId: uuid.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  ...pageQuery,
});

/** Disputes still being worked on (map layer, counts): not closed, failed or handed to the ticket loop. */
export const DISPUTE_OPEN_STATUSES = ['registered', 'assigned', 'mediating', 'agreed', 'followed_up'] as const satisfies readonly DisputeStatus[];

export const disputeMapQuery = z.strictObject({ region: divisionCode.optional() });
/** Open disputes per grid (the map layer "by place"): counts only, no names or parties. */
export const disputeMapItem = z.object({ gridId: z.string(), gridName: z.string(), open: z.number().int(), overdue: z.number().int() });

export const disputeUnmaskRequest = z.strictObject({
  /** Why the full value is needed: kept in the audit log. */
  reason: z.string().trim().min(4).max(200),
  seq: z.number().int().min(1).max(50),
});
export const disputeUnmaskResponse = z.object({ idNumber: z.string().nullable(), phone: z.string().nullable() });

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './register-form.js';

/**
 * Health codes (健康码): green, yellow or red from a versioned rule that is data (ordered lines,
 * each an evidence kind with a condition and a colour; green when no line matches), each code
 * showing the rule line and the evidence that made it. The interfaces follow GB/T 38963-2020:
 * health and trip declaration, health information query, code request and issue, verification by
 * an opaque token (colour and validity only), and correction requests with review.
 */
import { z } from 'zod';
import { pageQuery, uuid } from '../common.js';

export const CODE_COLOURS = ['green', 'yellow', 'red'] as const;
export type CodeColour = (typeof CODE_COLOURS)[number];
/** What evidence sources give (each owned by the module that holds the data; quarantine comes later). */
export const EVIDENCE_KINDS = ['case', 'contact', 'arrival', 'trip', 'fever', 'symptoms', 'quarantine'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const RISK_LEVELS = ['high', 'medium'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const CORRECTION_STATUSES = ['pending', 'accepted', 'rejected'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

const instant = z.iso.datetime({ offset: true });
const note = z.string().trim().min(1).max(500);

/** One line of the rule: evidence of a kind, with its condition, gives a colour. The first matching line wins. */
export const ruleLine = z.strictObject({
  evidenceKind: z.enum(EVIDENCE_KINDS),
  colour: z.enum(['red', 'yellow']),
  /** Contacts: only this degree (1 close, 2 secondary). */
  degree: z.union([z.literal(1), z.literal(2)]).optional(),
  /** Cases: only these statuses. */
  statuses: z.array(z.enum(['suspected', 'confirmed'])).min(1).max(2).optional(),
  /** Only evidence that began within this many days. */
  withinDays: z.number().int().min(1).max(60).optional(),
  /** Arrivals and trips: the origin lies in a risk area of this level. */
  riskLevel: z.enum(RISK_LEVELS).optional(),
  /** How long a code of this line is valid before it is computed again (hours; default 24). */
  validHours: z.number().int().min(1).max(24 * 14).optional(),
});
export type RuleLine = z.infer<typeof ruleLine>;

export const healthCodeRule = z.strictObject({ lines: z.array(ruleLine).max(40) });
export type HealthCodeRule = z.infer<typeof healthCodeRule>;

/** Rules seen in practice (docs/health-codes.md): red for cases, close contacts, quarantine, high-risk arrivals; yellow for fever, symptoms, secondary contacts, medium-risk arrivals. */
export const DEFAULT_HEALTH_CODE_RULE: HealthCodeRule = {
  lines: [
    { evidenceKind: 'case', colour: 'red', statuses: ['suspected', 'confirmed'] },
    { evidenceKind: 'contact', colour: 'red', degree: 1 },
    { evidenceKind: 'quarantine', colour: 'red' },
    { evidenceKind: 'arrival', colour: 'red', riskLevel: 'high', withinDays: 14 },
    { evidenceKind: 'trip', colour: 'red', riskLevel: 'high', withinDays: 14 },
    { evidenceKind: 'fever', colour: 'yellow', withinDays: 3 },
    { evidenceKind: 'symptoms', colour: 'yellow', withinDays: 7 },
    { evidenceKind: 'contact', colour: 'yellow', degree: 2 },
    { evidenceKind: 'arrival', colour: 'yellow', riskLevel: 'medium', withinDays: 7 },
    { evidenceKind: 'trip', colour: 'yellow', riskLevel: 'medium', withinDays: 7 },
  ],
};

/** A new version of the rule; it takes over at `effectiveFrom` (now when not given). */
export const ruleVersionRequest = z.strictObject({ effectiveFrom: instant.optional(), lines: healthCodeRule.shape.lines });
export type RuleVersionRequest = z.infer<typeof ruleVersionRequest>;

export const ruleVersion = z.object({
  version: z.number().int(),
  effectiveFrom: z.string().nullable(),
  lines: z.array(ruleLine),
  createdAt: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type RuleVersion = z.infer<typeof ruleVersion>;
/** Every version, newest first, and the one in force now. */
export const ruleVersions = z.object({ inForce: z.number().int(), versions: z.array(ruleVersion) });
export type RuleVersions = z.infer<typeof ruleVersions>;

/** A risk area (风险地区): an origin containing `name` lies in it from `from` until `until`. */
export const riskAreaRequest = z.strictObject({ name: z.string().trim().min(2).max(60), level: z.enum(RISK_LEVELS), from: instant, until: instant.nullable().optional() });
export type RiskAreaRequest = z.infer<typeof riskAreaRequest>;
export const riskArea = z.object({ id: z.string(), name: z.string(), level: z.enum(RISK_LEVELS), from: z.string(), until: z.string().nullable() });
export type RiskArea = z.infer<typeof riskArea>;

/** One piece of evidence behind a code: its kind, what it is (a case number, an arrival...), since when. */
export const codeEvidence = z.object({ kind: z.string(), ref: z.string(), since: z.string(), until: z.string().nullable(), detail: z.record(z.string(), z.unknown()) });
export type CodeEvidence = z.infer<typeof codeEvidence>;

/** The code verification answer (验码): nothing about the person, the same shape for unknown tokens. */
export const codeVerification = z.object({ colour: z.enum([...CODE_COLOURS, 'unknown']), validUntil: z.string().nullable(), checkedAt: z.string() });
export type CodeVerification = z.infer<typeof codeVerification>;
export const tokenParams = z.strictObject({ token: z.string().min(1).max(64) });

/** One's own code on the portal (健康信息查询): colour, validity, token for the QR, and why. */
export const ownCode = z.object({
  colour: z.enum(CODE_COLOURS),
  validUntil: z.string(),
  computedAt: z.string(),
  token: z.string(),
  ruleVersion: z.number().int(),
  /** The rule line that made it (null: green, or a reviewed correction). */
  line: z.number().int().nullable(),
  evidence: z.array(codeEvidence),
  override: z.boolean(),
  correction: z.object({ id: z.string(), status: z.enum(CORRECTION_STATUSES), reviewNote: z.string().nullable() }).nullable(),
});
export type OwnCode = z.infer<typeof ownCode>;

/** A code in an operator's list: colour, rule line, evidence kinds, place; no name. */
export const codeSummary = z.object({
  id: z.string(),
  colour: z.enum(CODE_COLOURS),
  ruleVersion: z.number().int(),
  line: z.number().int().nullable(),
  kinds: z.array(z.string()),
  regionCode: z.string().nullable(),
  gridId: z.string().nullable(),
  computedAt: z.string(),
  validUntil: z.string(),
});
export type CodeSummary = z.infer<typeof codeSummary>;
export const codeDetail = codeSummary.extend({ evidence: z.array(codeEvidence), override: z.boolean() });
export type CodeDetail = z.infer<typeof codeDetail>;
export const healthCodeListQuery = z.strictObject({ colour: z.enum(CODE_COLOURS).optional(), ...pageQuery });
export type HealthCodeListQuery = z.infer<typeof healthCodeListQuery>;
export const codeIdParams = z.strictObject({ id: uuid });
export const codeReadQuery = z.strictObject({ purpose: z.string().trim().min(1).max(200).optional() });
/** A person's code found by their document number (a resident on the phone about their code), for a stated purpose. */
export const codeLookupRequest = z.strictObject({ idNumber: z.string().trim().min(1).max(40), purpose: z.string().trim().min(1).max(200) });
export type CodeLookupRequest = z.infer<typeof codeLookupRequest>;

/** A trip one declares (用户行程申报): where from, when arrived. */
export const tripRequest = z.strictObject({ origin: z.string().trim().min(2).max(100), arrivedAt: instant, transport: z.string().trim().max(40).optional() });
export type TripRequest = z.infer<typeof tripRequest>;

/** A correction request (用户健康信息纠错). */
export const correctionRequest = z.strictObject({ reason: note });
export const correctionSummary = z.object({
  id: z.string(),
  status: z.enum(CORRECTION_STATUSES),
  colourAtRequest: z.enum(CODE_COLOURS),
  reason: z.string(),
  regionCode: z.string().nullable(),
  reviewNote: z.string().nullable(),
  overrideColour: z.enum(CODE_COLOURS).nullable(),
  overrideUntil: z.string().nullable(),
  createdAt: z.string(),
  reviewedAt: z.string().nullable(),
  version: z.number().int(),
});
export type CorrectionSummary = z.infer<typeof correctionSummary>;
export const correctionListQuery = z.strictObject({ status: z.enum(CORRECTION_STATUSES).optional(), ...pageQuery });
export const correctionReviewRequest = z.strictObject({
  version: z.number().int().min(1),
  decision: z.enum(['accept', 'reject']),
  /** Accept: the colour the code shows until `hours` have passed (green when not given). */
  colour: z.enum(CODE_COLOURS).optional(),
  hours: z.number().int().min(1).max(24 * 14).optional(),
  note,
});
export type CorrectionReviewRequest = z.infer<typeof correctionReviewRequest>;

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './labels.js';

/** The hash-chained audit log as the auditor reads it. */
import { z } from 'zod';
import { pageQuery } from '../common.js';

// ---------- audit ----------
export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  role: z.string().nullable(),
  scope: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  subject: z.string().nullable(),
  outcome: z.enum(['success', 'denied', 'failure']),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.unknown(),
  hash: z.string(),
  /** The acting account's display name (the username is `actorName`). */
  actorDisplayName: z.string().nullable(),
  /** The username a failed sign-in tried (no account acted). */
  attemptedUsername: z.string().nullable(),
  /** What the object is to a person: a ticket number, a grid's name, a resident's masked name. */
  objectLabel: z.string().nullable(),
  /** The data subject likewise (a resident's masked name). */
  subjectLabel: z.string().nullable(),
  /** Flagged for the auditor's attention (an action declared with `alert`, e.g. an admin account created). */
  alert: z.boolean(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditListQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(64).optional(),
  outcome: z.enum(['success', 'denied', 'failure']).optional(),
  /** Only the entries flagged for the auditor's attention. */
  alert: z.enum(['true', 'false']).optional(),
  /** Only refusals and failures (outcome denied or failure). */
  failed: z.enum(['true', 'false']).optional(),
  ...pageQuery,
});

/** The same filters without paging: what an export of the audit list selects. */
export const auditExportQuery = auditListQuery.omit({ page: true, pageSize: true });

/** The result of walking the hash chain from its start. */
export const auditVerifyResult = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  /** The last entry's hash when the chain holds: keep it elsewhere to prove nothing was cut off the end. */
  headHash: z.string().nullable(),
  /** The first entry that does not fit, when broken. */
  brokenAt: z.string().nullable(),
  reason: z.enum(['hash_mismatch', 'chain_broken']).nullable(),
  at: z.string(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;


export * from './permissions.js';

/** Every audit action any domain writes, with its label: the auditor's view and the server's check. */
import type { AuditActionSpec } from './audit-kit.js';
import { DOMAINS } from './domains.js';
import { gather, type Gathered } from './gather.js';

export { defineAuditActions, type AuditActionSpec } from './audit-kit.js';

export const AUDIT_ACTIONS = gather(DOMAINS, 'auditActions') as Gathered<typeof DOMAINS, 'auditActions'> & Record<string, AuditActionSpec>;

export type AuditAction = keyof Gathered<typeof DOMAINS, 'auditActions'> & string;

/** The actions flagged for the auditor's attention. */
export const ALERT_AUDIT_ACTIONS: readonly string[] = Object.entries(AUDIT_ACTIONS as Record<string, AuditActionSpec>)
  .filter(([, spec]) => spec.alert === true)
  .map(([action]) => action);

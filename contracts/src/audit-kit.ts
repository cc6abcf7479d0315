/**
 * How a domain declares the audit actions it writes (`<noun>.<verb>`), with what the auditor
 * reads for each in both languages. The server refuses to write an action nobody declared.
 */
export interface AuditActionSpec {
  zh: string;
  en: string;
  /**
   * Flagged for the auditor: entries of this action are marked in the audit log and listed by
   * its "needs attention" filter (`GET /api/audit?alert=true`), e.g. an admin account created by
   * another admin.
   */
  alert?: true;
}

export function defineAuditActions<const T extends Record<`${string}.${string}`, AuditActionSpec>>(spec: T): T {
  return spec;
}

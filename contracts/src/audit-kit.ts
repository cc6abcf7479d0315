/**
 * How a domain declares the audit actions it writes (`<noun>.<verb>`), with what the auditor
 * reads for each in both languages. The server refuses to write an action nobody declared.
 */
export interface AuditActionSpec {
  zh: string;
  en: string;
}

export function defineAuditActions<const T extends Record<`${string}.${string}`, AuditActionSpec>>(spec: T): T {
  return spec;
}

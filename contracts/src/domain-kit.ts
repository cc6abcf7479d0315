/** What one domain of the contracts declares to the rest: its permissions, audit actions, messages and error codes. */
import type { PermissionSpec } from './permission-kit.js';
import type { AuditActionSpec } from './audit-kit.js';
import type { MessageSpec } from './message-kit.js';
import type { ErrorSpec } from './error-kit.js';
import type { EnumLabels } from './label-kit.js';

export interface DomainSpec {
  permissions?: Record<string, PermissionSpec>;
  auditActions?: Record<string, AuditActionSpec>;
  messages?: Record<string, MessageSpec>;
  errors?: Record<string, ErrorSpec>;
  /** Labels of its enum values, by enum name. */
  enums?: EnumLabels;
}

export function defineDomain<const T extends DomainSpec>(spec: T): T {
  return spec;
}

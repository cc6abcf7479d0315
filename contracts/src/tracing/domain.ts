/** What the tracing domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { TRACING_PERMISSIONS } from './permissions.js';
import { TRACING_AUDIT_ACTIONS } from './audit.js';
import { TRACING_MESSAGES } from './messages.js';
import { TRACING_ERRORS } from './errors.js';
import { TRACING_ENUM_LABELS } from './labels.js';

export const tracingDomain = defineDomain({
  permissions: TRACING_PERMISSIONS,
  auditActions: TRACING_AUDIT_ACTIONS,
  messages: TRACING_MESSAGES,
  errors: TRACING_ERRORS,
  enums: TRACING_ENUM_LABELS,
});

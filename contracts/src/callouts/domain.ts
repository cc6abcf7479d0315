/** What the call-campaign domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { CALLOUT_PERMISSIONS } from './permissions.js';
import { CALLOUT_AUDIT_ACTIONS } from './audit.js';
import { CALLOUT_MESSAGES } from './messages.js';
import { CALLOUT_ERRORS } from './errors.js';
import { CALLOUT_ENUM_LABELS } from './labels.js';

export const calloutsDomain = defineDomain({
  permissions: CALLOUT_PERMISSIONS,
  auditActions: CALLOUT_AUDIT_ACTIONS,
  messages: CALLOUT_MESSAGES,
  errors: CALLOUT_ERRORS,
  enums: CALLOUT_ENUM_LABELS,
});

/** What the disputes domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { DISPUTE_PERMISSIONS } from './permissions.js';
import { DISPUTE_AUDIT_ACTIONS } from './audit.js';
import { DISPUTE_MESSAGES } from './messages.js';
import { DISPUTE_ERRORS } from './errors.js';

export const disputesDomain = defineDomain({
  permissions: DISPUTE_PERMISSIONS,
  auditActions: DISPUTE_AUDIT_ACTIONS,
  messages: DISPUTE_MESSAGES,
  errors: DISPUTE_ERRORS,
});

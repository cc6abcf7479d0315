/** What the transfers domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { TRANSFER_AUDIT_ACTIONS } from './audit.js';
import { TRANSFER_ENUM_LABELS } from './labels.js';
import { TRANSFER_ERRORS } from './errors.js';

export const transfersDomain = defineDomain({
  auditActions: TRANSFER_AUDIT_ACTIONS,
  enums: TRANSFER_ENUM_LABELS,
  errors: TRANSFER_ERRORS,
});

/** What the public-information domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { PUBLICINFO_PERMISSIONS } from './permissions.js';
import { PUBLICINFO_AUDIT_ACTIONS } from './audit.js';
import { PUBLICINFO_MESSAGES } from './messages.js';
import { PUBLICINFO_ERRORS } from './errors.js';

export const publicinfoDomain = defineDomain({
  permissions: PUBLICINFO_PERMISSIONS,
  auditActions: PUBLICINFO_AUDIT_ACTIONS,
  messages: PUBLICINFO_MESSAGES,
  errors: PUBLICINFO_ERRORS,
});

/** What the declarations domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { DECLARATION_PERMISSIONS } from './permissions.js';
import { DECLARATION_AUDIT_ACTIONS } from './audit.js';
import { DECLARATION_MESSAGES } from './messages.js';
import { DECLARATION_ERRORS } from './errors.js';

export const declarationsDomain = defineDomain({
  permissions: DECLARATION_PERMISSIONS,
  auditActions: DECLARATION_AUDIT_ACTIONS,
  messages: DECLARATION_MESSAGES,
  errors: DECLARATION_ERRORS,
});

/** What the tickets domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { TICKET_PERMISSIONS } from './permissions.js';
import { TICKET_AUDIT_ACTIONS } from './audit.js';
import { TICKET_MESSAGES } from './messages.js';
import { TICKET_ENUM_LABELS } from './labels.js';

export const ticketsDomain = defineDomain({
  permissions: TICKET_PERMISSIONS,
  auditActions: TICKET_AUDIT_ACTIONS,
  messages: TICKET_MESSAGES,
  enums: TICKET_ENUM_LABELS,
});

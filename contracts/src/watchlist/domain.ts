/** What the watch-list domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { WATCHLIST_PERMISSIONS } from './permissions.js';
import { WATCHLIST_AUDIT_ACTIONS } from './audit.js';
import { WATCHLIST_MESSAGES } from './messages.js';
import { WATCHLIST_ERRORS } from './errors.js';
import { WATCHLIST_ENUM_LABELS } from './labels.js';

export const watchlistDomain = defineDomain({
  permissions: WATCHLIST_PERMISSIONS,
  auditActions: WATCHLIST_AUDIT_ACTIONS,
  messages: WATCHLIST_MESSAGES,
  errors: WATCHLIST_ERRORS,
  enums: WATCHLIST_ENUM_LABELS,
});

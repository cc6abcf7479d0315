/** What the campaigns domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { CAMPAIGN_PERMISSIONS } from './permissions.js';
import { CAMPAIGN_AUDIT_ACTIONS } from './audit.js';
import { CAMPAIGN_MESSAGES } from './messages.js';
import { CAMPAIGN_ERRORS } from './errors.js';

export const campaignsDomain = defineDomain({
  permissions: CAMPAIGN_PERMISSIONS,
  auditActions: CAMPAIGN_AUDIT_ACTIONS,
  messages: CAMPAIGN_MESSAGES,
  errors: CAMPAIGN_ERRORS,
});

/** What the auth domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { AUTH_AUDIT_ACTIONS } from './audit.js';

export const authDomain = defineDomain({
  auditActions: AUTH_AUDIT_ACTIONS,
});

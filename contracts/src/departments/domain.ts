/** What the departments domain declares to the rest (gathered in ../domains.ts). */
import { defineDomain } from '../domain-kit.js';
import { DEPARTMENT_AUDIT_ACTIONS } from './audit.js';

export const departmentsDomain = defineDomain({
  auditActions: DEPARTMENT_AUDIT_ACTIONS,
});

/** Every audit action any domain writes, with its label: the auditor's view and the server's check. */
import type { AuditActionSpec } from './audit-kit.js';
import { AUTH_AUDIT_ACTIONS } from './auth/audit.js';
import { REGION_AUDIT_ACTIONS } from './regions/audit.js';
import { GRID_AUDIT_ACTIONS } from './grids/audit.js';
import { USER_AUDIT_ACTIONS } from './users/audit.js';
import { DEPARTMENT_AUDIT_ACTIONS } from './departments/audit.js';
import { REGISTER_AUDIT_ACTIONS } from './registers/audit.js';
import { TRANSFER_AUDIT_ACTIONS } from './transfers/audit.js';
import { TICKET_AUDIT_ACTIONS } from './tickets/audit.js';
import { FORM_AUDIT_ACTIONS } from './forms/audit.js';

export { defineAuditActions, type AuditActionSpec } from './audit-kit.js';
export { AUTH_AUDIT_ACTIONS, REGION_AUDIT_ACTIONS, GRID_AUDIT_ACTIONS, USER_AUDIT_ACTIONS, DEPARTMENT_AUDIT_ACTIONS, REGISTER_AUDIT_ACTIONS, TRANSFER_AUDIT_ACTIONS, TICKET_AUDIT_ACTIONS, FORM_AUDIT_ACTIONS };

export const AUDIT_ACTIONS = {
  ...AUTH_AUDIT_ACTIONS,
  ...REGION_AUDIT_ACTIONS,
  ...GRID_AUDIT_ACTIONS,
  ...USER_AUDIT_ACTIONS,
  ...DEPARTMENT_AUDIT_ACTIONS,
  ...REGISTER_AUDIT_ACTIONS,
  ...TRANSFER_AUDIT_ACTIONS,
  ...TICKET_AUDIT_ACTIONS,
  ...FORM_AUDIT_ACTIONS,
} as const satisfies Record<string, AuditActionSpec>;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

/** The actions flagged for the auditor's attention. */
export const ALERT_AUDIT_ACTIONS: readonly string[] = Object.entries(AUDIT_ACTIONS as Record<string, AuditActionSpec>)
  .filter(([, spec]) => spec.alert === true)
  .map(([action]) => action);

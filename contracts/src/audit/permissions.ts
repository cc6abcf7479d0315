import { definePermissions } from '../permission-kit.js';

export const AUDIT_PERMISSIONS = definePermissions({
  'audit:read': { zh: '查阅审计日志', en: 'Read the audit log', roles: ['auditor'] },
});

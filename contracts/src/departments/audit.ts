import { defineAuditActions } from '../audit-kit.js';

export const DEPARTMENT_AUDIT_ACTIONS = defineAuditActions({
  'department.create': { zh: '新增部门', en: 'Department created' },
  'department.member.set': { zh: '设置部门人员', en: 'Department member set' },
});

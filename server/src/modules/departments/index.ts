/** Departments (部门) that handle dispatched tickets, and the handler accounts that work for them. */
import { DEPARTMENT_AUDIT_ACTIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { isUuid } from '../../platform/audit/labels.js';
import { departmentNames, departmentsOfUser, departmentUserIds } from './queries.js';
import { departmentRoutes } from './routes.js';

export const departmentsModule = defineModule({
  name: 'departments',
  // Departments are configured under the closed loop's `ticket:config`.
  permissions: [],
  auditActions: namesOf(DEPARTMENT_AUDIT_ACTIONS),
  provides: { memberships: departmentsOfUser },
  audiences: { department_members: (db, audience) => departmentUserIds(db, (audience.departmentIds as string[] | undefined) ?? []) },
  auditLabels: { department: (db, ids) => departmentNames(db, ids.filter(isUuid)) },
  routes: (app, kit) => departmentRoutes(app, kit.db),
});

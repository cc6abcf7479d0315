/** Gate access records of residential compounds (门禁出入记录): ingest from gate systems, scoped reads, and a warning rule kind. */
import { ACCESS_AUDIT_ACTIONS, ACCESS_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { ACCESS_VISIBILITY } from './access-visibility.js';
import { describeAccessRecords } from './queries.js';
import { accessRoutes } from './routes.js';
import { absentFromHome } from './warning-rules.js';

export const accessModule = defineModule({
  name: 'access',
  permissions: namesOf(ACCESS_PERMISSIONS),
  auditActions: namesOf(ACCESS_AUDIT_ACTIONS),
  errors: ['ACCESS_COMPOUND_INVALID', 'ACCESS_RESIDENT_INVALID', 'ACCESS_FILTER_REQUIRED'],
  records: { access_record: ACCESS_VISIBILITY },
  subjects: { access_record: describeAccessRecords },
  warningRules: [absentFromHome],
  routes: accessRoutes,
});

/** Key and special populations (重点人员 / 特殊人群服务管理): archives, risk levels, visits, hand-over, minors' approvals. */
import { KEYPERSON_AUDIT_ACTIONS, KEYPERSON_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { shipCategories } from './categories.js';
import { keypersonRoutes } from './routes.js';
import { KEY_PERSON_VISIBILITY } from './workflow.js';
import { ACCESS_VISIBILITY } from './access-requests.js';
import { visitReadable } from './log-visit.js';
import { overdueJob } from './overdue.js';
import { KEYPERSON_WARNING_RULES } from './warning-rules.js';
import { describeKeyPersons } from './notice-subjects.js';
import { keypersonsMetrics } from './metrics.js';

export const keypersonsModule = defineModule({
  name: 'keypersons',
  permissions: namesOf(KEYPERSON_PERMISSIONS),
  auditActions: namesOf(KEYPERSON_AUDIT_ACTIONS),
  errors: [
    'KEYPERSON_PURPOSE_REQUIRED', 'KEYPERSON_MINOR_APPROVAL_REQUIRED', 'KEYPERSON_STATE', 'KEYPERSON_VERSION_CONFLICT', 'KEYPERSON_DUPLICATE', 'KEYPERSON_RESIDENT_INVALID',
    'KEYPERSON_CATEGORY_INVALID', 'KEYPERSON_MANAGEMENT_LEVEL_INVALID', 'KEYPERSON_GRID_INVALID', 'KEYPERSON_RISK_UNCHANGED', 'KEYPERSON_VISIT_CONFLICT', 'KEYPERSON_ACCESS_STATE',
    'KEYPERSON_ACCESS_SELF', 'KEYPERSON_ACCESS_NOT_MINOR',
  ],
  liveEvents: ['key_person.changed'],
  records: { key_person: KEY_PERSON_VISIBILITY, key_person_access: ACCESS_VISIBILITY },
  subjects: { key_person: describeKeyPersons },
  attachmentOwners: { kp_visit: visitReadable },
  warningRules: KEYPERSON_WARNING_RULES,
  init: (kit) => shipCategories(kit.db, kit.clock),
  jobs: (kit) => [overdueJob(kit)],
  routes: keypersonRoutes,
  ...keypersonsMetrics,
});

export { keyPersonRiskSql } from './warning-rules.js';

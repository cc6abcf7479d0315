/** Cases and contacts (病例与密接): cases with their exposure window, contacts found with evidence (venue, trip, household, interview), close and secondary, the rule as data, the chain of transmission. */
import { TRACING_AUDIT_ACTIONS, TRACING_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { describeContacts } from './notice-subjects.js';
import { tracingRetention } from './retention.js';
import { tracingRoutes } from './routes.js';
import { tracingEvidence } from './evidence.js';
import { CASE_VISIBILITY, CONTACT_VISIBILITY } from './workflow.js';

export const tracingModule = defineModule({
  name: 'tracing',
  permissions: namesOf(TRACING_PERMISSIONS),
  auditActions: namesOf(TRACING_AUDIT_ACTIONS),
  errors: ['CASE_STATE', 'CASE_VERSION_CONFLICT', 'CASE_PERSON_REQUIRED', 'CASE_PERSON_UNKNOWN', 'CASE_DATE_REQUIRED', 'CASE_ALREADY_OPEN', 'CONTACT_ALREADY_CASE', 'TRACING_RULE_SCOPE', 'TRACING_PURPOSE_REQUIRED', 'EPIDEMIC_PERIOD_INVALID'],
  liveEvents: ['case.changed'],
  records: { case: CASE_VISIBILITY, contact: CONTACT_VISIBILITY },
  subjects: { contact: describeContacts },
  retention: tracingRetention,
  evidence: tracingEvidence,
  routes: tracingRoutes,
});

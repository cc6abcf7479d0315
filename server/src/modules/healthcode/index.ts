/** Health codes (健康码): green, yellow, red from a versioned rule over the evidence other modules give, with the reason, a gate verification by opaque token, and corrections with review. */
import { HEALTHCODE_AUDIT_ACTIONS, HEALTHCODE_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { CODE_VISIBILITY } from './codes.js';
import { CORRECTION_VISIBILITY } from './corrections.js';
import { tripEvidence } from './evidence.js';
import { healthcodeJobs } from './jobs.js';
import { identifiedAccount, onEvidenceChanged } from './recompute.js';
import { healthcodeRetention } from './retention.js';
import { healthcodeRoutes } from './routes.js';

export const healthcodeModule = defineModule({
  name: 'healthcode',
  permissions: namesOf(HEALTHCODE_PERMISSIONS),
  auditActions: namesOf(HEALTHCODE_AUDIT_ACTIONS),
  errors: ['HEALTHCODE_RULE_SCOPE', 'HEALTHCODE_PURPOSE_REQUIRED', 'HEALTHCODE_NOT_ISSUED', 'HEALTHCODE_LOOKUP_NONE', 'HEALTHCODE_CORRECTION_STATE', 'HEALTHCODE_CORRECTION_OPEN', 'HEALTHCODE_EFFECTIVE_PAST'],
  records: { health_code: CODE_VISIBILITY, health_correction: CORRECTION_VISIBILITY },
  evidence: [tripEvidence],
  onEvidenceChanged,
  reactions: [identifiedAccount],
  jobs: healthcodeJobs,
  retention: healthcodeRetention,
  routes: healthcodeRoutes,
});

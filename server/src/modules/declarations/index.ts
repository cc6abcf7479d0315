/** Self-declaration (市民自主填报): residents declare health and trips on the portal, staff record ones taken by phone; matched to the register, flagged by the form's rules. */
import { DECLARATION_AUDIT_ACTIONS, DECLARATION_PERMISSIONS, declarationForm } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { shipForms } from '../../platform/forms/ship-forms.js';
import { declarationsMetrics } from './metrics.js';
import { declarationRoutes } from './routes.js';
import { declarationEvidence } from './evidence.js';
import { DECLARATION_VISIBILITY, declaredUnflagged } from './queries.js';

export const declarationsModule = defineModule({
  name: 'declarations',
  permissions: namesOf(DECLARATION_PERMISSIONS),
  auditActions: namesOf(DECLARATION_AUDIT_ACTIONS),
  errors: ['DECLARATION_PURPOSE_REQUIRED', 'DECLARATION_FORM_VERSION_INVALID', 'DECLARATION_PERSON_INVALID', 'DECLARATION_REGION_REQUIRED', 'DECLARATION_REGION_INVALID', 'DECLARATION_TOO_MANY', 'DECLARATION_NOT_FOUND'],
  records: { declaration: DECLARATION_VISIBILITY },
  provides: { declaredUnflagged },
  evidence: declarationEvidence,
  init: (kit) => shipForms(kit.db, kit.clock, [declarationForm()]),
  routes: declarationRoutes,
  ...declarationsMetrics,
});

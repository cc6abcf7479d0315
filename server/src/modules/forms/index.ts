/**
 * Forms as data over HTTP: the admin of form definitions (drafts, publishing, retiring) and a
 * dry run of answers. The definitions and their rules live in platform/forms, which other
 * modules call (`publishedForm`, `validateSubmission`).
 */
import { FORM_AUDIT_ACTIONS, FORM_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { formRoutes } from './routes.js';

export const formsModule = defineModule({
  name: 'forms',
  permissions: namesOf(FORM_PERMISSIONS),
  auditActions: namesOf(FORM_AUDIT_ACTIONS),
  errors: ['FORM_DEFINITION_INVALID', 'FORM_ANSWERS_INVALID', 'FORM_VERSION_IMMUTABLE', 'FORM_VERSION_INVALID', 'FORM_DRAFT_EXISTS', 'FORM_VERSION_CONFLICT', 'FORM_STATE', 'FORM_RETIRED'],
  routes: formRoutes,
});

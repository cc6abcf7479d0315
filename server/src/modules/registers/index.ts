/** The base registers of people, places, things and organisations (人地物事组织). */
import { REGISTER_AUDIT_ACTIONS, REGISTER_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { registerRoutes } from './routes.js';
import { registersMetrics } from './metrics.js';
import { residentAuditLabels } from './references.js';

export const registersModule = defineModule({
  name: 'registers',
  permissions: namesOf(REGISTER_PERMISSIONS).filter((p) => p.startsWith('register:') || p === 'identity:self'),
  auditActions: namesOf(REGISTER_AUDIT_ACTIONS),
  errors: [
    'REGISTER_GRID_INVALID', 'REGISTER_REFERENCE_INVALID', 'REGISTER_VERSION_CONFLICT', 'REGISTER_DUPLICATE', 'ID_NUMBER_INVALID',
    'ID_NUMBER_BIRTH_DATE_MISMATCH', 'PHONE_INVALID', 'CREDIT_CODE_INVALID', 'REGISTER_IN_USE', 'HOUSEHOLD_MEMBER_EXISTS', 'HOUSEHOLD_HEAD_EXISTS',
    'UNMASK_RATE_LIMITED', 'IDENTITY_MISMATCH', 'IDENTITY_TAKEN', 'IDENTITY_ALREADY_VERIFIED',
  ],
  ...registersMetrics,
  auditLabels: { resident: residentAuditLabels },
  routes: registerRoutes,
});

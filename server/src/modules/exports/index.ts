/** Exports of register lists and ticket lists: streamed xlsx/csv, two-person approval of large or unmasked ones, audited downloads. */
import { REGISTER_PERMISSIONS, TRANSFER_AUDIT_ACTIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { exportFileJob } from './build-export-file.js';
import { exportRoutes } from './routes.js';
import { exportFileRetention } from './retention.js';

export const exportsModule = defineModule({
  name: 'exports',
  permissions: namesOf(REGISTER_PERMISSIONS, 'export:'),
  auditActions: namesOf(TRANSFER_AUDIT_ACTIONS, 'export.'),
  errors: ['EXPORT_APPROVAL_REQUIRED', 'EXPORT_SELF_APPROVAL', 'EXPORT_SENT_FOR_APPROVAL', 'EXPORT_STATE', 'EXPORT_TOO_LARGE'],
  jobs: (kit) => [exportFileJob(kit)],
  retention: [exportFileRetention],
  routes: exportRoutes,
});

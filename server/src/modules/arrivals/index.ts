/** Arrival screening (人员出入境排查): checkpoints' lists imported through the import kit, cross-matched with the resident register, followed up by grid. */
import { ARRIVAL_AUDIT_ACTIONS, ARRIVAL_IMPORT_KIND, ARRIVAL_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { arrivalImport } from './import-arrivals.js';
import { ARRIVAL_VISIBILITY, arrivedResidents } from './queries.js';
import { arrivalRoutes } from './routes.js';
import { arrivalEvidence } from './evidence.js';

export const arrivalsModule = defineModule({
  name: 'arrivals',
  permissions: namesOf(ARRIVAL_PERMISSIONS),
  auditActions: namesOf(ARRIVAL_AUDIT_ACTIONS),
  errors: ['ARRIVAL_ALREADY_CHECKED'],
  records: { arrival: ARRIVAL_VISIBILITY },
  imports: { [ARRIVAL_IMPORT_KIND]: arrivalImport },
  provides: { arrivedResidents },
  evidence: [arrivalEvidence],
  routes: arrivalRoutes,
});

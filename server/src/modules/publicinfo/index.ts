/** Public information (辟谣, 医院信息, 在线咨询) of a region: docs/publicinfo.md. */
import { PUBLICINFO_AUDIT_ACTIONS, PUBLICINFO_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { recordVisible } from '../../platform/scope.js';
import { and, eq } from 'drizzle-orm';
import { publicinfoRoutes } from './routes.js';
import { rumourRebuttal } from './tables.js';
import { CONSULTATION_VISIBILITY, HEALTH_FACILITY_VISIBILITY, REBUTTAL_VISIBILITY } from './workflow.js';

export const publicinfoModule = defineModule({
  name: 'publicinfo',
  permissions: namesOf(PUBLICINFO_PERMISSIONS),
  auditActions: namesOf(PUBLICINFO_AUDIT_ACTIONS),
  errors: ['RUMOUR_REBUTTAL_STATE', 'RUMOUR_REBUTTAL_VERSION_CONFLICT', 'CONSULTATION_STATE', 'CONSULTATION_VERSION_CONFLICT', 'HEALTH_FACILITY_VERSION_CONFLICT'],
  liveEvents: ['rumour_rebuttal.changed', 'health_facility.changed', 'consultation.changed'],
  records: { rumour_rebuttal: REBUTTAL_VISIBILITY, health_facility: HEALTH_FACILITY_VISIBILITY, consultation: CONSULTATION_VISIBILITY },
  attachmentOwners: {
    rumour_rebuttal: async (db, actor, id) => (await db.select({ id: rumourRebuttal.id }).from(rumourRebuttal).where(and(eq(rumourRebuttal.id, id), recordVisible(actor, REBUTTAL_VISIBILITY)))).length > 0,
  },
  routes: publicinfoRoutes,
});

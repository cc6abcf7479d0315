/** Announcements (公告) of a region, published by a second person: the kit's worked example (docs/module-kit.md). */
import { ANNOUNCEMENT_AUDIT_ACTIONS, ANNOUNCEMENT_PERMISSIONS } from '@gridgov/contracts';
import { defineModule, namesOf } from '../../platform/kit/module.js';
import { announcementsMetrics } from './metrics.js';
import { announcementRoutes } from './routes.js';
import { ANNOUNCEMENT_VISIBILITY } from './workflow.js';

export const announcementsModule = defineModule({
  name: 'announcements',
  permissions: namesOf(ANNOUNCEMENT_PERMISSIONS),
  auditActions: namesOf(ANNOUNCEMENT_AUDIT_ACTIONS),
  errors: ['ANNOUNCEMENT_STATE', 'ANNOUNCEMENT_VERSION_CONFLICT'],
  liveEvents: ['announcement.changed'],
  records: { announcement: ANNOUNCEMENT_VISIBILITY },
  routes: announcementRoutes,
  ...announcementsMetrics,
});

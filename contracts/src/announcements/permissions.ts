import { definePermissions } from '../permission-kit.js';

/** Announcements (公告) of a region: drafted by one person, published by another (two-person rule). */
export const ANNOUNCEMENT_PERMISSIONS = definePermissions({
  /** The published announcements of one's region and the regions above it. */
  'announcement:read': { zh: '查看公告', en: 'Read announcements', roles: ['operator', 'department_handler', 'grid_worker'] },
  'announcement:write': { zh: '起草公告', en: 'Draft announcements', roles: ['operator'] },
  'announcement:publish': { zh: '审核发布公告', en: 'Review and publish announcements', roles: ['operator'] },
});

import { definePermissions } from '../permission-kit.js';

/**
 * Venue check-ins (场所码登记) are where a person was and when: residents check themselves in and
 * out on the portal and see only their own; command-centre operators read a venue's check-ins in
 * their scope (masked, with a stated purpose, audited) and import feeds and gate records.
 */
export const CHECKIN_PERMISSIONS = definePermissions({
  /** Check in at a venue by its code, check out, and list one's own check-ins (the portal). */
  'checkin:self': { zh: '场所码登记', en: 'Check in at venues', roles: ['resident'] },
  /** A venue's check-ins in scope (masked, with a purpose, audited). */
  'checkin:read': { zh: '查阅场所登记记录', en: 'Read venue check-ins', roles: ['operator'] },
  /** Import check-ins from feeds and access-gate records (xlsx/csv) through the import wizard. */
  'checkin:import': { zh: '导入场所登记记录', en: 'Import venue check-ins', roles: ['operator'] },
});

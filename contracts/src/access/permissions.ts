import { definePermissions } from '../permission-kit.js';

/** Gate access records (门禁出入记录) of residential compounds: personal movements, read within scope and audited. */
export const ACCESS_PERMISSIONS = definePermissions({
  'access:read': { zh: '查看出入记录', en: 'Read gate access records', roles: ['operator', 'grid_worker'] },
  /** A gate system's account (an operator account of the compounds' region until issue 17 brings device keys). */
  'access:ingest': { zh: '上报出入记录', en: 'Send gate access records', roles: ['operator'] },
});

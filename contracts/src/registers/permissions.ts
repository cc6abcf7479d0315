import { definePermissions } from '../permission-kit.js';
import type { Permission } from '../roles.js';
import type { RegisterKind } from './index.js';

/**
 * The base registers' permissions. A register spec names the ones it needs, so a more
 * sensitive register (key persons) declares its own instead of sharing these.
 */
export const REGISTER_PERMISSIONS = definePermissions({
  // Not department handlers: a county department's handler does not read the county's residents.
  'register:read': { zh: '查看基础台账', en: 'Read the base registers', roles: ['operator', 'grid_worker'] },
  // Grid workers keep their own grid's registers up to date from door-to-door visits.
  'register:write': { zh: '维护基础台账', en: 'Maintain the base registers', roles: ['operator', 'grid_worker'] },
  /** See full ID numbers and phones, with a stated reason; every use is audited and rate-limited. */
  'register:unmask': { zh: '查看完整身份证号和电话', en: 'See full ID numbers and phones', roles: ['operator'] },
  'register:import': { zh: '批量导入台账', en: 'Import registers in bulk', roles: ['operator'] },
  'register:export': { zh: '导出台账', en: 'Export registers', roles: ['operator'] },
  /** Approve another person's large export (two-person rule). */
  'export:approve': { zh: '审批他人的大批量导出', en: 'Approve another person\'s large export', roles: ['operator'] },
  /** A resident names themselves (实名认证: name and ID number) so that their check-ins, codes and notices are theirs as the registers know them. */
  'identity:self': { zh: '实名认证', en: 'Verify one\'s own identity', roles: ['resident'] },
});

/** The permissions one register needs: to read it, to write it, and to see its personal data in full. */
export interface RegisterAccess {
  read: Permission;
  write: Permission;
  unmask: Permission;
}

const BASE_REGISTER_ACCESS = { read: 'register:read', write: 'register:write', unmask: 'register:unmask' } as const satisfies RegisterAccess;

/**
 * Each register's permissions. The base registers share the base ones; a more sensitive
 * register (key persons) names its own here, so reading residents does not read it.
 */
export const REGISTER_ACCESS = {
  resident: BASE_REGISTER_ACCESS,
  household: BASE_REGISTER_ACCESS,
  building: BASE_REGISTER_ACCESS,
  dwelling: BASE_REGISTER_ACCESS,
  venue: BASE_REGISTER_ACCESS,
  facility: BASE_REGISTER_ACCESS,
  organization: BASE_REGISTER_ACCESS,
} as const satisfies Record<RegisterKind, RegisterAccess>;

import { definePermissions } from '../permission-kit.js';

/**
 * No-petition villages (无上访村): the monthly status of each village or community from its
 * petitions and disputes. Operators read it in their scope, a grid worker only the community of
 * their grid; department handlers, admins, auditors and residents see nothing of it. The criteria
 * are set by an operator of a county or above, for their own region.
 */
export const PETITION_PERMISSIONS = definePermissions({
  'petition_village:read': { zh: '查看无上访村评定', en: 'Read no-petition village status', roles: ['operator', 'grid_worker'] },
  'petition_village:configure': { zh: '设定无上访村标准', en: 'Set the no-petition village criteria', roles: ['operator'] },
});

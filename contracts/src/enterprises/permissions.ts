import { definePermissions } from '../permission-kit.js';

/**
 * Enterprises of a jurisdiction (辖区企业): resumption applications (企业复工申请), the daily
 * employee health registration (员工健康登记) and the screening list (辖区企业排查). Operators and
 * grid workers file on an enterprise's behalf; a portal account linked to an enterprise files for
 * it (企业填报人); its register contact is told by SMS; the township (or above) reviews.
 */
export const ENTERPRISE_PERMISSIONS = definePermissions({
  /** Applications, health registrations and screening of one's scope (a grid worker: of one's grid). */
  'enterprise:read': { zh: '查看辖区企业复工与健康登记', en: 'Read enterprise resumption and health records', roles: ['operator', 'grid_worker'] },
  /** File an application on an enterprise's behalf, register the daily health of its staff, screen it. */
  'enterprise:write': { zh: '代企业填报复工申请与健康登记', en: 'File resumption and health records for enterprises', roles: ['operator', 'grid_worker'] },
  /** Approve, return, reject or revoke a resumption (township level and above). */
  'enterprise:review': { zh: '审核企业复工申请', en: 'Review enterprise resumption applications', roles: ['operator'] },
  /** File for the enterprises an operator linked one's portal account to (企业填报人): nothing without a link. */
  'enterprise:file': { zh: '为本企业填报复工申请与健康登记', en: 'File resumption and health records for one\'s own enterprise', roles: ['resident'] },
});

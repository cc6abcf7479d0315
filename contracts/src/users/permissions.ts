import { definePermissions } from '../permission-kit.js';

export const USER_PERMISSIONS = definePermissions({
  'user:read': { zh: '查看账号', en: 'Read accounts', roles: ['security_admin', 'operator'] },
  'user:write': { zh: '管理账号、角色和管辖范围', en: 'Manage accounts, roles and scopes', roles: ['security_admin'] },
});

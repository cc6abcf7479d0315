import { definePermissions } from '../permission-kit.js';

/**
 * Forms as data: reading published form definitions (what a module's page renders and its
 * server validates) and configuring them (drafts, publishing, retiring).
 */
export const FORM_PERMISSIONS = definePermissions({
  /** Read published and retired form versions, and try answers against them. */
  'form:read': { zh: '查看表单', en: 'Read forms', roles: ['operator', 'grid_worker', 'department_handler'] },
  /** Draft, publish and retire form versions. */
  'form:config': { zh: '配置表单', en: 'Configure forms', roles: ['system_admin'] },
});

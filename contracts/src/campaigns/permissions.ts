import { definePermissions } from '../permission-kit.js';

/** Survey campaigns (入户走访摸排): run by a command centre, answered by grid workers. */
export const CAMPAIGN_PERMISSIONS = definePermissions({
  /** Campaigns of one's subtree: create, open, close, cancel, reassign tasks, read answers (masked, with a purpose), export. */
  'campaign:manage': { zh: '管理走访摸排', en: 'Manage survey campaigns', roles: ['operator'] },
  /** One's own survey tasks in one's grid: read them, answer them. */
  'campaign:survey': { zh: '入户走访填报', en: 'Answer survey tasks', roles: ['grid_worker'] },
});

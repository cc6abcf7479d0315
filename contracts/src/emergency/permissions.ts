import { definePermissions } from '../permission-kit.js';

/**
 * Emergency command (应急指挥, M6): operators of a region read and command the events of their
 * subtree, keep the plans and the rescue teams; team members (operators or grid workers linked to
 * a team) acknowledge their dispatches and post their position from the phone.
 */
export const EMERGENCY_PERMISSIONS = definePermissions({
  /** Events in the region subtree (timeline, tasks, dispatches, team positions); plans and teams of the subtree and above. */
  'emergency:read': { zh: '查阅应急事件', en: 'Read emergency events', roles: ['operator'] },
  /** Report, verify, activate the response, scale it, close; add tasks and dispatch teams. */
  'emergency:command': { zh: '应急指挥', en: 'Command emergency response', roles: ['operator'] },
  /** Keep the emergency plans (预案) of the region subtree. */
  'emergency:plan': { zh: '维护应急预案', en: 'Maintain emergency plans', roles: ['operator'] },
  /** Keep the rescue teams of the region subtree: members, skills, equipment, duty rosters. */
  'emergency:team': { zh: '管理救援队伍', en: 'Manage rescue teams', roles: ['operator'] },
  /** As a member of a team: see one's team's dispatches, acknowledge, arrive, complete, post the position. */
  'emergency:field': { zh: '应急现场处置', en: 'Emergency field work', roles: ['operator', 'grid_worker'] },
});

import { definePermissions } from '../permission-kit.js';

/**
 * Cases are health data of the most sensitive kind: only command-centre operators read and manage
 * those of their region subtree. Contacts are read where they live (operators of the region, grid
 * workers of the grid, who follow them up). The rule is the deployment's, changed at the top.
 */
export const TRACING_PERMISSIONS = definePermissions({
  /** Cases in scope: lists (masked, audited), one case with its contacts in scope (audited), the chain of transmission. */
  'case:read': { zh: '查阅病例', en: 'Read cases', roles: ['operator'] },
  /** Record cases, change their status, trace their contacts, add contacts from interviews. */
  'case:manage': { zh: '管理病例与流调', en: 'Manage cases and tracing', roles: ['operator'] },
  /** Contacts living in scope (masked, audited): the follow-up list. */
  'contact:read': { zh: '查阅密接人员', en: 'Read contacts', roles: ['operator', 'grid_worker'] },
  /** Change the tracing rule (a new version; operators whose scope is the whole deployment). */
  'tracing:rule': { zh: '设置密接判定规则', en: 'Set the tracing rule', roles: ['operator'] },
});

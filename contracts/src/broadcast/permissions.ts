import { definePermissions } from '../permission-kit.js';

/**
 * Broadcast (应急广播, M6): operators of a region draft messages to the residents and
 * enterprises of their subtree, a second person approves them, and the outbox sends them by SMS,
 * WeChat and street-light loudspeakers.
 */
export const BROADCAST_PERMISSIONS = definePermissions({
  /** Broadcasts of the region subtree with their delivery counts; templates and loudspeakers. */
  'broadcast:read': { zh: '查阅应急广播', en: 'Read broadcasts', roles: ['operator'] },
  /** Draft, edit, submit and cancel a broadcast of the subtree; preview its recipient counts. */
  'broadcast:draft': { zh: '拟制应急广播', en: 'Draft broadcasts', roles: ['operator'] },
  /** Approve (or return) a broadcast someone else drafted: the two-person rule. */
  'broadcast:approve': { zh: '审批应急广播', en: 'Approve broadcasts', roles: ['operator'] },
  /** Keep the message templates of the region subtree. */
  'broadcast:template': { zh: '维护广播模板', en: 'Maintain broadcast templates', roles: ['operator'] },
  /** Keep the street-light loudspeakers of the region subtree. */
  'broadcast:device': { zh: '维护广播喇叭', en: 'Maintain loudspeakers', roles: ['operator'] },
});

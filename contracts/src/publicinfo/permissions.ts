import { definePermissions } from '../permission-kit.js';

/** Public information (辟谣, 医院信息, 在线咨询) of a region, kept by its command centre. */
export const PUBLICINFO_PERMISSIONS = definePermissions({
  /** Rumour rebuttals and the health-facility directory of one's subtree: write, publish, withdraw. */
  'publicinfo:manage': { zh: '管理公共信息', en: 'Manage public information', roles: ['operator'] },
  /** Residents' questions of one's subtree: answer, publish, reject. */
  'consultation:answer': { zh: '答复在线咨询', en: 'Answer residents\' questions', roles: ['operator'] },
  /** Ask a question from the portal as a signed-in resident. */
  'consultation:ask': { zh: '在线咨询', en: 'Ask a question', roles: ['resident'] },
});

import { definePermissions } from '../permission-kit.js';

/**
 * A health code's reason is health data: only epidemic roles read it (operators of the region,
 * grid workers of the grid where the code's evidence places the person), each read with a stated
 * purpose and audited. The rule and the risk areas are the deployment's, changed at the top.
 * A resident holds their own code; a venue gate verifies a token without any session.
 */
export const HEALTHCODE_PERMISSIONS = definePermissions({
  /** Codes in scope: the list (colours and reasons, no names), one person's reason with a purpose (audited). */
  'healthcode:read': { zh: '查阅健康码判定依据', en: 'Read health code reasons', roles: ['operator', 'grid_worker'] },
  /** Change the health code rule (new versions with an effective date) and the risk areas (city-wide operators). */
  'healthcode:rule': { zh: '设置健康码规则与风险地区', en: 'Set the health code rule and risk areas', roles: ['operator'] },
  /** Review correction requests of codes in scope (accept with an override colour and expiry, or reject). */
  'healthcode:review': { zh: '审核健康码纠错申请', en: 'Review health code corrections', roles: ['operator'] },
  /** One's own code: request and see it with its reason, declare trips, ask for a correction. */
  'healthcode:self': { zh: '申领健康码', en: 'Hold a health code', roles: ['resident'] },
});

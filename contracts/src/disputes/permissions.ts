import { definePermissions } from '../permission-kit.js';

/**
 * Disputes (矛盾纠纷) and their mediation. Parties' personal data makes these among the most
 * sensitive records: no admin role, no resident, and a department handler only what was
 * assigned to a department of theirs (a justice office mediating it).
 */
export const DISPUTE_PERMISSIONS = definePermissions({
  /** The disputes of one's scope (a grid worker: of one's grid). */
  'dispute:read': { zh: '查看矛盾纠纷', en: 'Read disputes', roles: ['operator', 'grid_worker'] },
  /** Register disputes, record sessions, agreements and follow-ups. */
  'dispute:write': { zh: '登记调解矛盾纠纷', en: 'Register and mediate disputes', roles: ['operator', 'grid_worker'] },
  /** Assign, escalate, close: the comprehensive-governance centre of the level. */
  'dispute:manage': { zh: '分派办结矛盾纠纷', en: 'Assign and close disputes', roles: ['operator'] },
  /** Mediate what was assigned to one's department (司法所, 人民调解委员会). */
  'dispute:mediate': { zh: '承办调解', en: 'Mediate assigned disputes', roles: ['department_handler'] },
  /** The full ID number and phone of a party, with a reason (audited). */
  'dispute:unmask': { zh: '查看纠纷当事人完整证件号码', en: 'Reveal a party\'s ID number', roles: ['operator'] },
});

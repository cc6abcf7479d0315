import { definePermissions } from '../permission-kit.js';

/**
 * Key and special populations (重点人员 / 特殊人群): the most sensitive records of the system. Only
 * command-centre operators (their region) and the grid worker of the person's grid hold these;
 * system and security admins, auditors, department handlers and residents hold none.
 */
export const KEYPERSON_PERMISSIONS = definePermissions({
  /** Read archives in scope, each read with a stated purpose and audited. */
  'keyperson:read': { zh: '查阅重点人员档案', en: 'Read key-person archives', roles: ['operator', 'grid_worker'] },
  /** Enrol people, change risk levels (with a reason), edit categories and visit rules. */
  'keyperson:manage': { zh: '管理重点人员', en: 'Manage key persons', roles: ['operator'] },
  /**
   * See which category (社区矫正, 严重精神障碍...) a person is in: in lists, archives, the visit
   * list, counts and filters. Without it a reader with `keyperson:read` sees the person, the
   * risk level and the visit schedule, never the category or its form's answers.
   */
  'keyperson:category': { zh: '查看重点人员类别', en: 'See key persons\' categories', roles: ['operator', 'grid_worker'] },
  /** Log visits (走访) from the field. */
  'keyperson:visit': { zh: '登记重点人员走访', en: 'Log key-person visits', roles: ['operator', 'grid_worker'] },
  /** Start, confirm or refuse a hand-over (移交) between grids or regions. */
  'keyperson:handover': { zh: '办理重点人员移交', en: 'Hand key persons over', roles: ['operator', 'grid_worker'] },
  /** The full ID number or phone in an archive's answers (a guardian's), with a reason: audited, within the unmask budget. */
  'keyperson:unmask': { zh: '查看重点人员档案完整证件号码', en: 'Reveal ID numbers in key-person archives', roles: ['operator'] },
  /** Approve another person's request to open a minor's archive. */
  'keyperson:approve': { zh: '审批未成年人档案查阅', en: 'Approve access to minors\' archives', roles: ['operator'] },
});

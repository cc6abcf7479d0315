import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { DISPATCH_STATUSES, EMERGENCY_LEVELS, EMERGENCY_STATUSES, TASK_STATUSES, TEAM_AVAILABILITIES } from './index.js';

const emergencyStatus: Labels<typeof EMERGENCY_STATUSES> = {
  reported: { zh: '已报告', en: 'Reported' },
  verified: { zh: '已核实', en: 'Verified' },
  responding: { zh: '响应中', en: 'Responding' },
  closed: { zh: '已结束', en: 'Closed' },
};
const emergencyLevel: Labels<typeof EMERGENCY_LEVELS> = {
  I: { zh: 'Ⅰ级（特别重大）', en: 'I (extremely serious)' },
  II: { zh: 'Ⅱ级（重大）', en: 'II (serious)' },
  III: { zh: 'Ⅲ级（较大）', en: 'III (major)' },
  IV: { zh: 'Ⅳ级（一般）', en: 'IV (general)' },
};
const dispatchStatus: Labels<typeof DISPATCH_STATUSES> = {
  dispatched: { zh: '已派遣', en: 'Dispatched' },
  acknowledged: { zh: '已接令', en: 'Acknowledged' },
  arrived: { zh: '已到达', en: 'Arrived' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已撤回', en: 'Cancelled' },
};
const emergencyTaskStatus: Labels<typeof TASK_STATUSES> = {
  open: { zh: '进行中', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
};
const teamAvailability: Labels<typeof TEAM_AVAILABILITIES> = {
  available: { zh: '可调派', en: 'Available' },
  unavailable: { zh: '不可调派', en: 'Unavailable' },
};

export const EMERGENCY_ENUM_LABELS = defineEnumLabels({ emergencyStatus, emergencyLevel, dispatchStatus, emergencyTaskStatus, teamAvailability });

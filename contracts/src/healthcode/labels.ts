import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { CODE_COLOURS, CORRECTION_STATUSES, EVIDENCE_KINDS, RISK_LEVELS } from './index.js';

const codeColour: Labels<typeof CODE_COLOURS> = {
  green: { zh: '绿码', en: 'Green' },
  yellow: { zh: '黄码', en: 'Yellow' },
  red: { zh: '红码', en: 'Red' },
};
const evidenceKind: Labels<typeof EVIDENCE_KINDS> = {
  case: { zh: '确诊或疑似病例', en: 'Confirmed or suspected case' },
  contact: { zh: '密接或次密接', en: 'Close or secondary contact' },
  arrival: { zh: '来自风险地区（卡口）', en: 'Arrival from a risk area (checkpoint)' },
  trip: { zh: '来自风险地区（行程申报）', en: 'Trip from a risk area (declared)' },
  fever: { zh: '发热', en: 'Fever' },
  symptoms: { zh: '症状异常申报', en: 'Abnormal declaration' },
  quarantine: { zh: '隔离中', en: 'In quarantine' },
};
const riskLevel: Labels<typeof RISK_LEVELS> = {
  high: { zh: '高风险', en: 'High risk' },
  medium: { zh: '中风险', en: 'Medium risk' },
};
const correctionStatus: Labels<typeof CORRECTION_STATUSES> = {
  pending: { zh: '待审核', en: 'Pending' },
  accepted: { zh: '已采纳', en: 'Accepted' },
  rejected: { zh: '已驳回', en: 'Rejected' },
};

export const HEALTHCODE_ENUM_LABELS = defineEnumLabels({ codeColour, evidenceKind, riskLevel, correctionStatus });

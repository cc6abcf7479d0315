/** The labels of the key-persons' enum values, in both languages. */
import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { KP_RISK_LEVELS, KP_MANAGEMENT_LEVELS, KP_STATUSES, KP_VISIT_WAYS, KP_CATEGORY_GROUPS, KP_ACCESS_STATUSES } from './index.js';

export const KEYPERSON_ENUM_LABELS = defineEnumLabels({
  kpRisk: {
    high: { zh: '高', en: 'High' },
    medium: { zh: '中', en: 'Medium' },
    low: { zh: '低', en: 'Low' },
  } satisfies Labels<typeof KP_RISK_LEVELS>,
  kpManagement: {
    strict: { zh: '严管', en: 'Strict' },
    normal: { zh: '普管', en: 'Normal' },
    relaxed: { zh: '宽管', en: 'Relaxed' },
  } satisfies Labels<typeof KP_MANAGEMENT_LEVELS>,
  kpStatus: {
    active: { zh: '在管', en: 'Managed' },
    handover: { zh: '移交中', en: 'Being handed over' },
  } satisfies Labels<typeof KP_STATUSES>,
  kpVisitWay: {
    home: { zh: '入户走访', en: 'Home visit' },
    phone: { zh: '电话回访', en: 'Phone call' },
    video: { zh: '视频回访', en: 'Video call' },
    meeting: { zh: '约谈', en: 'Meeting' },
  } satisfies Labels<typeof KP_VISIT_WAYS>,
  kpGroup: {
    special: { zh: '特殊人群', en: 'Special population' },
    care: { zh: '关爱对象', en: 'Care group' },
  } satisfies Labels<typeof KP_CATEGORY_GROUPS>,
  kpAccess: {
    pending: { zh: '待审批', en: 'Pending' },
    approved: { zh: '已批准', en: 'Approved' },
    refused: { zh: '已驳回', en: 'Refused' },
  } satisfies Labels<typeof KP_ACCESS_STATUSES>,
});

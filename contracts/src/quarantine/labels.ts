import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { FOLLOWUP_STATUSES, ORDER_MEANS, QUARANTINE_KINDS, QUARANTINE_STATUSES, TEST_RESULTS } from './index.js';

const quarantineStatus: Labels<typeof QUARANTINE_STATUSES> = {
  ordered: { zh: '已下达', en: 'Ordered' },
  in_quarantine: { zh: '隔离中', en: 'In quarantine' },
  released: { zh: '已解除', en: 'Released' },
  lost: { zh: '失访', en: 'Lost to follow-up' },
  transferred: { zh: '已转出', en: 'Transferred' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
const quarantineKind: Labels<typeof QUARANTINE_KINDS> = {
  centralised: { zh: '集中隔离', en: 'Centralised' },
  home: { zh: '居家隔离', en: 'Home' },
};
const orderMeans: Labels<typeof ORDER_MEANS> = {
  verbal: { zh: '口头告知', en: 'Verbal' },
  written: { zh: '书面告知', en: 'Written' },
  letter: { zh: '正式函件', en: 'Official letter' },
};
const followupStatus: Labels<typeof FOLLOWUP_STATUSES> = {
  pending: { zh: '待随访', en: 'Due' },
  done: { zh: '已随访', en: 'Done' },
  missed: { zh: '漏访', en: 'Missed' },
};
const testResult: Labels<typeof TEST_RESULTS> = {
  negative: { zh: '阴性', en: 'Negative' },
  positive: { zh: '阳性', en: 'Positive' },
  pending: { zh: '待出结果', en: 'Awaiting result' },
};

export const QUARANTINE_ENUM_LABELS = defineEnumLabels({ quarantineStatus, quarantineKind, orderMeans, followupStatus, testResult });

import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { CALLOUT_CALL_RESULTS, CALLOUT_STATUSES, CALLOUT_TARGET_STATUSES, CALLOUT_TASK_STATUSES } from './index.js';

const calloutStatus: Labels<typeof CALLOUT_STATUSES> = {
  draft: { zh: '草稿', en: 'Draft' },
  approved: { zh: '已审批', en: 'Approved' },
  running: { zh: '外呼中', en: 'Running' },
  paused: { zh: '已暂停', en: 'Paused' },
  completed: { zh: '已完成', en: 'Completed' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
const calloutTargetStatus: Labels<typeof CALLOUT_TARGET_STATUSES> = {
  pending: { zh: '待呼叫', en: 'Pending' },
  calling: { zh: '通话中', en: 'Calling' },
  answered: { zh: '已接听', en: 'Answered' },
  busy: { zh: '忙线', en: 'Busy' },
  no_answer: { zh: '无人接听', en: 'No answer' },
  failed: { zh: '呼叫失败', en: 'Failed' },
  unmatched: { zh: '未匹配居民', en: 'Not matched' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
const calloutCallResult: Labels<typeof CALLOUT_CALL_RESULTS> = {
  answered: { zh: '已接听', en: 'Answered' },
  busy: { zh: '忙线', en: 'Busy' },
  no_answer: { zh: '无人接听', en: 'No answer' },
  failed: { zh: '呼叫失败', en: 'Failed' },
};
const calloutTaskStatus: Labels<typeof CALLOUT_TASK_STATUSES> = {
  open: { zh: '待回访', en: 'Open' },
  done: { zh: '已回访', en: 'Done' },
};

export const CALLOUT_ENUM_LABELS = defineEnumLabels({ calloutStatus, calloutTargetStatus, calloutCallResult, calloutTaskStatus });

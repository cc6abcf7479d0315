/** The labels of ticket states and handling levels, in both languages (exports read them; the console has its own catalog keys). */
import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { HANDLING_LEVELS, TICKET_STATUSES } from './index.js';

export const TICKET_ENUM_LABELS = defineEnumLabels({
  ticketStatus: {
    reported: { zh: '待受理', en: 'Reported' },
    accepted: { zh: '已受理', en: 'Accepted' },
    dispatched: { zh: '已交办', en: 'Dispatched' },
    handling: { zh: '办理中', en: 'Handling' },
    reported_back: { zh: '已反馈', en: 'Reported back' },
    closed: { zh: '已办结', en: 'Closed' },
    rejected: { zh: '不予受理', en: 'Not accepted' },
    merged: { zh: '已合并', en: 'Merged' },
  } satisfies Labels<typeof TICKET_STATUSES>,
  handlingLevel: {
    grid: { zh: '网格', en: 'Grid' },
    community: { zh: '社区', en: 'Community' },
    township: { zh: '乡镇', en: 'Township' },
    county: { zh: '区县', en: 'County' },
    city: { zh: '市', en: 'City' },
  } satisfies Labels<typeof HANDLING_LEVELS>,
});

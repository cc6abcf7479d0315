import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { CHECKIN_SOURCES, PERSON_KINDS } from './index.js';

const checkinSource: Labels<typeof CHECKIN_SOURCES> = {
  portal: { zh: '扫码登记', en: 'Portal' },
  feed: { zh: '数据推送', en: 'Feed' },
  gate: { zh: '门禁闸机', en: 'Access gate' },
};
const checkinPersonKind: Labels<typeof PERSON_KINDS> = {
  resident: { zh: '登记居民', en: 'Registered resident' },
  account: { zh: '居民账号', en: 'Portal account' },
  document: { zh: '证件', en: 'Document' },
};

export const CHECKIN_ENUM_LABELS = defineEnumLabels({ checkinSource, checkinPersonKind });

import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { CASE_STATUSES, CONTACT_KINDS, CONTACT_STATUSES } from './index.js';

const caseStatus: Labels<typeof CASE_STATUSES> = {
  suspected: { zh: '疑似', en: 'Suspected' },
  confirmed: { zh: '确诊', en: 'Confirmed' },
  excluded: { zh: '已排除', en: 'Excluded' },
  closed: { zh: '已结案', en: 'Closed' },
};
const contactKind: Labels<typeof CONTACT_KINDS> = {
  venue: { zh: '同场所', en: 'Same venue' },
  trip: { zh: '同行程', en: 'Same trip' },
  household: { zh: '同住', en: 'Same household' },
  manual: { zh: '流调补录', en: 'From interview' },
};
const contactStatus: Labels<typeof CONTACT_STATUSES> = {
  following: { zh: '跟踪中', en: 'Following up' },
  ended: { zh: '已解除', en: 'Ended' },
  case: { zh: '已转病例', en: 'Became a case' },
};

export const TRACING_ENUM_LABELS = defineEnumLabels({ caseStatus, contactKind, contactStatus });

import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { ARRIVAL_STATUSES, TRANSPORT_MODES } from './index.js';

const transportMode: Labels<typeof TRANSPORT_MODES> = {
  road: { zh: '公路', en: 'Road' },
  rail: { zh: '铁路', en: 'Rail' },
  air: { zh: '航空', en: 'Air' },
  other: { zh: '其他', en: 'Other' },
};
const arrivalStatus: Labels<typeof ARRIVAL_STATUSES> = {
  pending: { zh: '待核查', en: 'To check' },
  checked: { zh: '已核查', en: 'Checked' },
};

export const ARRIVAL_ENUM_LABELS = defineEnumLabels({ transportMode, arrivalStatus });

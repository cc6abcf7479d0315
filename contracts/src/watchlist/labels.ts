import { defineEnumLabels, type Labels } from '../label-kit.js';
import type { WATCH_KINDS } from './index.js';

const watchKind: Labels<typeof WATCH_KINDS> = {
  plate: { zh: '车牌号', en: 'Plate' },
  id_number: { zh: '身份证号', en: 'ID number' },
};

export const WATCHLIST_ENUM_LABELS = defineEnumLabels({ watchKind });

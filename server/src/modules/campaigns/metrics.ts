/** The campaigns' dashboard facts: households surveyed and answers that raised an alert, by day, at the task's grid. Kept by the trigger `metrics_survey_answer` (its migration); recounted below. */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const METRICS: MetricDefinition[] = [
  {
    name: 'campaigns.answered', label: { zh: '入户走访', en: 'Households surveyed' }, unit: { zh: '户次', en: 'visits' }, permission: 'campaign:manage', period: 'day',
    kept: { fact: 'campaigns.answered', trigger: 'metrics_survey_answer', table: 'survey_answer' },
    recount: `select region_code, grid_id, metric_day(answered_at), '', 1 from survey_answer`,
  },
  {
    name: 'campaigns.alerted', label: { zh: '走访预警', en: 'Survey alerts' }, unit: { zh: '户次', en: 'visits' }, permission: 'campaign:manage', period: 'day',
    kept: { fact: 'campaigns.alerted', trigger: 'metrics_survey_answer', table: 'survey_answer' },
    recount: `select region_code, grid_id, metric_day(answered_at), '', 1 from survey_answer where jsonb_array_length(alerts) > 0`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'surveyAnswered', label: { zh: '入户走访', en: 'Households surveyed' }, hint: { zh: '近7天', en: 'last 7 days' }, kind: 'count', metric: 'campaigns.answered', window: { days: 7 }, order: 110 },
  { id: 'surveyAlerted', label: { zh: '走访预警', en: 'Survey alerts' }, hint: { zh: '近7天', en: 'last 7 days' }, kind: 'count', metric: 'campaigns.alerted', window: { days: 7 }, order: 111 },
];

export const campaignsMetrics = { metrics: METRICS, tiles: TILES };

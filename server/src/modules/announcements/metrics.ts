/** The announcements' dashboard fact: published announcements by day. Kept by the trigger `metrics_announcement` (migration 0014); recounted below. */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const METRICS: MetricDefinition[] = [
  {
    name: 'announcements.published', label: { zh: '发布公告', en: 'Announcements published' }, unit: { zh: '条', en: 'notices' }, permission: 'announcement:read', period: 'day',
    kept: { fact: 'announcements.published', trigger: 'metrics_announcement', table: 'announcement' },
    recount: `select region_code, null::uuid, metric_day(published_at), '', 1 from announcement where status = 'published' and published_at is not null`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'announcementsPublished', label: { zh: '发布公告', en: 'Announcements' }, hint: { zh: '近30天', en: 'last 30 days' }, kind: 'count', metric: 'announcements.published', window: { days: 30 }, order: 90 },
];

export const announcementsMetrics = { metrics: METRICS, tiles: TILES };

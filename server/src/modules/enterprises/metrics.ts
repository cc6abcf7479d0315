/** The enterprises' dashboard facts, per region: approved to resume (now), reporting today, abnormal staff today. Kept by the triggers of migration `enterprises`; recounted below. */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const METRICS: MetricDefinition[] = [
  {
    name: 'enterprises.approved', label: { zh: '获批复工企业', en: 'Enterprises approved to resume' }, unit: { zh: '家', en: 'enterprises' }, permission: 'enterprise:read', period: 'now',
    kept: { fact: 'enterprises.approved', trigger: 'metrics_enterprise_application', table: 'enterprise_application' },
    recount: `select region_code, grid_id, null::date, '', 1 from enterprise_application where status = 'approved'`,
  },
  {
    name: 'enterprises.reporting', label: { zh: '健康登记企业', en: 'Enterprises reporting staff health' }, unit: { zh: '家', en: 'enterprises' }, permission: 'enterprise:read', period: 'day',
    kept: { fact: 'enterprises.reporting', trigger: 'metrics_enterprise_health_report', table: 'enterprise_health_report' },
    recount: `select region_code, grid_id, day, '', 1 from enterprise_health_report`,
  },
  {
    name: 'enterprises.abnormal_staff', label: { zh: '企业异常员工', en: 'Enterprise staff with abnormal health' }, unit: { zh: '人', en: 'people' }, permission: 'enterprise:read', period: 'day',
    kept: { fact: 'enterprises.abnormal_staff', trigger: 'metrics_enterprise_health_report', table: 'enterprise_health_report' },
    recount: `select region_code, grid_id, day, '', abnormal_count from enterprise_health_report where abnormal_count > 0`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'enterprisesApproved', label: { zh: '获批复工企业', en: 'Resumed enterprises' }, kind: 'count', metric: 'enterprises.approved', window: 'now', order: 110 },
  { id: 'enterprisesReporting', label: { zh: '今日健康登记企业', en: 'Enterprises reporting' }, hint: { zh: '今日', en: 'today' }, kind: 'count', metric: 'enterprises.reporting', window: 'today', order: 111 },
  { id: 'enterprisesAbnormalStaff', label: { zh: '今日企业异常员工', en: 'Abnormal staff' }, hint: { zh: '今日', en: 'today' }, kind: 'count', metric: 'enterprises.abnormal_staff', window: 'today', tone: 'alert', order: 112 },
];

export const enterprisesMetrics = { metrics: METRICS, tiles: TILES };

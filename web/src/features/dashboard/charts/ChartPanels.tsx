/**
 * The four chart panels: tickets by category, the 30-day trend, departments and grids by on-time
 * rate. Each has its own loading, error and empty state.
 */
import { theme, Typography } from 'antd';
import { useMemo } from 'react';
import type { DashboardCategories, DashboardDepartments, DashboardGridRanking, DashboardTrend } from '@gridgov/contracts';
import { useI18n } from '../../../i18n/i18n';
import { formatCount } from '../format';
import { useLook } from '../look';
import { Panel } from '../Panel';
import { StateView } from '../StateView';
import type { Resource } from '../use-dashboard';
import { categoryOption, departmentOption, gridRankingOption, rankedDepartments, rankingCount, trendOption, type ChartContext } from './chart-options';
import { EChart } from '../../../shared/charts/EChart';

interface PanelProps<T> {
  resource: Resource<T>;
  onRetry: () => void;
  /** Body height in the console. */
  height?: number;
}

const FILL = { flex: 1, minHeight: 0, width: '100%' } as const;

function useChartContext(): ChartContext {
  const { t, locale } = useI18n();
  const look = useLook();
  const { token } = theme.useToken();
  return useMemo(() => ({ t, locale, dark: look.big, fontSize: look.fontSize, fontFamily: token.fontFamily }), [t, locale, look, token.fontFamily]);
}

function Subtitle({ children }: { children: string }) {
  const { big } = useLook();
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal', color: big ? '#8aa4c8' : undefined }}>
      {children}
    </Typography.Text>
  );
}

export function CategoryPanel({ resource, onRetry, height }: PanelProps<DashboardCategories>) {
  const ctx = useChartContext();
  const { data } = resource;
  const option = useMemo(() => (data ? categoryOption(data, ctx) : null), [data, ctx]);
  const items = data?.items.filter((item) => item.count > 0).length ?? 0;
  return (
    <Panel title={ctx.t('dashboard.chart.categories')} extra={data && <Subtitle>{ctx.t('dashboard.chart.since', { day: data.since.slice(0, 10) })}</Subtitle>} testId="panel-categories" height={height}>
      <StateView resource={resource} isEmpty={() => items === 0} onRetry={onRetry} testId="state-categories">
        {() => option && <EChart option={option} dark={ctx.dark} locale={ctx.locale} items={items} testId="chart-categories" style={FILL} />}
      </StateView>
    </Panel>
  );
}

export function TrendPanel({ resource, onRetry, height }: PanelProps<DashboardTrend>) {
  const ctx = useChartContext();
  const { data } = resource;
  const option = useMemo(() => (data ? trendOption(data, ctx) : null), [data, ctx]);
  return (
    <Panel title={ctx.t('dashboard.chart.trend')} testId="panel-trend" height={height}>
      <StateView resource={resource} isEmpty={(d) => d.days.length === 0} onRetry={onRetry} testId="state-trend">
        {(d) => option && <EChart option={option} dark={ctx.dark} locale={ctx.locale} items={d.days.length} testId="chart-trend" style={FILL} />}
      </StateView>
    </Panel>
  );
}

export function DepartmentPanel({ resource, onRetry, height, limit = 10 }: PanelProps<DashboardDepartments> & { limit?: number }) {
  const ctx = useChartContext();
  const { data } = resource;
  const option = useMemo(() => (data ? departmentOption(data, ctx, limit) : null), [data, ctx, limit]);
  const items = data ? rankedDepartments(data, limit).length : 0;
  return (
    <Panel title={ctx.t('dashboard.chart.departments')} extra={<Subtitle>{ctx.t('dashboard.chart.twoMonths')}</Subtitle>} testId="panel-departments" height={height}>
      <StateView resource={resource} isEmpty={() => items === 0} onRetry={onRetry} testId="state-departments">
        {() => option && <EChart option={option} dark={ctx.dark} locale={ctx.locale} items={items} testId="chart-departments" style={FILL} />}
      </StateView>
    </Panel>
  );
}

export function GridRankingPanel({ resource, onRetry, height, limit = 10 }: PanelProps<DashboardGridRanking> & { limit?: number }) {
  const ctx = useChartContext();
  const { data } = resource;
  const option = useMemo(() => (data ? gridRankingOption(data, ctx, limit) : null), [data, ctx, limit]);
  const items = data ? rankingCount(data, limit) : 0;
  return (
    <Panel
      title={ctx.t('dashboard.chart.gridRanking')}
      extra={data && <Subtitle>{`${ctx.t('dashboard.chart.twoMonths')} · ${ctx.t('dashboard.chart.gridCount', { n: formatCount(data.grids, ctx.locale) })}`}</Subtitle>}
      testId="panel-ranking"
      height={height}
    >
      <StateView resource={resource} isEmpty={() => items === 0} onRetry={onRetry} testId="state-ranking">
        {() => option && <EChart option={option} dark={ctx.dark} locale={ctx.locale} items={items} testId="chart-ranking" style={FILL} />}
      </StateView>
    </Panel>
  );
}

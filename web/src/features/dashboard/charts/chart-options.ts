/**
 * The four dashboard charts as ECharts options, from the API answers: tickets by category (a
 * ring), the 30-day trend of reported and closed tickets (lines), departments by on-time rate and
 * the best and worst grids (bars). Pure functions of the data, the words and the theme.
 */
import type { DashboardCategories, DashboardDepartments, DashboardGridRanking, DashboardTrend } from '@gridgov/contracts';
import type { Locale, Translate } from '../../../i18n/i18n';
import { formatCount, formatRate, shortDay } from '../format';
import type { ChartOption } from '../../../shared/charts/echarts';

export interface ChartContext {
  t: Translate;
  locale: Locale;
  dark: boolean;
  /** Base font size: larger on the wall display. */
  fontSize: number;
  fontFamily: string;
}

export const CHART_COLORS = ['#3b82f6', '#22c55e', '#f59e0b', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16', '#f97316', '#64748b'];

const GOOD = '#22c55e';
const BAD = '#ef4444';
/** An on-time rate's colour: green from 90 %, amber from 70 %, red below. */
const rateColor = (rate: number | null) => ((rate ?? 0) >= 0.9 ? GOOD : (rate ?? 0) >= 0.7 ? '#f59e0b' : BAD);

function axisText(ctx: ChartContext) {
  return { color: ctx.dark ? '#b6c4da' : '#4b5563', fontSize: ctx.fontSize };
}

function splitLine(ctx: ChartContext) {
  return { lineStyle: { color: ctx.dark ? 'rgba(148,163,184,0.18)' : '#eef0f3' } };
}

function base(ctx: ChartContext): ChartOption {
  return {
    backgroundColor: 'transparent',
    color: CHART_COLORS,
    textStyle: { fontSize: ctx.fontSize, fontFamily: ctx.fontFamily },
    animationDuration: 400,
  };
}

/** Cuts a long name for an axis label; the tooltip shows it whole. */
function short(name: string, max: number): string {
  return name.length > max ? `${name.slice(0, max - 1)}…` : name;
}

export function categoryOption(data: DashboardCategories, ctx: ChartContext): ChartOption {
  const items = data.items.filter((item) => item.count > 0).sort((a, b) => b.count - a.count);
  return {
    ...base(ctx),
    tooltip: {
      trigger: 'item',
      valueFormatter: (value) => formatCount(typeof value === 'number' ? value : null, ctx.locale),
    },
    legend: {
      type: 'scroll',
      orient: 'vertical',
      right: 4,
      top: 'middle',
      textStyle: axisText(ctx),
      itemWidth: 12,
      itemHeight: 12,
    },
    series: [
      {
        type: 'pie',
        name: ctx.t('dashboard.chart.categories'),
        radius: ['42%', '72%'],
        center: ['36%', '52%'],
        avoidLabelOverlap: true,
        itemStyle: { borderColor: ctx.dark ? '#0b1730' : '#fff', borderWidth: 2 },
        label: { show: true, formatter: '{c}', color: axisText(ctx).color, fontSize: ctx.fontSize },
        labelLine: { length: 6, length2: 6 },
        data: items.map((item) => ({ name: item.name, value: item.count })),
      },
    ],
  };
}

export function trendOption(data: DashboardTrend, ctx: ChartContext): ChartOption {
  return {
    ...base(ctx),
    tooltip: { trigger: 'axis' },
    legend: { top: 0, right: 8, textStyle: axisText(ctx) },
    grid: { left: 8, right: 16, top: 32, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: data.days.map((d) => shortDay(d.day)),
      axisLabel: { ...axisText(ctx), hideOverlap: true },
      axisLine: { lineStyle: { color: ctx.dark ? '#475569' : '#cbd5e1' } },
    },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisText(ctx), splitLine: splitLine(ctx) },
    series: [
      {
        type: 'line',
        name: ctx.t('dashboard.chart.reported'),
        smooth: true,
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
        data: data.days.map((d) => d.reported),
      },
      {
        type: 'line',
        name: ctx.t('dashboard.chart.closed'),
        smooth: true,
        showSymbol: false,
        areaStyle: { opacity: 0.15 },
        data: data.days.map((d) => d.closed),
      },
    ],
  };
}

/** Departments with a rate, best first, at most `limit`. */
export function rankedDepartments(data: DashboardDepartments, limit: number) {
  return data.items.filter((item) => item.onTimeRate !== null).slice(0, limit);
}

export function departmentOption(data: DashboardDepartments, ctx: ChartContext, limit: number): ChartOption {
  // Best at the top: a category axis draws its first entry at the bottom.
  const items = rankedDepartments(data, limit).reverse();
  return {
    ...base(ctx),
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const first = Array.isArray(params) ? params[0] : params;
        const item = first ? items[first.dataIndex] : undefined;
        if (!item) return '';
        return [
          item.name,
          ctx.t('dashboard.chart.onTimeRate', { rate: formatRate(item.onTimeRate, ctx.locale) }),
          ctx.t('dashboard.chart.assigned', { n: formatCount(item.assigned, ctx.locale) }),
          ctx.t('dashboard.chart.doneOnTime', { done: formatCount(item.done, ctx.locale), onTime: formatCount(item.onTime, ctx.locale) }),
        ].join('<br/>');
      },
    },
    grid: { left: 8, right: 56, top: 8, bottom: 4, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { ...axisText(ctx), formatter: '{value}%' }, splitLine: splitLine(ctx) },
    yAxis: {
      type: 'category',
      data: items.map((item) => short(item.name, 9)),
      axisLabel: axisText(ctx),
      axisTick: { show: false },
    },
    series: [
      {
        type: 'bar',
        name: ctx.t('dashboard.chart.onTime'),
        barMaxWidth: 16,
        data: items.map((item) => ({
          value: Math.round((item.onTimeRate ?? 0) * 1000) / 10,
          itemStyle: { color: rateColor(item.onTimeRate), borderRadius: [0, 3, 3, 0] },
        })),
        label: { show: true, position: 'right', formatter: '{c}%', color: axisText(ctx).color, fontSize: ctx.fontSize },
      },
    ],
  };
}

type RankingItem = DashboardGridRanking['best'][number];

/**
 * The grids to draw: the best and the worst apart, or — when the place has so few grids that the
 * two lists share some — one list of all of them, best first.
 */
export function rankingLists(data: DashboardGridRanking, limit: number): { best: RankingItem[]; worst: RankingItem[] } | { all: RankingItem[] } {
  const best = data.best.slice(0, limit);
  const worst = data.worst.slice(0, limit);
  if (!best.some((b) => worst.some((w) => w.gridId === b.gridId))) return { best, worst };
  const all = new Map<string, RankingItem>();
  for (const item of [...data.best, ...[...data.worst].reverse()]) all.set(item.gridId, item);
  return { all: [...all.values()].sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1)).slice(0, 2 * limit) };
}

export function rankingCount(data: DashboardGridRanking, limit: number): number {
  const lists = rankingLists(data, limit);
  return 'all' in lists ? lists.all.length : lists.best.length + lists.worst.length;
}

/** Best grids on the left, worst on the right (or one list), each a bar per grid of its on-time rate. */
/** An axis label that breaks a long name onto a second line after `chars` characters, rather than cutting it. */
function wrapped(ctx: ChartContext, chars: number) {
  return { ...axisText(ctx), width: ctx.fontSize * chars, overflow: 'break' as const, lineHeight: Math.round(ctx.fontSize * 1.2) };
}

export function gridRankingOption(data: DashboardGridRanking, ctx: ChartContext, limit: number): ChartOption {
  const lists = rankingLists(data, limit);
  const tooltipOf = (item: RankingItem | undefined) =>
    item
      ? [
          item.name,
          ctx.t('dashboard.chart.onTimeRate', { rate: formatRate(item.onTimeRate, ctx.locale) }),
          ctx.t('dashboard.chart.closedCount', { n: formatCount(item.closed, ctx.locale) }),
          ctx.t('dashboard.chart.openOverdue', { open: formatCount(item.openTickets, ctx.locale), overdue: formatCount(item.overdueTickets, ctx.locale) }),
        ].join('<br/>')
      : '';
  const label = { show: true, position: 'right' as const, formatter: '{c}%', color: axisText(ctx).color, fontSize: ctx.fontSize };
  const percent = (item: RankingItem) => (item.onTimeRate === null ? 0 : Math.round(item.onTimeRate * 1000) / 10);
  // Best at the top: a category axis draws its first entry at the bottom.
  const columns = 'all' in lists ? [[...lists.all].reverse()] : [[...lists.best].reverse(), [...lists.worst].reverse()];
  const tooltip = {
    trigger: 'item' as const,
    formatter: (params: unknown) => {
      const one = (Array.isArray(params) ? params[0] : params) as { seriesIndex?: number; dataIndex: number } | undefined;
      return one ? tooltipOf(columns[one.seriesIndex ?? 0]?.[one.dataIndex]) : '';
    },
  };
  if ('all' in lists) {
    const items = columns[0] ?? [];
    return {
      ...base(ctx),
      tooltip,
      grid: { left: 8, right: 56, top: 8, bottom: 4, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { ...axisText(ctx), formatter: '{value}%' }, splitLine: splitLine(ctx) },
      yAxis: { type: 'category', data: items.map((item) => item.name), axisLabel: wrapped(ctx, 9), axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: ctx.t('dashboard.chart.onTime'),
          barMaxWidth: 16,
          data: items.map((item) => ({ value: percent(item), itemStyle: { color: rateColor(item.onTimeRate), borderRadius: [0, 3, 3, 0] } })),
          label,
        },
      ],
    };
  }
  const [best = [], worst = []] = columns;
  const rows = (items: RankingItem[], color: string) => items.map((item) => ({ value: percent(item), itemStyle: { color, borderRadius: [0, 3, 3, 0] } }));
  return {
    ...base(ctx),
    tooltip,
    legend: { top: 0, textStyle: axisText(ctx), data: [ctx.t('dashboard.chart.best'), ctx.t('dashboard.chart.worst')] },
    grid: [
      { left: 8, width: '38%', top: 30, bottom: 4, containLabel: true },
      { right: 40, width: '38%', top: 30, bottom: 4, containLabel: true },
    ],
    xAxis: [
      { gridIndex: 0, type: 'value', max: 100, show: false },
      { gridIndex: 1, type: 'value', max: 100, show: false },
    ],
    yAxis: [
      { gridIndex: 0, type: 'category', data: best.map((item) => item.name), axisLabel: wrapped(ctx, 7), axisTick: { show: false } },
      { gridIndex: 1, type: 'category', data: worst.map((item) => item.name), axisLabel: wrapped(ctx, 7), axisTick: { show: false } },
    ],
    series: [
      { type: 'bar', name: ctx.t('dashboard.chart.best'), xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 14, data: rows(best, GOOD), label, itemStyle: { color: GOOD } },
      { type: 'bar', name: ctx.t('dashboard.chart.worst'), xAxisIndex: 1, yAxisIndex: 1, barMaxWidth: 14, data: rows(worst, BAD), label, itemStyle: { color: BAD } },
    ],
  };
}

/**
 * ECharts, only the parts the console draws: bar, line and pie charts on a grid (the dashboard),
 * and force-laid graphs (the chain of transmission), with tooltips and legends, rendered to canvas. Importing through `echarts/core` keeps the rest out of the
 * bundle.
 */
import { BarChart, GraphChart, LineChart, PieChart, type BarSeriesOption, type GraphSeriesOption, type LineSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, GraphChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | GraphSeriesOption | LineSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export { init, type EChartsType };

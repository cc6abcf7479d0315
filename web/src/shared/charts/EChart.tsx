/**
 * One ECharts chart in a React box: created on mount (again when the theme or language changes),
 * given each new option whole, resized with its box, disposed on unmount. `items` (how many data
 * points it shows) is exposed as `data-items` for the browser tests.
 */
import { useEffect, useRef, type CSSProperties } from 'react';
import type { Locale } from '../../i18n/i18n';
import { init, type ChartOption, type EChartsType } from './echarts';

interface Props {
  option: ChartOption;
  dark: boolean;
  locale: Locale;
  items: number;
  testId: string;
  style: CSSProperties;
}

export function EChart({ option, dark, locale, items, testId, style }: Props) {
  const boxRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const optionRef = useRef(option);
  /** The option the chart shows, so a new chart is not given the same one twice. */
  const shown = useRef<ChartOption | null>(null);
  useEffect(() => {
    optionRef.current = option;
  });

  useEffect(() => {
    const box = boxRef.current;
    if (!box) return;
    const chart = init(box, dark ? 'dark' : undefined, { renderer: 'canvas', locale: locale === 'en' ? 'EN' : 'ZH' });
    chartRef.current = chart;
    chart.setOption(optionRef.current, { notMerge: true });
    shown.current = optionRef.current;
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(box);
    return () => {
      observer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, [dark, locale]);

  useEffect(() => {
    if (!chartRef.current || shown.current === option) return;
    chartRef.current.setOption(option, { notMerge: true });
    shown.current = option;
  }, [option]);

  return <div ref={boxRef} data-testid={testId} data-items={items} style={style} />;
}

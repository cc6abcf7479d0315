/**
 * The chain of transmission (传播链): cases as nodes by their short number and status, an arrow
 * from the case each caught it from; node size grows with the contacts traced. The server sends
 * nothing personal; links from cases outside the reader's scope are counted on their case.
 */
import { Alert, Card, Empty, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { CaseStatus, TransmissionGraph as Graph } from '@gridgov/contracts';
import { useI18n, type Translate } from '../../i18n/i18n';
import { EChart } from '../../shared/charts/EChart';
import type { ChartOption } from '../../shared/charts/echarts';
import { enumLabel } from '../../shared/labels';
import { tracingApi, tracingKeys } from './tracing-api';

const COLOURS: Record<CaseStatus, string> = { suspected: '#faad14', confirmed: '#f5222d', excluded: '#bfbfbf', closed: '#52c41a' };

export function graphOption(t: Translate, g: Graph): ChartOption {
  const elsewhere = new Map(g.fromElsewhere.map((e) => [e.target, e.count]));
  return {
    tooltip: { formatter: (p: unknown) => (p as { data: { tip?: string } }).data.tip ?? '' },
    series: [
      {
        type: 'graph',
        layout: 'force',
        roam: true,
        draggable: true,
        force: { repulsion: 160, edgeLength: 70 },
        edgeSymbol: ['none', 'arrow'],
        label: { show: true, formatter: '{b}' },
        data: g.nodes.map((n) => ({
          id: n.id,
          name: n.caseNo,
          symbolSize: 22 + Math.min(30, Math.sqrt(n.contacts) * 4),
          itemStyle: { color: COLOURS[n.status], borderColor: elsewhere.has(n.id) ? '#722ed1' : undefined, borderWidth: elsewhere.has(n.id) ? 3 : 0 },
          tip: `${n.caseNo} · ${enumLabel(t, 'caseStatus', n.status)} · ${t('case.graphContacts', { n: n.contacts })}${elsewhere.has(n.id) ? ` · ${t('case.graphFromElsewhere')}` : ''}`,
        })),
        links: g.links.map((l) => ({ source: l.source, target: l.target })),
      },
    ],
  } as ChartOption;
}

export function TransmissionGraph() {
  const { t, locale } = useI18n();
  const graph = useQuery({ queryKey: tracingKeys.graph, queryFn: ({ signal }) => tracingApi.graph(signal) });
  const option = useMemo(() => (graph.data ? graphOption(t, graph.data) : null), [t, graph.data]);
  if (!graph.data) return <Card loading />;
  if (graph.data.nodes.length === 0) return <Empty description={t('case.graphEmpty')} />;
  return (
    <Card size="small">
      <Space wrap style={{ marginBottom: 8 }}>
        {(Object.keys(COLOURS) as CaseStatus[]).map((s) => (
          <Tag key={s} color={COLOURS[s]}>{enumLabel(t, 'caseStatus', s)}</Tag>
        ))}
      </Space>
      {graph.data.fromElsewhere.length > 0 && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('case.graphElsewhereNote', { n: graph.data.fromElsewhere.length })} />}
      {option && <EChart option={option} dark={false} locale={locale} items={graph.data.nodes.length} testId="tracing-graph" style={{ height: 520, width: '100%' }} />}
    </Card>
  );
}

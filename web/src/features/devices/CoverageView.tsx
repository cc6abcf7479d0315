/**
 * 视频覆盖 / 盲区分析: how much of the roads in scope the cameras see. The totals, the map (sectors,
 * streets coloured by coverage) and the grids worst covered first, the blind spots to fix; a grid
 * can be picked to look at it alone, and the live view counts only cameras online now.
 */
import { Alert, Card, Progress, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState, type HTMLAttributes } from 'react';
import type { Coverage } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';
import { deviceKeys, devicesApi } from './devices-api';

const CoverageMap = lazy(() => import('./CoverageMap'));

type GridRow = Coverage['grids'][number];

const km = (m: number) => (m / 1000).toFixed(1);
const percent = (share: number | null) => (share === null ? '—' : `${(share * 100).toFixed(1)}%`);
const shareColor = (share: number) => (share < 0.2 ? '#dc2626' : share < 0.5 ? '#f59e0b' : '#16a34a');

export default function CoverageView() {
  const { t } = useI18n();
  const [onlineOnly, setOnlineOnly] = useState(false);
  const [gridId, setGridId] = useState<string | undefined>();
  const params = { onlineOnly: onlineOnly ? 'true' : undefined, gridId };
  const coverage = useQuery({ queryKey: deviceKeys.coverage(params), queryFn: ({ signal }) => devicesApi.coverage(params, signal) });
  // The grids to choose from: those of the whole answer (kept while one grid is shown).
  const [choices, setChoices] = useState<{ value: string; label: string }[]>([]);
  if (!gridId && coverage.data && choices.length !== coverage.data.grids.length) {
    setChoices(coverage.data.grids.map((g) => ({ value: g.gridId, label: g.gridName })));
  }
  const totals = coverage.data?.totals;

  return (
    <div data-testid="coverage-view">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('devices.coverage.all')} style={{ width: 220 }} value={gridId} onChange={setGridId} options={choices} data-testid="coverage-grid" />
        <Space size="small">
          <Switch checked={onlineOnly} onChange={setOnlineOnly} data-testid="coverage-online" />
          <Typography.Text>{t('devices.coverage.onlineOnly')}</Typography.Text>
        </Space>
      </Space>
      {totals && (
        <Space wrap style={{ marginBottom: 8 }} data-testid="coverage-totals">
          <Tag>{t('devices.coverage.roads', { km: km(totals.roadM) })}</Tag>
          <Tag color="green">{t('devices.coverage.covered', { km: km(totals.coveredM) })}</Tag>
          <Tag color={totals.share === null ? undefined : totals.share < 0.5 ? 'red' : 'green'}>{t('devices.coverage.share', { share: percent(totals.share) })}</Tag>
          <Tag color="blue">{t('devices.coverage.cameras', { n: totals.cameras })}</Tag>
          {totals.camerasWithoutView > 0 && <Tag color="orange">{t('devices.coverage.withoutView', { n: totals.camerasWithoutView })}</Tag>}
        </Space>
      )}
      {coverage.data?.truncated && <Alert type="warning" showIcon title={t('devices.coverage.truncated')} style={{ marginBottom: 8 }} />}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Suspense fallback={null}>
          <CoverageMap key={gridId ?? 'all'} coverage={coverage.data} testId="coverage-map" />
        </Suspense>
        <Typography.Text type="secondary">{t('devices.coverage.legend')}</Typography.Text>
      </Card>
      <Typography.Title level={5}>{t('devices.coverage.blindSpots')}</Typography.Title>
      <Table<GridRow>
        rowKey="gridId"
        size="small"
        loading={coverage.isLoading}
        dataSource={coverage.data?.grids ?? []}
        data-testid="coverage-grids"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        onRow={(row) => ({ onClick: () => setGridId(row.gridId), style: { cursor: 'pointer' }, 'data-share': row.share ?? '' }) as HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'grid', title: t('devices.coverage.grid'), dataIndex: 'gridName' },
          {
            key: 'share', title: t('devices.coverage.rate'), dataIndex: 'share', width: 200,
            render: (share: number | null) => (share === null ? <Typography.Text type="secondary">{t('devices.coverage.noRoads')}</Typography.Text> : <Progress percent={Math.round(share * 1000) / 10} size="small" strokeColor={shareColor(share)} />),
          },
          { key: 'road', title: t('devices.coverage.roadM'), dataIndex: 'roadM', align: 'right', render: (m: number) => Math.round(m).toLocaleString(), responsive: ['md'] },
          { key: 'covered', title: t('devices.coverage.coveredM'), dataIndex: 'coveredM', align: 'right', render: (m: number) => Math.round(m).toLocaleString(), responsive: ['md'] },
          { key: 'cameras', title: t('devices.coverage.camerasCol'), dataIndex: 'cameras', align: 'right' },
          { key: 'without', title: t('devices.coverage.withoutViewCol'), dataIndex: 'camerasWithoutView', align: 'right', responsive: ['lg'] },
        ]}
      />
    </div>
  );
}

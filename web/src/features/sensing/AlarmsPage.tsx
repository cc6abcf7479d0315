/**
 * 设备报警: the alarms devices raised in the scope (fever, SOS, smoke, water, watch-list
 * matches), newest first, each with what it became in the closed loop (its ticket or warning, the
 * grid worker told), on a map of the last day, refreshed every half minute.
 */
import { Card, DatePicker, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { Dayjs } from 'dayjs';
import { ALARM_TYPES, type DeviceAlarm } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';
import { enumLabel, enumOptions } from '../../shared/labels';
import type { MapPoint } from '../../shared/map/PointsMap';
import { sensingApi, sensingKeys } from './sensing-api';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));

export const ALARM_COLOR: Record<DeviceAlarm['type'], string> = { sos: '#f5222d', fever: '#fa8c16', smoke: '#cf1322', water: '#1677ff', watchlist: '#722ed1' };
const REFRESH_MS = 30_000;

/** What the device measured, in words. */
function measured(t: ReturnType<typeof useI18n>['t'], a: DeviceAlarm): string {
  const f = a.facts as { temperature?: number; level?: number; depthCm?: number; hint?: string };
  if (f.temperature !== undefined) return t('alarms.fact.temperature', { value: f.temperature });
  if (f.level !== undefined) return t('alarms.fact.level', { value: f.level });
  if (f.depthCm !== undefined) return t('alarms.fact.depth', { value: f.depthCm });
  if (f.hint !== undefined) return t('alarms.fact.hint', { value: f.hint });
  return '';
}

export default function AlarmsPage() {
  const { t } = useI18n();
  const [filters, setFilters] = useState<{ type?: DeviceAlarm['type']; since?: string; page: number }>({ page: 1 });
  const params = { type: filters.type, since: filters.since, page: filters.page, pageSize: 20 };
  const list = useQuery({ queryKey: sensingKeys.alarms(params), queryFn: ({ signal }) => sensingApi.alarms(params, signal), refetchInterval: REFRESH_MS });
  const layerParams = { type: filters.type, since: filters.since };
  const layer = useQuery({ queryKey: sensingKeys.layer(layerParams), queryFn: ({ signal }) => sensingApi.layer(layerParams, signal), refetchInterval: REFRESH_MS });
  const points = useMemo<MapPoint[]>(
    () => (layer.data?.features ?? []).map((f) => ({
      id: f.properties.id, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], color: ALARM_COLOR[f.properties.type],
      label: `${enumLabel(t, 'alarmType', f.properties.type)}：${f.properties.deviceName}`, highlight: f.properties.type === 'sos' || f.properties.type === 'fever',
    })),
    [layer.data, t],
  );
  return (
    <div data-testid="alarms-page">
      <Typography.Title level={4}>{t('menu.alarms')}</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('alarms.field.type')} style={{ width: 150 }} value={filters.type} onChange={(type) => setFilters({ ...filters, type, page: 1 })}
          options={enumOptions(t, 'alarmType', ALARM_TYPES)} data-testid="alarms-type" />
        <DatePicker placeholder={t('alarms.since')} onChange={(d: Dayjs | null) => setFilters({ ...filters, since: d ? d.format('YYYY-MM-DD') : undefined, page: 1 })} data-testid="alarms-since" />
      </Space>
      <Card size="small" style={{ marginBottom: 12 }} title={filters.since ? t('alarms.mapSince', { day: filters.since }) : t('alarms.mapDay')}>
        <Suspense fallback={null}>
          <PointsMap points={points} onOpen={() => undefined} testId="alarms-map" height={320} />
        </Suspense>
      </Card>
      <Table<DeviceAlarm>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="alarms"
        pagination={{ current: filters.page, pageSize: 20, total: list.data?.total ?? 0, onChange: (page) => setFilters({ ...filters, page }) }}
        columns={[
          { key: 'type', title: t('alarms.field.type'), dataIndex: 'type', render: (v: DeviceAlarm['type']) => <Tag color={ALARM_COLOR[v]}>{enumLabel(t, 'alarmType', v)}</Tag> },
          { key: 'device', title: t('alarms.field.device'), render: (_: unknown, a) => <span>{a.deviceName}<Typography.Text type="secondary"> {measured(t, a)}</Typography.Text></span> },
          { key: 'grid', title: t('alarms.field.grid'), render: (_: unknown, a) => a.gridName ?? a.regionCode, responsive: ['md'] },
          { key: 'first', title: t('alarms.field.firstAt'), dataIndex: 'firstAt', render: (v: string) => new Date(v).toLocaleString() },
          { key: 'repeats', title: t('alarms.field.repeats'), dataIndex: 'repeats', responsive: ['md'] },
          {
            key: 'outcome', title: t('alarms.field.outcome'), render: (_: unknown, a) => (
              <Space size="small" wrap>
                {a.ticketNumber && <a href={`#/tickets?id=${a.ticketId}`} data-testid="alarm-ticket">{a.ticketNumber}</a>}
                {a.warningId && <a href={`#/warnings?id=${a.warningId}`}>{t('alarms.warning')}</a>}
                {a.notified && <Tag color="green">{t('alarms.notified')}</Tag>}
                {a.status === 'new' && <Tag>{enumLabel(t, 'alarmStatus', a.status)}</Tag>}
              </Space>
            ),
          },
        ]}
      />
    </div>
  );
}

/** 我的运输任务 (phone): the driver's open shipments; post the position (the phone's location or typed) and confirm arrival. */
import { Alert, Button, Card, Empty, InputNumber, List, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ShipmentSummary } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { logisticsApi, logisticsKeys } from './logistics-api';
import { ShipmentStatus } from './ShipmentsPage';

function here(): Promise<{ lng: number; lat: number } | null> {
  return new Promise((resolve) => {
    if (!navigator.geolocation) return resolve(null);
    navigator.geolocation.getCurrentPosition((p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }), () => resolve(null), { enableHighAccuracy: true, timeout: 8000 });
  });
}

function ShipmentCard({ s }: { s: ShipmentSummary }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [lng, setLng] = useState<number | null>(s.position?.lng ?? s.from.lng);
  const [lat, setLat] = useState<number | null>(s.position?.lat ?? s.from.lat);
  const [noGeo, setNoGeo] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: logisticsKeys.all });
  const track = useMutation({
    mutationFn: async (typed: boolean) => {
      const at = typed ? null : await here();
      if (!typed && !at) {
        setNoGeo(true);
        return null;
      }
      return logisticsApi.track(s.id, at ?? { lng: lng!, lat: lat! });
    },
    onSuccess: async (r) => { if (r) { feedback.success(t('logistics.track.posted')); await refresh(); } },
    onError: (e) => feedback.error(e),
  });
  const arrive = useMutation({
    mutationFn: async () => logisticsApi.step(s, 'arrive', (await here()) ?? {}),
    onSuccess: refresh,
    onError: (e) => feedback.error(e),
  });
  const moving = s.status === 'departed' || s.status === 'in_transit';
  return (
    <Card size="small" title={`S${s.shipmentNo} · ${s.vehicle?.plateNo ?? ''}`} extra={<ShipmentStatus status={s.status} />} data-testid={`driver-shipment-${s.shipmentNo}`}>
      <Typography.Paragraph style={{ marginBottom: 8 }}>{s.from.name} → <b>{s.to.name}</b></Typography.Paragraph>
      {s.position && <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('logistics.position')}：{s.position.lng.toFixed(4)}, {s.position.lat.toFixed(4)} · {formatDateTime(s.position.at, locale)}</Typography.Paragraph>}
      {moving && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button block type="primary" size="large" loading={track.isPending} onClick={() => track.mutate(false)} data-testid="driver-track-here">{t('logistics.track.here')}</Button>
          {noGeo && <Alert type="warning" showIcon message={t('logistics.track.noGeo')} />}
          <Space wrap>
            <InputNumber value={lng} onChange={setLng} step={0.001} min={73} max={136} placeholder={t('logistics.track.lng')} data-testid="driver-lng" />
            <InputNumber value={lat} onChange={setLat} step={0.001} min={3} max={54} placeholder={t('logistics.track.lat')} data-testid="driver-lat" />
            <Button loading={track.isPending} disabled={lng === null || lat === null} onClick={() => track.mutate(true)} data-testid="driver-track-typed">{t('logistics.action.track')}</Button>
          </Space>
          <Button block size="large" loading={arrive.isPending} onClick={() => arrive.mutate()} data-testid="driver-arrive">{t('logistics.action.arrive')}</Button>
        </Space>
      )}
    </Card>
  );
}

export default function DriverPage() {
  const { t } = useI18n();
  const params = { mine: 'true', open: 'true', page: 1, pageSize: 20 };
  const list = useQuery({ queryKey: logisticsKeys.shipments(params), queryFn: ({ signal }) => logisticsApi.shipments(params, signal), refetchInterval: 60_000 });
  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }}>
      <Typography.Title level={4}>{t('logistics.driver.title')}</Typography.Title>
      {list.data && list.data.items.length === 0 ? (
        <Empty description={t('logistics.driver.none')} />
      ) : (
        <List loading={list.isLoading} dataSource={list.data?.items ?? []} renderItem={(s) => <List.Item style={{ display: 'block' }}><ShipmentCard s={s} /></List.Item>} />
      )}
    </div>
  );
}

/** 交通管制: the notices of the scope and above on a map and in a list; announce one (an area around a point or a road between two points), lift one. */
import { Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { TRAFFIC_CONTROL_KINDS, TRAFFIC_CONTROL_STATUSES, type TrafficControl, type TrafficGeometry } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel, enumOptions } from '../../shared/labels';
import { formatDateTime } from '../../shared/format';
import { holds } from '../../shared/permissions';
import { logisticsApi, logisticsKeys } from './logistics-api';
import { trafficLayers } from './traffic-map';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));
const STATUS_COLORS: Record<string, string> = { active: 'red', scheduled: 'orange', ended: 'default' };

type Shape = { shape: 'area' | 'road'; lng: number; lat: number; size: number; fromLng: number; fromLat: number; toLng: number; toLat: number };
type NewForm = Shape & { title: string; kind: string; regionCode: string; startAt: { toDate(): Date }; endAt?: { toDate(): Date } | null; description?: string; public: boolean };

/** A square of `size` metres around the point, or the road from one point to the other. */
export function shapeGeometry(v: Shape): TrafficGeometry {
  if (v.shape === 'road') return { type: 'LineString', coordinates: [[v.fromLng, v.fromLat], [v.toLng, v.toLat]] };
  const dLat = v.size / 2 / 111_320;
  const dLng = v.size / 2 / (111_320 * Math.cos((v.lat * Math.PI) / 180));
  const ring: [number, number][] = [[v.lng - dLng, v.lat - dLat], [v.lng + dLng, v.lat - dLat], [v.lng + dLng, v.lat + dLat], [v.lng - dLng, v.lat + dLat], [v.lng - dLng, v.lat - dLat]];
  return { type: 'Polygon', coordinates: [ring] };
}

function NewControl({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<NewForm>();
  const shape = Form.useWatch('shape', form) ?? 'road';
  const save = useMutation({
    mutationFn: (v: NewForm) => logisticsApi.createTraffic({
      title: v.title, kind: v.kind as 'road_closed', regionCode: v.regionCode, geometry: shapeGeometry(v), startAt: v.startAt.toDate().toISOString(),
      endAt: v.endAt ? v.endAt.toDate().toISOString() : undefined, description: v.description?.trim() || undefined, public: v.public,
    }),
    onSuccess: async () => { feedback.success(t('logistics.saved')); await client.invalidateQueries({ queryKey: logisticsKeys.all }); onClose(); },
    onError: (e) => feedback.error(e),
  });
  return (
    <Modal open width={640} title={t('traffic.new')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}
        initialValues={{ regionCode: me.scope.regionCode, kind: 'road_closed', shape: 'road', size: 500, lng: 111.69, lat: 29.03, fromLng: 111.68, fromLat: 29.03, toLng: 111.7, toLat: 29.04, public: true }}>
        <Form.Item name="title" label={t('traffic.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
        <Space wrap>
          <Form.Item name="kind" label={t('traffic.kind')} rules={[{ required: true }]}><Select style={{ width: 160 }} options={enumOptions(t, 'trafficControlKind', TRAFFIC_CONTROL_KINDS)} /></Form.Item>
          <Form.Item name="regionCode" label={t('logistics.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
        </Space>
        <Form.Item name="shape" label={t('traffic.shape')}><Radio.Group options={[{ value: 'road', label: t('traffic.shape.road') }, { value: 'area', label: t('traffic.shape.area') }]} /></Form.Item>
        {shape === 'road' ? (
          <Space wrap>
            {(['fromLng', 'fromLat', 'toLng', 'toLat'] as const).map((f) => <Form.Item key={f} name={f} label={t(`traffic.shape.${f}`)} rules={[{ required: true }]}><InputNumber step={0.001} /></Form.Item>)}
          </Space>
        ) : (
          <Space wrap>
            <Form.Item name="lng" label={t('traffic.shape.lng')} rules={[{ required: true }]}><InputNumber step={0.001} /></Form.Item>
            <Form.Item name="lat" label={t('traffic.shape.lat')} rules={[{ required: true }]}><InputNumber step={0.001} /></Form.Item>
            <Form.Item name="size" label={t('traffic.shape.size')} rules={[{ required: true }]}><InputNumber min={50} max={50000} /></Form.Item>
          </Space>
        )}
        <Space wrap>
          <Form.Item name="startAt" label={t('traffic.startAt')} rules={[{ required: true }]}><DatePicker showTime /></Form.Item>
          <Form.Item name="endAt" label={t('traffic.endAt')}><DatePicker showTime /></Form.Item>
        </Space>
        <Form.Item name="description" label={t('traffic.description')}><Input.TextArea maxLength={1000} rows={2} /></Form.Item>
        <Form.Item name="public" valuePropName="checked"><Checkbox>{t('traffic.public')}</Checkbox></Form.Item>
      </Form>
    </Modal>
  );
}

export default function TrafficPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [status, setStatus] = useState<string | undefined>();
  const [creating, setCreating] = useState(false);
  const params = { status, page: 1, pageSize: 200 };
  const list = useQuery({ queryKey: logisticsKeys.traffic(params), queryFn: ({ signal }) => logisticsApi.traffic(params, signal) });
  const lift = useMutation({ mutationFn: logisticsApi.liftTraffic, onSuccess: () => client.invalidateQueries({ queryKey: logisticsKeys.all }), onError: (e) => feedback.error(e) });
  const controls = list.data?.items ?? [];
  const layers = trafficLayers(controls.filter((c) => c.status !== 'ended'), (c) => `${c.title} · ${enumLabel(t, 'trafficControlKind', c.kind)}`);
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 140 }} placeholder={t('logistics.status')} value={status} onChange={setStatus} options={enumOptions(t, 'trafficControlStatus', TRAFFIC_CONTROL_STATUSES)} />
        {holds('emergency:command', me.permissions) && <Button type="primary" onClick={() => setCreating(true)} data-testid="traffic-new">{t('traffic.new')}</Button>}
      </Space>
      <Suspense fallback={null}>
        <div style={{ marginBottom: 12 }}><PointsMap points={layers.points} links={layers.links} outline={layers.outline} onOpen={() => undefined} testId="traffic-map" height={360} /></div>
      </Suspense>
      <Table<TrafficControl> rowKey="id" size="small" loading={list.isLoading} dataSource={controls} pagination={false} scroll={{ x: true }} data-testid="traffic-list"
        columns={[
          { key: 'title', title: t('traffic.name'), dataIndex: 'title' },
          { key: 'kind', title: t('traffic.kind'), dataIndex: 'kind', render: (k: string) => enumLabel(t, 'trafficControlKind', k) },
          { key: 'window', title: t('traffic.window'), render: (_: unknown, c) => `${formatDateTime(c.startAt, locale)} – ${c.liftedAt ? `${formatDateTime(c.liftedAt, locale)}（${t('traffic.lifted')}）` : c.endAt ? formatDateTime(c.endAt, locale) : t('traffic.until')}` },
          { key: 'region', title: t('logistics.region'), dataIndex: 'regionName', responsive: ['lg'] },
          { key: 'event', title: t('traffic.event'), dataIndex: 'eventNo', responsive: ['md'], render: (n: number | null) => (n ? `E${n}` : '—') },
          { key: 'status', title: t('logistics.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLORS[s]}>{enumLabel(t, 'trafficControlStatus', s)}</Tag> },
          { key: 'act', title: '', render: (_: unknown, c) => (c.canEdit ? <Button size="small" danger onClick={() => lift.mutate(c)}>{t('traffic.lift')}</Button> : null) },
        ]}
      />
      {creating && <NewControl onClose={() => setCreating(false)} />}
    </>
  );
}

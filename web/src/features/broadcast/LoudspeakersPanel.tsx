/** Street-light loudspeakers (智慧路灯广播) of the subtree and above, as a list and on the map; add one. */
import { Button, Card, Form, Input, InputNumber, Modal, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { Loudspeaker } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { holds } from '../../shared/permissions';
import type { MapPoint } from '../../shared/map/PointsMap';
import { broadcastApi, broadcastKeys } from './broadcast-api';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));

interface Values {
  name: string;
  deviceId: string;
  regionCode: string;
  lng: number;
  lat: number;
}

export function LoudspeakersPanel() {
  const { t } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<Values>();
  const list = useQuery({ queryKey: broadcastKeys.loudspeakers, queryFn: ({ signal }) => broadcastApi.loudspeakers(signal) });
  const keeps = holds('broadcast:device', me.permissions) && !me.scope.gridId;
  const points = useMemo<MapPoint[]>(() => (list.data ?? []).map((l) => ({ id: l.id, lon: l.lng, lat: l.lat, label: `${l.name}（${l.deviceId}）`, color: '#fa8c16' })), [list.data]);
  const add = useMutation({
    mutationFn: (v: Values) => broadcastApi.createLoudspeaker({ ...v, gridId: null }),
    onSuccess: async () => {
      setAdding(false);
      await client.invalidateQueries({ queryKey: broadcastKeys.loudspeakers });
    },
    onError: (error) => feedback.error(error),
  });
  return (
    <>
      {keeps && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" data-testid="loudspeaker-new" onClick={() => { form.resetFields(); form.setFieldsValue({ regionCode: me.scope.regionCode }); setAdding(true); }}>{t('broadcast.loudspeaker.new')}</Button>
        </Space>
      )}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Suspense fallback={null}>
          <PointsMap points={points} onOpen={() => undefined} testId="loudspeaker-map" height={360} />
        </Suspense>
      </Card>
      <Table<Loudspeaker>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        data-testid="loudspeakers"
        pagination={{ pageSize: 20 }}
        columns={[
          { key: 'name', title: t('broadcast.loudspeaker.name'), dataIndex: 'name' },
          { key: 'device', title: t('broadcast.loudspeaker.deviceId'), dataIndex: 'deviceId' },
          { key: 'region', title: t('broadcast.field.region'), dataIndex: 'regionName', responsive: ['md'] },
          { key: 'grid', title: t('broadcast.loudspeaker.grid'), dataIndex: 'gridName', responsive: ['lg'] },
        ]}
      />
      {adding && (
        <Modal open title={t('broadcast.loudspeaker.new')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={add.isPending}>
          <Form form={form} layout="vertical" onFinish={(v) => add.mutate(v)}>
            <Form.Item name="name" label={t('broadcast.loudspeaker.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="deviceId" label={t('broadcast.loudspeaker.deviceId')} rules={[{ required: true, pattern: /^[A-Za-z0-9_.:-]{3,64}$/ }]}><Input maxLength={64} /></Form.Item>
            <Form.Item name="regionCode" label={t('broadcast.field.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
            <Space wrap>
              <Form.Item name="lng" label={t('broadcast.loudspeaker.lng')} rules={[{ required: true }]}><InputNumber min={73} max={136} step={0.0001} style={{ width: 160 }} /></Form.Item>
              <Form.Item name="lat" label={t('broadcast.loudspeaker.lat')} rules={[{ required: true }]}><InputNumber min={3} max={54} step={0.0001} style={{ width: 160 }} /></Form.Item>
            </Space>
          </Form>
        </Modal>
      )}
    </>
  );
}

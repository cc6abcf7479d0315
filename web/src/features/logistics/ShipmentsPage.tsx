/**
 * 物资运输: shipments (list, one shipment's lines, track, timeline and steps; the receipt form with
 * per-line quantities and discrepancies; returns), vehicles and drivers, as tabs; `?id=` opens one shipment.
 */
import { Button, Descriptions, Drawer, Form, Input, InputNumber, Modal, Radio, Select, Space, Table, Tabs, Tag, Timeline, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import {
  DISCREPANCY_KINDS, LICENCE_CLASSES, RETURN_REASONS, SHIPMENT_STATUSES, VEHICLE_KINDS, type ShipmentAction, type ShipmentDetail, type ShipmentSummary,
} from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { navigate, useLocation } from '../../app/router';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel, enumOptions } from '../../shared/labels';
import { formatDateTime } from '../../shared/format';
import { holds } from '../../shared/permissions';
import type { MapPoint } from '../../shared/map/PointsMap';
import { suppliesApi, suppliesKeys } from '../supplies/supplies-api';
import { logisticsApi, logisticsKeys } from './logistics-api';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));
const STATUS_COLORS: Record<string, string> = { planned: 'default', loading: 'blue', departed: 'cyan', in_transit: 'geekblue', arrived: 'orange', received: 'green', closed: 'default', cancelled: 'red' };

export function ShipmentStatus({ status }: { status: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLORS[status]}>{enumLabel(t, 'shipmentStatus', status)}</Tag>;
}

type ReceiptForm = { lines: { received: number; discrepancies?: { kind: string; quantity: number; note?: string }[] }[]; note?: string };

function ReceiptModal({ s, onClose }: { s: ShipmentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<ReceiptForm>();
  const save = useMutation({
    mutationFn: (v: ReceiptForm) => logisticsApi.step(s, 'receive', { note: v.note?.trim() || undefined, lines: s.lines.map((l, i) => ({ lineId: l.id, received: v.lines[i]!.received, discrepancies: (v.lines[i]!.discrepancies ?? []).map((d) => ({ kind: d.kind, quantity: d.quantity, note: d.note?.trim() || undefined })) })) }),
    onSuccess: async (next) => { client.setQueryData(logisticsKeys.shipment(s.id), next); await client.invalidateQueries({ queryKey: logisticsKeys.all }); onClose(); },
    onError: (e) => feedback.error(e),
  });
  return (
    <Modal open width={760} title={t('logistics.receipt.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} okButtonProps={{ 'data-testid': 'logistics-receipt-ok' } as never}>
      <Typography.Paragraph type="secondary">{t('logistics.receipt.balance')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ lines: s.lines.map((l) => ({ received: l.quantity, discrepancies: [] })) }} onFinish={(v) => save.mutate(v)}>
        {s.lines.map((l, i) => (
          <div key={l.id} style={{ borderBottom: '1px solid #f0f0f0', marginBottom: 8 }} data-testid={`logistics-receipt-line-${i}`}>
            <Space wrap align="baseline">
              <span style={{ minWidth: 200, display: 'inline-block' }}>{l.itemCode} {l.itemName} · {t('logistics.shipped')} {l.quantity} {l.unit ?? ''}</span>
              <Form.Item name={['lines', i, 'received']} label={t('logistics.received')} rules={[{ required: true }]}><InputNumber min={0} precision={0} data-testid={`logistics-received-${i}`} /></Form.Item>
            </Space>
            <Form.List name={['lines', i, 'discrepancies']}>
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} wrap align="baseline">
                      <Form.Item name={[f.name, 'kind']} rules={[{ required: true }]}><Select style={{ width: 110 }} options={enumOptions(t, 'discrepancyKind', DISCREPANCY_KINDS)} data-testid={`logistics-gap-kind-${i}-${f.name}`} /></Form.Item>
                      <Form.Item name={[f.name, 'quantity']} rules={[{ required: true }]}><InputNumber min={1} precision={0} placeholder={t('logistics.discrepancy.quantity')} data-testid={`logistics-gap-qty-${i}-${f.name}`} /></Form.Item>
                      <Form.Item name={[f.name, 'note']}><Input maxLength={500} placeholder={t('logistics.discrepancy.note')} style={{ width: 200 }} /></Form.Item>
                      <Button onClick={() => remove(f.name)}>×</Button>
                    </Space>
                  ))}
                  <Button size="small" onClick={() => add({ kind: 'short' })} style={{ marginBottom: 8 }} data-testid={`logistics-gap-add-${i}`}>{t('logistics.discrepancy.add')}</Button>
                </>
              )}
            </Form.List>
          </div>
        ))}
        <Form.Item name="note" label={t('logistics.note')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ReturnModal({ s, onClose }: { s: ShipmentDetail; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<{ lines: { quantity?: number; reason: string }[]; note?: string }>();
  const save = useMutation({
    mutationFn: (v: { lines: { quantity?: number; reason: string }[]; note?: string }) =>
      logisticsApi.returnOf(s.id, { note: v.note?.trim() || undefined, lines: s.lines.flatMap((l, i) => (v.lines[i]?.quantity ? [{ lineId: l.id, quantity: v.lines[i]!.quantity!, reason: v.lines[i]!.reason as 'unused' }] : [])) }),
    onSuccess: async (made) => { await client.invalidateQueries({ queryKey: logisticsKeys.all }); onClose(); navigate(`/logistics?id=${made.id}`); },
    onError: (e) => feedback.error(e),
  });
  return (
    <Modal open width={640} title={t('logistics.return.title')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" initialValues={{ lines: s.lines.map(() => ({ reason: 'unused' })) }} onFinish={(v) => save.mutate(v)}>
        {s.lines.map((l, i) => (
          <Space key={l.id} wrap align="baseline">
            <span style={{ minWidth: 180, display: 'inline-block' }}>{l.itemName} ({(l.received ?? 0) - l.returned})</span>
            <Form.Item name={['lines', i, 'quantity']}><InputNumber min={1} max={Math.max(1, (l.received ?? 0) - l.returned)} precision={0} /></Form.Item>
            <Form.Item name={['lines', i, 'reason']}><Select style={{ width: 130 }} options={enumOptions(t, 'returnReason', RETURN_REASONS)} /></Form.Item>
          </Space>
        ))}
        <Form.Item name="note" label={t('logistics.note')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

export function shipmentPoints(s: ShipmentSummary): MapPoint[] {
  const points: MapPoint[] = [
    { id: `${s.id}:from`, lon: s.from.lng, lat: s.from.lat, label: s.from.name, color: '#1677ff' },
    { id: `${s.id}:to`, lon: s.to.lng, lat: s.to.lat, label: s.to.name, color: '#52c41a' },
  ];
  if (s.position) points.push({ id: s.id, lon: s.position.lng, lat: s.position.lat, label: `S${s.shipmentNo} ${s.vehicle?.plateNo ?? ''}`, color: '#fa541c', highlight: true });
  return points;
}

function ShipmentDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const shipment = useQuery({ queryKey: logisticsKeys.shipment(id), queryFn: ({ signal }) => logisticsApi.shipment(id, signal), refetchInterval: 30_000 });
  const vehicles = useQuery({ queryKey: logisticsKeys.vehicles, queryFn: ({ signal }) => logisticsApi.vehicles(signal), enabled: !!shipment.data?.actions.some((a) => a === 'load' || a === 'depart') });
  const drivers = useQuery({ queryKey: logisticsKeys.drivers, queryFn: ({ signal }) => logisticsApi.drivers(signal), enabled: !!shipment.data?.actions.some((a) => a === 'load' || a === 'depart') });
  const [modal, setModal] = useState<'receive' | 'return' | null>(null);
  const step = useMutation({
    mutationFn: ({ action, extra }: { action: ShipmentAction; extra?: Record<string, unknown> }) => logisticsApi.step(shipment.data!, action, extra),
    onSuccess: async (next) => { client.setQueryData(logisticsKeys.shipment(id), next); await client.invalidateQueries({ queryKey: logisticsKeys.all }); },
    onError: (e) => feedback.error(e),
  });
  const s = shipment.data;
  const act = (a: ShipmentDetail['actions'][number]) => {
    if (a === 'receive' || a === 'return') return setModal(a);
    if (a === 'track') {
      let lng = s!.position?.lng ?? s!.from.lng;
      let lat = s!.position?.lat ?? s!.from.lat;
      Modal.confirm({
        title: t('logistics.action.track'),
        content: <Space><InputNumber defaultValue={lng} step={0.001} onChange={(v) => { lng = Number(v); }} /><InputNumber defaultValue={lat} step={0.001} onChange={(v) => { lat = Number(v); }} /></Space>,
        onOk: async () => { const next = await logisticsApi.track(s!.id, { lng, lat }); client.setQueryData(logisticsKeys.shipment(id), next); },
      });
      return;
    }
    if (a === 'cancel') {
      let reason = '';
      Modal.confirm({ title: t('logistics.cancel.reason'), content: <Input.TextArea maxLength={500} onChange={(e) => { reason = e.target.value; }} />, onOk: () => step.mutateAsync({ action: 'cancel', extra: { reason: reason.trim() || t('logistics.action.cancel') } }) });
      return;
    }
    if (a === 'load' || a === 'depart') {
      let vehicleId = s!.vehicle?.id;
      let driverId = s!.driver?.id;
      Modal.confirm({
        title: t(`logistics.action.${a}`),
        content: (
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select style={{ width: '100%' }} defaultValue={vehicleId} placeholder={t('logistics.vehicle')} onChange={(v: string) => { vehicleId = v; }} data-testid="logistics-pick-vehicle"
              options={(vehicles.data ?? []).filter((v) => v.status === 'available' || v.id === vehicleId).map((v) => ({ value: v.id, label: `${v.plateNo} · ${enumLabel(t, 'vehicleKind', v.kind)}` }))} />
            <Select style={{ width: '100%' }} defaultValue={driverId} placeholder={t('logistics.driver')} onChange={(v: string) => { driverId = v; }} data-testid="logistics-pick-driver"
              options={(drivers.data ?? []).filter((d) => d.status === 'active').map((d) => ({ value: d.id, label: `${d.name} ${d.phoneMasked}` }))} />
          </Space>
        ),
        onOk: () => step.mutateAsync({ action: a, extra: { vehicleId, driverId } }),
      });
      return;
    }
    step.mutate({ action: a });
  };
  return (
    <Drawer open width={Math.min(820, window.innerWidth)} onClose={onClose} title={s ? `S${s.shipmentNo} · ${s.from.name} → ${s.to.name}` : ''}>
      {s && (
        <div data-testid="logistics-shipment">
          <Space wrap style={{ marginBottom: 12 }}>
            {s.actions.map((a) => (
              <Button key={a} type={a === 'depart' || a === 'receive' || a === 'arrive' ? 'primary' : 'default'} danger={a === 'cancel'} loading={step.isPending} onClick={() => act(a)} data-testid={`logistics-action-${a}`}>{t(`logistics.action.${a}`)}</Button>
            ))}
          </Space>
          <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
            <Descriptions.Item label={t('logistics.status')}><span data-testid="logistics-status"><ShipmentStatus status={s.status} /></span></Descriptions.Item>
            <Descriptions.Item label={t('logistics.kind')}>{enumLabel(t, 'shipmentKind', s.kind)}{s.requestNo ? ` · R${s.requestNo}` : ''}</Descriptions.Item>
            <Descriptions.Item label={t('logistics.vehicle')}>{s.vehicle?.plateNo ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('logistics.driver')}>{s.driver ? `${s.driver.name} ${s.driver.phoneMasked}` : '—'}</Descriptions.Item>
            <Descriptions.Item label={t('logistics.position')} span={2}>{s.position ? `${s.position.lng.toFixed(4)}, ${s.position.lat.toFixed(4)} · ${formatDateTime(s.position.at, locale)}` : '—'}</Descriptions.Item>
            {s.note && <Descriptions.Item label={t('logistics.note')} span={2}>{s.note}</Descriptions.Item>}
          </Descriptions>
          <Suspense fallback={null}>
            <div style={{ marginTop: 12 }}><PointsMap points={shipmentPoints(s)} links={[{ from: { lon: s.from.lng, lat: s.from.lat }, to: { lon: s.to.lng, lat: s.to.lat } }]} onOpen={() => undefined} testId="logistics-map" height={260} /></div>
          </Suspense>
          <Table
            style={{ marginTop: 12 }} rowKey="id" size="small" pagination={false} dataSource={s.lines} scroll={{ x: true }} data-testid="logistics-lines"
            columns={[
              { key: 'item', title: t('logistics.item'), render: (_: unknown, l) => `${l.itemCode} ${l.itemName}` },
              { key: 'quantity', title: t('logistics.shipped'), render: (_: unknown, l) => `${l.quantity} ${l.unit ?? ''}` },
              { key: 'lots', title: t('logistics.lots'), responsive: ['md'], render: (_: unknown, l) => l.lots.map((x) => `${x.lotNo}×${x.quantity}`).join('；') || '—' },
              { key: 'received', title: t('logistics.received'), render: (_: unknown, l) => l.received ?? '—' },
              { key: 'gaps', title: t('logistics.discrepancies'), render: (_: unknown, l) => (l.discrepancies.length ? l.discrepancies.map((d, i) => <Tag key={i} color="red">{enumLabel(t, 'discrepancyKind', d.kind)} {d.quantity}{d.note ? ` ${d.note}` : ''}</Tag>) : (l.received === null ? '—' : t('logistics.noDiscrepancy'))) },
              { key: 'returned', title: t('logistics.returned'), responsive: ['md'], render: (_: unknown, l) => l.returned || '—' },
            ]}
          />
          {s.returns.length > 0 && (
            <Typography.Paragraph style={{ marginTop: 8 }}>{t('logistics.returns')}：{s.returns.map((r) => <Button key={r.id} type="link" onClick={() => navigate(`/logistics?id=${r.id}`)}>S{r.shipmentNo} <ShipmentStatus status={r.status} /></Button>)}</Typography.Paragraph>
          )}
          {s.track.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 12 }}>{t('logistics.track')}</Typography.Title>
              <Timeline items={[...s.track].reverse().slice(0, 20).map((p) => ({ children: `${formatDateTime(p.at, locale)} ${p.lng.toFixed(4)}, ${p.lat.toFixed(4)}${p.note ? ` ${p.note}` : ''}` }))} />
            </>
          )}
          <Typography.Title level={5}>{t('logistics.timeline')}</Typography.Title>
          <Timeline items={s.timeline.map((e) => ({ children: `${formatDateTime(e.at, locale)} ${t(`logistics.action.${e.action as ShipmentAction | 'create' | 'track'}`)} ${e.actorName ?? ''}${e.note ? `：${e.note}` : ''}` }))} />
          {modal === 'receive' && <ReceiptModal s={s} onClose={() => setModal(null)} />}
          {modal === 'return' && <ReturnModal s={s} onClose={() => setModal(null)} />}
        </div>
      )}
    </Drawer>
  );
}

type NewForm = { kind: 'request' | 'transfer'; requestId?: string; fromWarehouseId: string; toWarehouseId?: string; lines?: { itemCode: string; quantity: number }[]; note?: string };

function NewShipment({ onClose }: { onClose: (id?: string) => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<NewForm>();
  const kind = Form.useWatch('kind', form) ?? 'request';
  const warehouses = useQuery({ queryKey: suppliesKeys.warehouses, queryFn: ({ signal }) => suppliesApi.warehouses(signal) });
  const requests = useQuery({ queryKey: suppliesKeys.requests({ status: 'allocated', page: 1, pageSize: 100 }), queryFn: ({ signal }) => suppliesApi.requests({ status: 'allocated', page: 1, pageSize: 100 }, signal) });
  const items = useQuery({ queryKey: suppliesKeys.items, queryFn: ({ signal }) => suppliesApi.items(signal), staleTime: 600_000 });
  const create = useMutation({
    mutationFn: (v: NewForm) => logisticsApi.create(v.kind === 'request'
      ? { kind: 'request', requestId: v.requestId!, fromWarehouseId: v.fromWarehouseId, note: v.note?.trim() || undefined }
      : { kind: 'transfer', fromWarehouseId: v.fromWarehouseId, toWarehouseId: v.toWarehouseId!, lines: v.lines ?? [], note: v.note?.trim() || undefined }),
    onSuccess: async (s) => { feedback.success(t('logistics.saved')); await client.invalidateQueries({ queryKey: logisticsKeys.all }); onClose(s.id); },
    onError: (e) => feedback.error(e),
  });
  const whOptions = (warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.name}（${w.regionName}）` }));
  return (
    <Modal open width={680} title={t('logistics.new')} onCancel={() => onClose()} onOk={() => form.submit()} confirmLoading={create.isPending} okButtonProps={{ 'data-testid': 'logistics-new-ok' } as never}>
      <Form form={form} layout="vertical" initialValues={{ kind: 'request', lines: [{}] }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="kind"><Radio.Group options={[{ value: 'request', label: t('logistics.new.request') }, { value: 'transfer', label: t('logistics.new.transfer') }]} /></Form.Item>
        {kind === 'request' && (
          <Form.Item name="requestId" label={t('logistics.new.requestId')} rules={[{ required: true }]}>
            <Select data-testid="logistics-new-request" options={(requests.data?.items ?? []).map((r) => ({ value: r.id, label: `R${r.requestNo} ${r.siteName}` }))} />
          </Form.Item>
        )}
        <Form.Item name="fromWarehouseId" label={t('logistics.new.fromWarehouse')} rules={[{ required: true }]}><Select data-testid="logistics-new-from" options={whOptions} /></Form.Item>
        {kind === 'transfer' && (
          <>
            <Form.Item name="toWarehouseId" label={t('logistics.new.toWarehouse')} rules={[{ required: true }]}><Select options={whOptions} /></Form.Item>
            <Form.List name="lines">
              {(fields, { add, remove }) => (
                <>
                  {fields.map((f) => (
                    <Space key={f.key} align="baseline" wrap>
                      <Form.Item name={[f.name, 'itemCode']} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" style={{ width: 260 }} options={(items.data ?? []).filter((i) => i.level === 4).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }))} /></Form.Item>
                      <Form.Item name={[f.name, 'quantity']} rules={[{ required: true }]}><InputNumber min={1} precision={0} placeholder={t('logistics.new.quantity')} /></Form.Item>
                      {fields.length > 1 && <Button onClick={() => remove(f.name)}>×</Button>}
                    </Space>
                  ))}
                  <Button onClick={() => add({})}>{t('logistics.new.addLine')}</Button>
                </>
              )}
            </Form.List>
          </>
        )}
        <Form.Item name="note" label={t('logistics.note')}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}

function ShipmentsPanel() {
  const { t, locale } = useI18n();
  const me = useMe();
  const location = useLocation();
  const [status, setStatus] = useState<string | undefined>();
  const [open, setOpen] = useState<'true' | undefined>('true');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const params = { status, open, page, pageSize: 50 };
  const list = useQuery({ queryKey: logisticsKeys.shipments(params), queryFn: ({ signal }) => logisticsApi.shipments(params, signal), refetchInterval: 30_000 });
  const openId = location.query.get('id');
  const moving = (list.data?.items ?? []).filter((s) => s.position && ['departed', 'in_transit', 'arrived'].includes(s.status));
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group value={open ?? 'all'} onChange={(e) => { setOpen(e.target.value === 'true' ? 'true' : undefined); setPage(1); }} options={[{ value: 'true', label: t('logistics.open') }, { value: 'all', label: t('logistics.all') }]} optionType="button" />
        <Select allowClear style={{ width: 140 }} placeholder={t('logistics.status')} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={enumOptions(t, 'shipmentStatus', SHIPMENT_STATUSES)} />
        {holds('logistics:dispatch', me.permissions) && <Button type="primary" onClick={() => setCreating(true)} data-testid="logistics-new">{t('logistics.new')}</Button>}
      </Space>
      {moving.length > 0 && (
        <Suspense fallback={null}>
          <div style={{ marginBottom: 12 }}><PointsMap points={moving.flatMap(shipmentPoints)} onOpen={(id) => navigate(`/logistics?id=${id.split(':')[0]}`)} testId="logistics-list-map" height={260} /></div>
        </Suspense>
      )}
      <Table<ShipmentSummary>
        rowKey="id" size="small" loading={list.isLoading} dataSource={list.data?.items ?? []} data-testid="logistics-shipments" onRow={(s) => ({ onClick: () => navigate(`/logistics?id=${s.id}`) })} scroll={{ x: true }}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { key: 'no', title: '#', dataIndex: 'shipmentNo', render: (n: number) => `S${n}` },
          { key: 'kind', title: t('logistics.kind'), dataIndex: 'kind', responsive: ['md'], render: (k: string) => enumLabel(t, 'shipmentKind', k) },
          { key: 'route', title: `${t('logistics.from')} → ${t('logistics.to')}`, render: (_: unknown, s) => `${s.from.name} → ${s.to.name}` },
          { key: 'vehicle', title: t('logistics.vehicle'), responsive: ['lg'], render: (_: unknown, s) => s.vehicle?.plateNo ?? '—' },
          { key: 'status', title: t('logistics.status'), dataIndex: 'status', render: (st: string, s) => <Space size={4}><ShipmentStatus status={st} />{s.discrepancies > 0 && <Tag color="red">{t('logistics.discrepancies')} {s.discrepancies}</Tag>}</Space> },
          { key: 'at', title: t('logistics.position'), responsive: ['lg'], render: (_: unknown, s) => (s.position ? formatDateTime(s.position.at, locale) : '—') },
        ]}
      />
      {creating && <NewShipment onClose={(id) => { setCreating(false); if (id) navigate(`/logistics?id=${id}`); }} />}
      {openId && <ShipmentDrawer id={openId} onClose={() => navigate('/logistics')} />}
    </>
  );
}

function VehiclesPanel() {
  const { t } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: logisticsKeys.vehicles, queryFn: ({ signal }) => logisticsApi.vehicles(signal) });
  const warehouses = useQuery({ queryKey: suppliesKeys.warehouses, queryFn: ({ signal }) => suppliesApi.warehouses(signal), enabled: adding });
  const save = useMutation({
    mutationFn: logisticsApi.createVehicle,
    onSuccess: async () => { feedback.success(t('logistics.saved')); setAdding(false); await client.invalidateQueries({ queryKey: logisticsKeys.vehicles }); },
    onError: (e) => feedback.error(e),
  });
  return (
    <>
      {holds('logistics:dispatch', me.permissions) && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => { form.resetFields(); setAdding(true); }}>{t('logistics.vehicle.add')}</Button>}
      <Table rowKey="id" size="small" loading={list.isLoading} dataSource={list.data ?? []} pagination={false} scroll={{ x: true }} data-testid="logistics-vehicles"
        columns={[
          { key: 'plate', title: t('logistics.vehicle.plateNo'), dataIndex: 'plateNo' },
          { key: 'kind', title: t('logistics.kind'), dataIndex: 'kind', render: (k: string) => enumLabel(t, 'vehicleKind', k) },
          { key: 'cap', title: t('logistics.vehicle.capacityKg'), dataIndex: 'capacityKg' },
          { key: 'wh', title: t('logistics.vehicle.warehouse'), dataIndex: 'warehouseName', responsive: ['md'], render: (v: string | null) => v ?? '—' },
          { key: 'region', title: t('logistics.region'), dataIndex: 'regionName', responsive: ['lg'] },
          { key: 'status', title: t('logistics.status'), dataIndex: 'status', render: (s: string) => enumLabel(t, 'vehicleStatus', s) },
        ]}
      />
      {adding && (
        <Modal open title={t('logistics.vehicle.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={save.isPending}>
          <Form form={form} layout="vertical" initialValues={{ regionCode: me.scope.regionCode, kind: 'truck', capacityKg: 5000 }} onFinish={(v) => save.mutate(v)}>
            <Form.Item name="plateNo" label={t('logistics.vehicle.plateNo')} rules={[{ required: true, whitespace: true }]}><Input maxLength={9} placeholder="湘J12345" /></Form.Item>
            <Form.Item name="kind" label={t('logistics.kind')} rules={[{ required: true }]}><Select options={enumOptions(t, 'vehicleKind', VEHICLE_KINDS)} /></Form.Item>
            <Form.Item name="capacityKg" label={t('logistics.vehicle.capacityKg')} rules={[{ required: true }]}><InputNumber min={0} precision={0} /></Form.Item>
            <Form.Item name="regionCode" label={t('logistics.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
            <Form.Item name="warehouseId" label={t('logistics.vehicle.warehouse')}><Select allowClear options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))} /></Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

function DriversPanel() {
  const { t } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm();
  const list = useQuery({ queryKey: logisticsKeys.drivers, queryFn: ({ signal }) => logisticsApi.drivers(signal) });
  const save = useMutation({
    mutationFn: (v: { name: string; phone: string; licenceClass: 'B2'; regionCode: string; userId?: string }) => logisticsApi.createDriver({ ...v, userId: v.userId?.trim() || undefined }),
    onSuccess: async () => { feedback.success(t('logistics.saved')); setAdding(false); await client.invalidateQueries({ queryKey: logisticsKeys.drivers }); },
    onError: (e) => feedback.error(e),
  });
  return (
    <>
      {holds('logistics:dispatch', me.permissions) && <Button type="primary" style={{ marginBottom: 12 }} onClick={() => { form.resetFields(); setAdding(true); }}>{t('logistics.driver.add')}</Button>}
      <Table rowKey="id" size="small" loading={list.isLoading} dataSource={list.data ?? []} pagination={false} scroll={{ x: true }} data-testid="logistics-drivers"
        columns={[
          { key: 'name', title: t('logistics.driver.name'), dataIndex: 'name' },
          { key: 'phone', title: t('logistics.driver.phone'), dataIndex: 'phoneMasked' },
          { key: 'licence', title: t('logistics.driver.licence'), dataIndex: 'licenceClass', render: (c: string) => enumLabel(t, 'licenceClass', c) },
          { key: 'account', title: t('logistics.driver.account'), dataIndex: 'userName', responsive: ['md'], render: (v: string | null) => v ?? '—' },
          { key: 'region', title: t('logistics.region'), dataIndex: 'regionName', responsive: ['lg'] },
          { key: 'status', title: t('logistics.status'), dataIndex: 'status', render: (s: string) => enumLabel(t, 'driverStatus', s) },
        ]}
      />
      {adding && (
        <Modal open title={t('logistics.driver.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={save.isPending}>
          <Form form={form} layout="vertical" initialValues={{ regionCode: me.scope.regionCode, licenceClass: 'B2' }} onFinish={(v) => save.mutate(v)}>
            <Form.Item name="name" label={t('logistics.driver.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="phone" label={t('logistics.driver.phone')} rules={[{ required: true }]}><Input maxLength={20} /></Form.Item>
            <Form.Item name="licenceClass" label={t('logistics.driver.licence')} rules={[{ required: true }]}><Select options={enumOptions(t, 'licenceClass', LICENCE_CLASSES)} /></Form.Item>
            <Form.Item name="regionCode" label={t('logistics.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
            <Form.Item name="userId" label={t('logistics.driver.accountId')}><Input maxLength={36} /></Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

const TABS: readonly { key: 'shipments' | 'vehicles' | 'drivers'; render: () => ReactNode }[] = [
  { key: 'shipments', render: () => <ShipmentsPanel /> },
  { key: 'vehicles', render: () => <VehiclesPanel /> },
  { key: 'drivers', render: () => <DriversPanel /> },
];

export default function ShipmentsPage() {
  const { t } = useI18n();
  const location = useLocation();
  const active = TABS.find((tab) => tab.key === location.query.get('tab')) ?? TABS[0]!;
  return (
    <>
      <Tabs activeKey={active.key} onChange={(key) => navigate(`${location.path}?tab=${key}`)} items={TABS.map((tab) => ({ key: tab.key, label: <span data-testid={`logistics-tab-${tab.key}`}>{t(`logistics.tab.${tab.key}`)}</span> }))} />
      <div key={active.key}>{active.render()}</div>
    </>
  );
}

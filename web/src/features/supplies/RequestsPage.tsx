/** 物资申领: requests in scope (most urgent first), a new request with lines, and one request's steps (submit, approve, reject, allocate, fulfil, cancel). */
import { Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Timeline } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { REQUEST_STATUSES, type RequestCreateRequest, type SupplyRequestAction, type SupplyRequestDetail, type SupplyRequestSummary } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useLocation } from '../../app/router';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel, enumOptions } from '../../shared/labels';
import { holds } from '../../shared/permissions';
import { suppliesApi, suppliesKeys } from './supplies-api';
import { AllocationPlanModal } from './AllocationPlanModal';

const PRIORITY_COLORS = ['default', 'blue', 'orange', 'red'] as const;

function Priority({ p }: { p: number }) {
  const { t } = useI18n();
  return <Tag color={PRIORITY_COLORS[p - 1]}>{t(`supplies.priority.${p as 1 | 2 | 3 | 4}`)}</Tag>;
}

function NewRequest({ onClose }: { onClose: (id?: string) => void }) {
  const { t } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const items = useQuery({ queryKey: suppliesKeys.items, queryFn: ({ signal }) => suppliesApi.items(signal), staleTime: 600_000 });
  const [form] = Form.useForm();
  const regionCode = Form.useWatch('regionCode', form) as string | undefined;
  const events = useQuery({
    queryKey: suppliesKeys.requestEvents(regionCode ?? ''), queryFn: ({ signal }) => suppliesApi.requestEvents(regionCode!, signal),
    enabled: /^\d{12}$/.test(regionCode ?? ''), meta: { silent: true },
  });
  const create = useMutation({
    mutationFn: (v: Omit<RequestCreateRequest, 'neededBy'> & { neededBy: { toDate(): Date } }) => suppliesApi.createRequest({ ...v, neededBy: v.neededBy.toDate().toISOString() }),
    onSuccess: async (r) => { feedback.success(t('supplies.saved')); await client.invalidateQueries({ queryKey: suppliesKeys.all }); onClose(r.id); },
    onError: (e) => feedback.error(e),
  });
  const options = (items.data ?? []).filter((i) => i.level === 4).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
  return (
    <Modal open width={720} title={t('supplies.request.new')} onCancel={() => onClose()} onOk={() => form.submit()} confirmLoading={create.isPending}>
      <Form form={form} layout="vertical" initialValues={{ regionCode: me.scope.regionCode, priority: 2, lines: [{}] }} onFinish={(v) => create.mutate(v)}>
        <Form.Item name="siteName" label={t('supplies.request.site')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
        <Form.Item name="regionCode" label={t('supplies.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
        <Form.Item name="address" label={t('supplies.address')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
        <Space>
          <Form.Item name="lng" label={t('supplies.lng')} rules={[{ required: true }]}><InputNumber min={73} max={136} step={0.0001} /></Form.Item>
          <Form.Item name="lat" label={t('supplies.lat')} rules={[{ required: true }]}><InputNumber min={3} max={54} step={0.0001} /></Form.Item>
          <Form.Item name="priority" label={t('supplies.request.priority')} rules={[{ required: true }]}><Select style={{ width: 120 }} options={[1, 2, 3, 4].map((p) => ({ value: p, label: t(`supplies.priority.${p as 1 | 2 | 3 | 4}`) }))} /></Form.Item>
          <Form.Item name="neededBy" label={t('supplies.request.neededBy')} rules={[{ required: true }]}><DatePicker showTime /></Form.Item>
        </Space>
        {(events.data ?? []).length > 0 && (
          <Form.Item name="eventId" label={t('supplies.request.event')}>
            <Select allowClear data-testid="supply-request-event" options={(events.data ?? []).map((e) => ({ value: e.id, label: e.label }))} />
          </Form.Item>
        )}
        <Form.Item name="purpose" label={t('supplies.request.purpose')} rules={[{ required: true, whitespace: true }]}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Space key={f.key} align="baseline">
                  <Form.Item name={[f.name, 'itemCode']} rules={[{ required: true }]}><Select showSearch optionFilterProp="label" style={{ width: 280 }} options={options} placeholder={t('supplies.item')} /></Form.Item>
                  <Form.Item name={[f.name, 'quantity']} rules={[{ required: true }]}><InputNumber min={1} precision={0} placeholder={t('supplies.quantity')} /></Form.Item>
                  {fields.length > 1 && <Button onClick={() => remove(f.name)}>×</Button>}
                </Space>
              ))}
              <Button onClick={() => add({})}>{t('supplies.request.addLine')}</Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}

function AllocateModal({ r, onClose }: { r: SupplyRequestDetail; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const warehouses = useQuery({ queryKey: suppliesKeys.warehouses, queryFn: ({ signal }) => suppliesApi.warehouses(signal) });
  const [form] = Form.useForm<{ lines: { warehouseId?: string; quantity?: number }[] }>();
  const save = useMutation({
    mutationFn: (v: { lines: { warehouseId?: string; quantity?: number }[] }) =>
      suppliesApi.step(r, 'allocate', { allocations: r.lines.flatMap((l, i) => (v.lines[i]?.warehouseId && v.lines[i]?.quantity ? [{ lineId: l.id, warehouseId: v.lines[i]!.warehouseId!, quantity: v.lines[i]!.quantity! }] : [])) }),
    onSuccess: async (next) => { client.setQueryData(suppliesKeys.request(r.id), next); await client.invalidateQueries({ queryKey: suppliesKeys.all }); onClose(); },
    onError: (e) => feedback.error(e),
  });
  return (
    <Modal open width={720} title={t('supplies.request.allocate')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" initialValues={{ lines: r.lines.map((l) => ({ quantity: l.quantity })) }} onFinish={(v) => save.mutate(v)}>
        {r.lines.map((l, i) => (
          <Space key={l.id} align="baseline">
            <span style={{ width: 200, display: 'inline-block' }}>{l.itemName} × {l.quantity}</span>
            <Form.Item name={['lines', i, 'warehouseId']}><Select style={{ width: 220 }} placeholder={t('supplies.warehouse')} options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))} /></Form.Item>
            <Form.Item name={['lines', i, 'quantity']}><InputNumber min={1} max={l.quantity} precision={0} /></Form.Item>
          </Space>
        ))}
      </Form>
    </Modal>
  );
}

function RequestDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const request = useQuery({ queryKey: suppliesKeys.request(id), queryFn: ({ signal }) => suppliesApi.request(id, signal) });
  const [allocating, setAllocating] = useState(false);
  const step = useMutation({
    mutationFn: ({ action, extra }: { action: SupplyRequestAction; extra?: Record<string, unknown> }) => suppliesApi.step(request.data!, action, extra),
    onSuccess: async (next) => { client.setQueryData(suppliesKeys.request(id), next); await client.invalidateQueries({ queryKey: suppliesKeys.all }); },
    onError: (e) => feedback.error(e),
  });
  const r = request.data;
  const act = (action: SupplyRequestAction) => {
    if (action === 'allocate') return setAllocating(true);
    if (action === 'reject' || action === 'cancel') {
      let reason = '';
      Modal.confirm({ title: t(`supplies.request.action.${action}`), content: <Input.TextArea maxLength={500} onChange={(e) => { reason = e.target.value; }} />, onOk: () => step.mutateAsync({ action, extra: { reason: reason.trim() || t(`supplies.request.action.${action}`) } }) });
      return;
    }
    step.mutate({ action });
  };
  return (
    <Drawer open width={720} onClose={onClose} title={r ? `R${r.requestNo} · ${r.siteName}` : ''}>
      {r && (
        <>
          <Space wrap style={{ marginBottom: 12 }}>
            {r.actions.map((a) => <Button key={a} type={a === 'approve' || a === 'fulfil' || a === 'submit' ? 'primary' : 'default'} danger={a === 'reject' || a === 'cancel'} loading={step.isPending} onClick={() => act(a)} data-testid={`supplies-request-${a}`}>{t(`supplies.request.action.${a}`)}</Button>)}
          </Space>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('supplies.status')}>{enumLabel(t, 'supplyRequestStatus', r.status)}</Descriptions.Item>
            <Descriptions.Item label={t('supplies.request.priority')}><Priority p={r.priority} /></Descriptions.Item>
            <Descriptions.Item label={t('supplies.request.neededBy')}>{new Date(r.neededBy).toLocaleString()}</Descriptions.Item>
            <Descriptions.Item label={t('supplies.region')}>{r.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('supplies.address')} span={2}>{r.address}</Descriptions.Item>
            <Descriptions.Item label={t('supplies.request.purpose')} span={2}>{r.purpose}</Descriptions.Item>
          </Descriptions>
          <Table
            style={{ marginTop: 12 }} rowKey="id" size="small" pagination={false} dataSource={r.lines}
            columns={[
              { key: 'item', title: t('supplies.item'), render: (_: unknown, l) => `${l.itemCode} ${l.itemName}` },
              { key: 'quantity', title: t('supplies.quantity'), render: (_: unknown, l) => `${l.quantity} ${l.unit ?? ''}` },
              { key: 'allocated', title: t('supplies.request.allocated'), render: (_: unknown, l) => l.allocations.map((a) => `${a.warehouseName} ${a.quantity}`).join('；') || '—' },
              { key: 'issued', title: t('supplies.request.issued'), dataIndex: 'issued' },
            ]}
          />
          <Timeline style={{ marginTop: 16 }} items={r.timeline.map((e) => ({ children: `${new Date(e.at).toLocaleString()} ${t(`supplies.request.action.${e.action as SupplyRequestAction | 'create'}`)} ${e.actorName ?? ''}${e.note ? `：${e.note}` : ''}` }))} />
          {allocating && <AllocateModal r={r} onClose={() => setAllocating(false)} />}
        </>
      )}
    </Drawer>
  );
}

export default function RequestsPage() {
  const { t } = useI18n();
  const me = useMe();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [openId, setOpenId] = useState<string | null>(useLocation().query.get('id'));
  const [creating, setCreating] = useState(false);
  const [planning, setPlanning] = useState(false);
  const params = { status, page, pageSize: 50 };
  const list = useQuery({ queryKey: suppliesKeys.requests(params), queryFn: ({ signal }) => suppliesApi.requests(params, signal) });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 160 }} placeholder={t('supplies.status')} value={status} onChange={(v) => { setStatus(v); setPage(1); }} options={enumOptions(t, 'supplyRequestStatus', REQUEST_STATUSES)} />
        {holds('supplies:request', me.permissions) && <Button type="primary" onClick={() => setCreating(true)} data-testid="supplies-request-new">{t('supplies.request.new')}</Button>}
        {holds('supplies:approve', me.permissions) && <Button onClick={() => setPlanning(true)} data-testid="supplies-plan-open">{t('supplies.plan.open')}</Button>}
      </Space>
      <Table<SupplyRequestSummary>
        rowKey="id" size="small" loading={list.isLoading} dataSource={list.data?.items ?? []} data-testid="supplies-requests" onRow={(r) => ({ onClick: () => setOpenId(r.id) })}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { key: 'no', title: '#', dataIndex: 'requestNo', render: (n: number) => `R${n}` },
          { key: 'site', title: t('supplies.request.site'), dataIndex: 'siteName' },
          { key: 'region', title: t('supplies.region'), dataIndex: 'regionName', responsive: ['md'] },
          { key: 'priority', title: t('supplies.request.priority'), dataIndex: 'priority', render: (p: number) => <Priority p={p} /> },
          { key: 'neededBy', title: t('supplies.request.neededBy'), dataIndex: 'neededBy', render: (v: string) => new Date(v).toLocaleString() },
          { key: 'lines', title: t('supplies.request.lines'), dataIndex: 'lineCount', responsive: ['lg'] },
          { key: 'status', title: t('supplies.status'), dataIndex: 'status', render: (s: string) => enumLabel(t, 'supplyRequestStatus', s) },
        ]}
      />
      {creating && <NewRequest onClose={(id) => { setCreating(false); if (id) setOpenId(id); }} />}
      {planning && <AllocationPlanModal onClose={() => setPlanning(false)} />}
      {openId && <RequestDrawer id={openId} onClose={() => setOpenId(null)} />}
    </>
  );
}

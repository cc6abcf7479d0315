/**
 * 设备管理: the devices of the scope as a list (kind, status, text) and on a map coloured by
 * state, with the register form (a camera's field of view, a gate's compound), disable, the MQTT
 * secret (shown once in its own dialog) and the xlsx import through the imports kit; and the
 * 视频覆盖 tab: the cameras' coverage of the roads and the blind spots per grid.
 */
import { Alert, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import { COMPOUND_TYPES, DEVICE_KINDS, DEVICE_PROTOCOLS, DEVICE_STATUSES, type Device, type DeviceKind, type DeviceRequest, type DeviceSecret, type DeviceStatus, type ImportJob } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { api } from '../../api/client';
import { saveFile } from '../../api/transfers';
import { GridSelect } from '../../shared/fields/GridSelect';
import { RecordSelect } from '../../shared/fields/RecordSelect';
import { useI18n } from '../../i18n/i18n';
import { showFieldProblems } from '../../shared/errors/field-errors';
import { enumLabel } from '../../shared/labels';
import { holds } from '../../shared/permissions';
import type { MapPoint } from '../../shared/map/PointsMap';
import { deviceKeys, devicesApi } from './devices-api';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));
const CoverageView = lazy(() => import('./CoverageView'));
const DeviceActivity = lazy(() => import('../sensing/DeviceActivity'));

/** The map's and the tags' colour of each state. */
export const STATUS_COLOR: Record<DeviceStatus, string> = { online: '#52c41a', offline: '#f5222d', unknown: '#8c8c8c', disabled: '#595959' };

type Values = Omit<DeviceRequest, 'parentId'>;

export default function DevicesPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const manages = holds('device:manage', me.permissions) && !me.scope.gridId;
  const [filters, setFilters] = useState<{ kind?: DeviceKind; status?: DeviceStatus; q?: string; page: number }>({ page: 1 });
  const [editing, setEditing] = useState<Device | 'new' | null>(null);
  const [secret, setSecret] = useState<DeviceSecret | null>(null);
  const [importing, setImporting] = useState(false);
  const [watching, setWatching] = useState<Device | null>(null);
  const [tab, setTab] = useState<'list' | 'coverage'>('list');
  const [form] = Form.useForm<Values>();
  const params = { kind: filters.kind, status: filters.status, q: filters.q || undefined, page: filters.page, pageSize: 20 };
  const list = useQuery({ queryKey: deviceKeys.list(params), queryFn: ({ signal }) => devicesApi.list(params, signal) });
  const departments = useQuery({ queryKey: ['devices', 'departments'], queryFn: ({ signal }) => api.get<{ items: { id: string; name: string }[] }>('/departments', undefined, signal), enabled: manages });
  const layer = useQuery({ queryKey: deviceKeys.layer, queryFn: ({ signal }) => devicesApi.layer(signal) });
  const points = useMemo<MapPoint[]>(
    () => (layer.data?.features ?? []).map((f) => ({
      id: f.properties.id, lon: f.geometry.coordinates[0], lat: f.geometry.coordinates[1], color: STATUS_COLOR[f.properties.status],
      label: `${f.properties.name}（${enumLabel(t, 'deviceStatus', f.properties.status)}）`, highlight: f.properties.status === 'offline',
    })),
    [layer.data, t],
  );
  const refresh = () => client.invalidateQueries({ queryKey: deviceKeys.all });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const input: DeviceRequest = {
        ...v, gridId: v.gridId ?? null, departmentId: v.departmentId ?? null, parentId: editing !== 'new' && editing ? editing.parentId : null,
        heading: v.heading ?? null, fovDeg: v.fovDeg ?? null, rangeM: v.rangeM ?? null, compoundType: v.compoundType ?? null, compoundId: v.compoundType ? (v.compoundId ?? null) : null,
      };
      return editing === 'new' || !editing ? devicesApi.create(input) : devicesApi.update(editing, input);
    },
    onSuccess: async () => { setEditing(null); await refresh(); },
    // A refused field (a malformed or taken code, a grid outside the region) is marked on the field itself.
    onError: (error) => {
      if (!showFieldProblems(form, error, t, locale)) feedback.error(error);
    },
  });
  const disable = useMutation({ mutationFn: devicesApi.disable, onSuccess: refresh, onError: (error) => feedback.error(error) });
  const issue = useMutation({ mutationFn: devicesApi.issueSecret, onSuccess: async (s) => { setSecret(s); await refresh(); }, onError: (error) => feedback.error(error) });

  const open = (d: Device | 'new') => {
    form.resetFields();
    form.setFieldsValue(d === 'new'
      ? { regionCode: me.scope.regionCode, protocol: 'mqtt', kind: 'camera' }
      : { code: d.code, name: d.name, kind: d.kind, protocol: d.protocol, regionCode: d.regionCode, gridId: d.gridId ?? undefined, departmentId: d.departmentId ?? undefined, lng: d.lng, lat: d.lat, address: d.address, vendor: d.vendor, model: d.model, silenceSeconds: d.silenceSeconds,
        heading: d.heading, fovDeg: d.fovDeg, rangeM: d.rangeM, compoundType: d.compoundType ?? undefined, compoundId: d.compoundId ?? undefined });
    setEditing(d);
  };
  const counts = layer.data?.counts;

  return (
    <div data-testid="devices-page">
      <Typography.Title level={4}>{t('menu.devices')}</Typography.Title>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as 'list' | 'coverage')}
        items={(['list', 'coverage'] as const).map((key) => ({ key, label: <span data-testid={`devices-tab-${key}`}>{t(`devices.tab.${key}`)}</span> }))}
      />
      {tab === 'coverage' ? (
        <Suspense fallback={null}>
          <CoverageView />
        </Suspense>
      ) : (
        <>
        <Space wrap style={{ marginBottom: 12 }}>
          <Select allowClear placeholder={t('devices.field.kind')} style={{ width: 160 }} value={filters.kind} onChange={(kind) => setFilters({ ...filters, kind, page: 1 })}
            options={DEVICE_KINDS.map((k) => ({ value: k, label: enumLabel(t, 'deviceKind', k) }))} data-testid="devices-kind" />
          <Select allowClear placeholder={t('devices.field.status')} style={{ width: 130 }} value={filters.status} onChange={(status) => setFilters({ ...filters, status, page: 1 })}
            options={DEVICE_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'deviceStatus', s) }))} data-testid="devices-status" />
          <Input.Search allowClear placeholder={t('devices.search')} style={{ width: 220 }} onSearch={(q) => setFilters({ ...filters, q, page: 1 })} data-testid="devices-search" />
          {manages && <Button type="primary" onClick={() => open('new')} data-testid="device-new">{t('devices.new')}</Button>}
          {manages && <Button onClick={() => setImporting(true)} data-testid="device-import">{t('devices.import')}</Button>}
        </Space>
        {counts && (
          <Space style={{ marginBottom: 8 }} data-testid="devices-counts">
            {DEVICE_STATUSES.map((s) => <Tag key={s} color={STATUS_COLOR[s]}>{enumLabel(t, 'deviceStatus', s)} {counts[s]}</Tag>)}
          </Space>
        )}
        <Card size="small" style={{ marginBottom: 12 }}>
          <Suspense fallback={null}>
            <PointsMap points={points} onOpen={() => undefined} testId="devices-map" height={360} />
          </Suspense>
        </Card>
        <Table<Device>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          data-testid="devices"
          pagination={{ current: filters.page, pageSize: 20, total: list.data?.total ?? 0, onChange: (page) => setFilters({ ...filters, page }) }}
          columns={[
            { key: 'name', title: t('devices.field.name'), dataIndex: 'name' },
            { key: 'code', title: t('devices.field.code'), dataIndex: 'code', responsive: ['md'] },
            { key: 'kind', title: t('devices.field.kind'), dataIndex: 'kind', render: (k: DeviceKind) => enumLabel(t, 'deviceKind', k) },
            { key: 'status', title: t('devices.field.status'), dataIndex: 'status', render: (s: DeviceStatus) => <Tag color={STATUS_COLOR[s]}>{enumLabel(t, 'deviceStatus', s)}</Tag> },
            { key: 'grid', title: t('devices.field.grid'), render: (_: unknown, d) => d.gridName ?? d.regionName, responsive: ['lg'] },
            { key: 'seen', title: t('devices.field.lastSeen'), dataIndex: 'lastSeenAt', render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—'), responsive: ['lg'] },
            {
              key: 'actions', title: '', render: (_: unknown, d: Device) => (
                <Space size="small">
                  <Button size="small" onClick={() => setWatching(d)} data-testid="device-activity-open">{t('activity.open')}</Button>
                  {manages && <Button size="small" onClick={() => open(d)} disabled={d.status === 'disabled'}>{t('devices.edit')}</Button>}
                  {manages && d.status !== 'disabled' && (
                    <Button size="small" onClick={() => issue.mutate(d)} data-testid="device-secret">{d.hasSecret ? t('devices.rotate') : t('devices.issue')}</Button>
                  )}
                  {manages && d.status !== 'disabled' && (
                    <Button size="small" danger onClick={() => Modal.confirm({ title: t('devices.disableConfirm', { name: d.name }), onOk: () => disable.mutateAsync(d) })}>{t('devices.disable')}</Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
        </>
      )}
      {editing && (
        <Modal open title={editing === 'new' ? t('devices.new') : t('devices.edit')} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending}>
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="device-form">
            <Form.Item name="code" label={t('devices.field.code')} extra={t('devices.codeHint')} rules={[{ required: true, whitespace: true }]}><Input maxLength={64} /></Form.Item>
            <Form.Item name="name" label={t('devices.field.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
            <Space wrap>
              <Form.Item name="kind" label={t('devices.field.kind')} rules={[{ required: true }]}>
                <Select style={{ width: 160 }} options={DEVICE_KINDS.map((k) => ({ value: k, label: enumLabel(t, 'deviceKind', k) }))} />
              </Form.Item>
              <Form.Item name="protocol" label={t('devices.field.protocol')} rules={[{ required: true }]}>
                <Select style={{ width: 140 }} options={DEVICE_PROTOCOLS.map((p) => ({ value: p, label: enumLabel(t, 'deviceProtocol', p) }))} />
              </Form.Item>
            </Space>
            <Form.Item name="regionCode" label={t('devices.field.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
            <Form.Item noStyle shouldUpdate={(a, b) => a.regionCode !== b.regionCode}>
              {() => (
                <Form.Item name="gridId" label={t('devices.field.grid')}>
                  <GridSelect allowClear region={/^\d{12}$/.test(form.getFieldValue('regionCode') ?? '') ? (form.getFieldValue('regionCode') as string) : undefined} />
                </Form.Item>
              )}
            </Form.Item>
            <Form.Item name="departmentId" label={t('devices.field.department')}>
              <Select allowClear showSearch optionFilterProp="label" options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="lng" label={t('devices.field.lng')}><InputNumber min={-180} max={180} step={0.0001} style={{ width: 160 }} /></Form.Item>
              <Form.Item name="lat" label={t('devices.field.lat')}><InputNumber min={-90} max={90} step={0.0001} style={{ width: 160 }} /></Form.Item>
            </Space>
            <Form.Item name="address" label={t('devices.field.address')}><Input maxLength={200} /></Form.Item>
            <Form.Item label={t('devices.field.view')} extra={t('devices.field.viewHint')} style={{ marginBottom: 0 }}>
              <Space wrap>
                <Form.Item name="heading" label={t('devices.field.heading')} noStyle><InputNumber min={0} max={360} step={5} placeholder={t('devices.field.heading')} style={{ width: 130 }} data-testid="device-heading" /></Form.Item>
                <Form.Item name="fovDeg" label={t('devices.field.fov')} noStyle><InputNumber min={1} max={360} step={5} placeholder={t('devices.field.fov')} style={{ width: 130 }} data-testid="device-fov" /></Form.Item>
                <Form.Item name="rangeM" label={t('devices.field.range')} noStyle><InputNumber min={1} max={500} step={10} placeholder={t('devices.field.range')} style={{ width: 130 }} data-testid="device-range" /></Form.Item>
              </Space>
            </Form.Item>
            <Space wrap align="start" style={{ marginTop: 16 }}>
              <Form.Item name="compoundType" label={t('devices.field.compoundType')}>
                <Select allowClear style={{ width: 140 }} options={COMPOUND_TYPES.map((c) => ({ value: c, label: t(`devices.compound.${c}`) }))} data-testid="device-compound-type" />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.compoundType !== b.compoundType}>
                {() => {
                  const type = form.getFieldValue('compoundType') as Values['compoundType'];
                  return type ? (
                    <Form.Item name="compoundId" label={t('devices.field.compound')} rules={[{ required: true }]}>
                      <RecordSelect kind={type} allowClear describe={(r) => r.name} valueLabel={editing !== 'new' && editing?.compoundId === form.getFieldValue('compoundId') ? editing?.compoundName : null} style={{ width: 240 }} data-testid="device-compound" />
                    </Form.Item>
                  ) : null;
                }}
              </Form.Item>
            </Space>
            <Space wrap>
              <Form.Item name="vendor" label={t('devices.field.vendor')}><Input maxLength={60} /></Form.Item>
              <Form.Item name="model" label={t('devices.field.model')}><Input maxLength={60} /></Form.Item>
              <Form.Item name="silenceSeconds" label={t('devices.field.silence')}><InputNumber min={30} max={2_592_000} style={{ width: 140 }} /></Form.Item>
            </Space>
          </Form>
        </Modal>
      )}
      {secret && (
        <Modal open title={t('devices.secretTitle')} onCancel={() => setSecret(null)} footer={<Button type="primary" onClick={() => setSecret(null)}>{t('devices.secretDone')}</Button>}>
          <Alert type="warning" showIcon message={t('devices.secretOnce')} style={{ marginBottom: 12 }} />
          <Typography.Paragraph>{t('devices.field.code')}：<Typography.Text code>{secret.code}</Typography.Text></Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: secret.secret }} data-testid="device-secret-value"><Typography.Text code>{secret.secret}</Typography.Text></Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('devices.secretHowTo')}</Typography.Paragraph>
        </Modal>
      )}
      {watching && <Suspense fallback={null}><DeviceActivity device={watching} onClose={() => setWatching(null)} /></Suspense>}
      {importing && <ImportDialog onClose={() => { setImporting(false); void refresh(); }} />}
    </div>
  );
}

/** Upload an xlsx of devices, start it with the suggested mapping, show what was stored and offer the error report. */
function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [job, setJob] = useState<ImportJob | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (file: File) => {
    setBusy(true);
    try {
      const uploaded = await devicesApi.upload(file);
      await devicesApi.start(uploaded);
      let current = await devicesApi.job(uploaded.id);
      for (let i = 0; i < 60 && (current.status === 'queued' || current.status === 'running'); i++) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        current = await devicesApi.job(uploaded.id);
      }
      setJob(current);
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('devices.import')} onCancel={onClose} footer={<Button onClick={onClose}>{t('devices.secretDone')}</Button>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Button onClick={() => devicesApi.template().then(saveFile, (e: unknown) => feedback.error(e))}>{t('devices.template')}</Button>
        <input type="file" accept=".xlsx,.csv" disabled={busy} data-testid="device-import-file" onChange={(e) => { const f = e.target.files?.[0]; if (f) void run(f); }} />
        {job && (
          <Alert type={job.failedRows ? 'warning' : 'success'} showIcon data-testid="device-import-result"
            message={t('devices.importResult', { created: job.createdRows, failed: job.failedRows })}
            action={job.hasErrorReport ? <Button size="small" onClick={() => devicesApi.errors(job.id).then(saveFile, (e: unknown) => feedback.error(e))}>{t('devices.errorReport')}</Button> : undefined} />
        )}
      </Space>
    </Modal>
  );
}

/**
 * 布控名单: the watch-list entries of the scope (kind, the value's last characters, label, the
 * region receiving the warnings, severity, state), with add and deactivate for county level or
 * above. The value is typed once in the add form, sent, and the form forgotten: afterwards only the
 * hint the server answers is shown. Nothing on the page looks a value up.
 */
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import { WARNING_SEVERITIES, WATCH_KINDS, type WarningSeverity, type WatchEntry, type WatchKind } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { showFieldProblems } from '../../shared/errors/field-errors';
import { RegionSelect } from '../../shared/fields/RegionSelect';
import { enumLabel } from '../../shared/labels';
import { holds } from '../../shared/permissions';
import { watchlistApi, watchlistKeys } from './watchlist-api';

const SEVERITY_COLOR: Record<WarningSeverity, string> = { high: 'red', medium: 'orange', low: 'blue' };

interface Values {
  kind: WatchKind;
  value: string;
  label: string;
  regionCode: string;
  severity: WarningSeverity;
  expiresAt?: Dayjs | null;
}

export default function WatchlistPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  // County level or above, as the server checks it.
  const manages = holds('watchlist:manage', me.permissions) && !me.scope.gridId && ['province', 'city', 'county'].includes(me.scope.level);
  const [filters, setFilters] = useState<{ kind?: WatchKind; active?: 'true' | 'false'; q?: string; page: number }>({ page: 1, active: 'true' });
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<Values>();
  const params = { kind: filters.kind, active: filters.active, q: filters.q || undefined, page: filters.page, pageSize: 20 };
  const list = useQuery({ queryKey: watchlistKeys.list(params), queryFn: ({ signal }) => watchlistApi.list(params, signal) });
  const refresh = () => client.invalidateQueries({ queryKey: watchlistKeys.all });
  const close = () => {
    // The value leaves the page with the form.
    form.resetFields();
    setAdding(false);
  };
  const save = useMutation({
    mutationFn: (v: Values) => watchlistApi.create({ kind: v.kind, value: v.value, label: v.label, regionCode: v.regionCode, severity: v.severity, expiresAt: v.expiresAt ? v.expiresAt.toISOString() : null }),
    onSuccess: async (made) => {
      close();
      feedback.success(t('watchlist.added', { hint: made.hint }));
      await refresh();
    },
    onError: (error) => {
      if (!showFieldProblems(form, error, t, locale)) feedback.error(error);
    },
  });
  const deactivate = useMutation({ mutationFn: watchlistApi.deactivate, onSuccess: refresh, onError: (error) => feedback.error(error) });
  const kind = Form.useWatch('kind', form);

  const state = (e: WatchEntry) => (!e.active ? <Tag>{t('watchlist.inactive')}</Tag> : e.matching ? <Tag color="green">{t('watchlist.active')}</Tag> : <Tag color="default">{t('watchlist.expired')}</Tag>);

  return (
    <div data-testid="watchlist-page">
      <Typography.Title level={4}>{t('menu.watchlist')}</Typography.Title>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('watchlist.intro')} description={manages ? undefined : t('watchlist.levelOnly')} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('watchlist.field.kind')} style={{ width: 140 }} value={filters.kind} onChange={(k) => setFilters({ ...filters, kind: k, page: 1 })}
          options={WATCH_KINDS.map((k) => ({ value: k, label: enumLabel(t, 'watchKind', k) }))} data-testid="watchlist-kind" />
        <Select<'true' | 'false' | 'all'> style={{ width: 120 }} value={filters.active ?? 'all'} onChange={(v) => setFilters({ ...filters, active: v === 'all' ? undefined : v, page: 1 })} data-testid="watchlist-state"
          options={[{ value: 'true', label: t('watchlist.active') }, { value: 'false', label: t('watchlist.inactive') }, { value: 'all', label: t('watchlist.all') }]} />
        <Input.Search allowClear placeholder={t('watchlist.search')} style={{ width: 220 }} onSearch={(q) => setFilters({ ...filters, q, page: 1 })} data-testid="watchlist-search" />
        {manages && <Button type="primary" onClick={() => { form.resetFields(); form.setFieldsValue({ kind: 'plate', severity: 'medium', regionCode: me.scope.regionCode }); setAdding(true); }} data-testid="watchlist-new">{t('watchlist.new')}</Button>}
      </Space>
      <Table<WatchEntry>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="watchlist"
        pagination={{ current: filters.page, pageSize: 20, total: list.data?.total ?? 0, onChange: (page) => setFilters({ ...filters, page }) }}
        columns={[
          { key: 'kind', title: t('watchlist.field.kind'), dataIndex: 'kind', render: (k: WatchKind) => enumLabel(t, 'watchKind', k) },
          { key: 'hint', title: t('watchlist.field.hint'), dataIndex: 'hint', render: (h: string) => <Typography.Text code data-testid="watchlist-hint">{h}</Typography.Text> },
          { key: 'label', title: t('watchlist.field.label'), dataIndex: 'label' },
          { key: 'region', title: t('watchlist.field.region'), dataIndex: 'regionName', responsive: ['md'] },
          { key: 'severity', title: t('watchlist.field.severity'), dataIndex: 'severity', render: (s: WarningSeverity) => <Tag color={SEVERITY_COLOR[s]}>{t(`warning.severity.${s}`)}</Tag> },
          { key: 'state', title: t('watchlist.field.state'), render: (_: unknown, e) => state(e) },
          { key: 'expires', title: t('watchlist.field.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? new Date(v).toLocaleString() : t('watchlist.noExpiry')), responsive: ['lg'] },
          { key: 'created', title: t('watchlist.field.createdAt'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString(), responsive: ['lg'] },
          ...(manages ? [{
            key: 'actions', title: '', render: (_: unknown, e: WatchEntry) => e.active && (
              <Button size="small" danger data-testid="watchlist-deactivate" onClick={() => Modal.confirm({ title: t('watchlist.deactivateConfirm', { label: e.label, hint: e.hint }), onOk: () => deactivate.mutateAsync(e) })}>{t('watchlist.deactivate')}</Button>
            ),
          }] : []),
        ]}
      />
      {adding && (
        <Modal open title={t('watchlist.new')} onCancel={close} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} data-testid="watchlist-form" autoComplete="off">
            <Form.Item name="kind" label={t('watchlist.field.kind')} rules={[{ required: true }]}>
              <Select options={WATCH_KINDS.map((k) => ({ value: k, label: enumLabel(t, 'watchKind', k) }))} />
            </Form.Item>
            <Form.Item name="value" label={t('watchlist.field.value')} extra={t('watchlist.valueOnce')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={32} autoComplete="off" placeholder={kind === 'id_number' ? t('watchlist.field.valueId') : t('watchlist.field.valuePlate')} data-testid="watchlist-value" />
            </Form.Item>
            <Form.Item name="label" label={t('watchlist.field.label')} extra={t('watchlist.field.labelHint')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} data-testid="watchlist-label" />
            </Form.Item>
            <Form.Item name="regionCode" label={t('watchlist.field.region')} rules={[{ required: true }]}>
              <RegionSelect data-testid="watchlist-region" />
            </Form.Item>
            <Space wrap>
              <Form.Item name="severity" label={t('watchlist.field.severity')} rules={[{ required: true }]}>
                <Select style={{ width: 120 }} options={WARNING_SEVERITIES.map((s) => ({ value: s, label: t(`warning.severity.${s}`) }))} />
              </Form.Item>
              <Form.Item name="expiresAt" label={t('watchlist.field.expiresAt')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" placeholder={t('watchlist.noExpiry')} />
              </Form.Item>
            </Space>
          </Form>
        </Modal>
      )}
    </div>
  );
}

/** Quarantine sites (隔离点): capacity and occupancy; operators add one in their scope or change its capacity. */
import { Button, Form, Input, InputNumber, Modal, Progress, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { QuarantineSite, SiteRequest } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { holds } from '../../shared/permissions';
import { quarantineApi, quarantineKeys } from './quarantine-api';

export function SitesPanel() {
  const { t } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [editing, setEditing] = useState<QuarantineSite | 'new' | null>(null);
  const [form] = Form.useForm<SiteRequest>();
  const sites = useQuery({ queryKey: quarantineKeys.sites, queryFn: ({ signal }) => quarantineApi.sites(signal) });
  const manages = holds('quarantine:manage', me.permissions) && !me.scope.gridId;
  const save = useMutation({
    mutationFn: (v: SiteRequest) => (editing && editing !== 'new' ? quarantineApi.updateSite(editing.id, { ...v, version: editing.version }) : quarantineApi.createSite(v)),
    onSuccess: async () => {
      feedback.success(t('quarantine.site.saved'));
      setEditing(null);
      await client.invalidateQueries({ queryKey: quarantineKeys.sites });
    },
    onError: (error) => feedback.error(error),
  });
  const open = (s: QuarantineSite | 'new') => {
    form.setFieldsValue(s === 'new' ? { regionCode: me.scope.regionCode, capacity: 50 } : s);
    setEditing(s);
  };
  return (
    <>
      {manages && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => open('new')} data-testid="quarantine-site-add">
          {t('quarantine.site.add')}
        </Button>
      )}
      <Table<QuarantineSite>
        rowKey="id"
        size="small"
        loading={sites.isLoading}
        dataSource={sites.data ?? []}
        data-testid="quarantine-sites"
        pagination={false}
        onRow={(s) => ({ onClick: () => manages && open(s) })}
        columns={[
          { key: 'name', title: t('quarantine.site.name'), dataIndex: 'name' },
          { key: 'region', title: t('quarantine.field.place'), dataIndex: 'regionName', responsive: ['md'] },
          { key: 'address', title: t('quarantine.site.address'), dataIndex: 'address', responsive: ['lg'] },
          { key: 'occupancy', title: `${t('quarantine.site.occupancy')} / ${t('quarantine.site.capacity')}`, dataIndex: 'occupancy', render: (n: number, s) => `${n} / ${s.capacity}` },
          { key: 'bar', title: '', dataIndex: 'capacity', width: 160, render: (c: number, s) => <Progress size="small" percent={c ? Math.round((100 * s.occupancy) / c) : 100} status={s.occupancy >= c ? 'exception' : 'normal'} /> },
        ]}
      />
      {editing && (
        <Modal open title={editing === 'new' ? t('quarantine.site.add') : editing.name} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending}>
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
            <Form.Item name="name" label={t('quarantine.site.name')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={100} data-testid="quarantine-site-name" />
            </Form.Item>
            <Form.Item name="regionCode" label={t('quarantine.site.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}>
              <Input maxLength={12} />
            </Form.Item>
            <Form.Item name="address" label={t('quarantine.site.address')} rules={[{ required: true, whitespace: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Form.Item name="lng" label={t('quarantine.site.lng')} rules={[{ required: true }]}>
              <InputNumber min={73} max={136} step={0.0001} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="lat" label={t('quarantine.site.lat')} rules={[{ required: true }]}>
              <InputNumber min={3} max={54} step={0.0001} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="capacity" label={t('quarantine.site.capacity')} rules={[{ required: true }]}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: 200 }} data-testid="quarantine-site-capacity" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

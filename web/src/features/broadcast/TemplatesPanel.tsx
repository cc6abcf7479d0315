/** Message templates: shipped (read-only) and the region's own, zh-CN and English with `{parameters}`; add or change one. */
import { Button, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BroadcastTemplate } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { holds } from '../../shared/permissions';
import { broadcastApi, broadcastKeys } from './broadcast-api';

interface Values {
  key: string;
  name: string;
  nameEn: string;
  regionCode: string;
  zh: string;
  en: string;
}

export function TemplatesPanel() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [editing, setEditing] = useState<BroadcastTemplate | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const list = useQuery({ queryKey: broadcastKeys.templates, queryFn: ({ signal }) => broadcastApi.templates(signal) });
  const keeps = holds('broadcast:template', me.permissions) && !me.scope.gridId;
  const save = useMutation({
    mutationFn: (v: Values) => (editing === 'new' ? broadcastApi.createTemplate(v) : broadcastApi.updateTemplate(editing!, { name: v.name, nameEn: v.nameEn, zh: v.zh, en: v.en })),
    onSuccess: async () => {
      setEditing(null);
      await client.invalidateQueries({ queryKey: broadcastKeys.templates });
    },
    onError: (error) => feedback.error(error),
  });
  return (
    <>
      {keeps && (
        <Space style={{ marginBottom: 12 }}>
          <Button type="primary" data-testid="broadcast-template-new" onClick={() => { form.resetFields(); form.setFieldsValue({ regionCode: me.scope.regionCode }); setEditing('new'); }}>{t('broadcast.template.new')}</Button>
        </Space>
      )}
      <Table<BroadcastTemplate>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        data-testid="broadcast-templates"
        pagination={false}
        columns={[
          { key: 'name', title: t('broadcast.template.name'), render: (_: unknown, x) => (locale === 'en' ? x.nameEn : x.name) },
          { key: 'owner', title: t('broadcast.field.region'), render: (_: unknown, x) => (x.regionCode ? x.regionName : <Tag>{t('broadcast.template.shipped')}</Tag>) },
          { key: 'text', title: t('broadcast.template.text'), responsive: ['md'], render: (_: unknown, x) => (locale === 'en' ? x.en : x.zh) },
          { key: 'params', title: t('broadcast.template.params'), responsive: ['lg'], render: (_: unknown, x) => x.params.join(', ') },
          {
            key: 'edit', width: 80,
            render: (_: unknown, x) => x.editable && <Button size="small" onClick={() => { form.setFieldsValue({ key: x.key, name: x.name, nameEn: x.nameEn, regionCode: x.regionCode ?? '', zh: x.zh, en: x.en }); setEditing(x); }}>{t('broadcast.template.edit')}</Button>,
          },
        ]}
      />
      {editing && (
        <Modal open title={editing === 'new' ? t('broadcast.template.new') : t('broadcast.template.edit')} onCancel={() => setEditing(null)} onOk={() => form.submit()} confirmLoading={save.isPending} width={640}>
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
            <Space wrap>
              <Form.Item name="key" label={t('broadcast.template.key')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/ }]}><Input disabled={editing !== 'new'} style={{ width: 180 }} /></Form.Item>
              <Form.Item name="regionCode" label={t('broadcast.field.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input disabled={editing !== 'new'} maxLength={12} style={{ width: 160 }} /></Form.Item>
            </Space>
            <Space wrap>
              <Form.Item name="name" label={t('broadcast.template.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={50} style={{ width: 200 }} /></Form.Item>
              <Form.Item name="nameEn" label={t('broadcast.template.nameEn')} rules={[{ required: true, whitespace: true }]}><Input maxLength={80} style={{ width: 240 }} /></Form.Item>
            </Space>
            <Form.Item name="zh" label={t('broadcast.textZh')} extra={t('broadcast.template.hint')} rules={[{ required: true, whitespace: true, min: 2 }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
            <Form.Item name="en" label={t('broadcast.textEn')} rules={[{ required: true, whitespace: true, min: 2 }]}><Input.TextArea rows={3} maxLength={500} /></Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}

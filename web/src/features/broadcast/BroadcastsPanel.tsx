/** Broadcasts in scope: the list, drafting one (template, parameters, audience, channels) with the recipient counts before it is submitted, and one broadcast's steps and delivery progress. */
import { Alert, Button, Checkbox, Descriptions, Drawer, Form, Input, Modal, Progress, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { BROADCAST_CHANNELS, BROADCAST_STATUSES, type BroadcastAction, type BroadcastChannel, type BroadcastDetail, type BroadcastPreview, type BroadcastRequest, type BroadcastSummary } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { navigate, useLocation } from '../../app/router';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { formatDateTime } from '../../shared/format';
import { holds } from '../../shared/permissions';
import { broadcastApi, broadcastKeys } from './broadcast-api';

interface DraftValues {
  title: string;
  regionCode: string;
  templateId: string;
  params?: Record<string, string>;
  people: ('residents' | 'enterprises')[];
  tag?: string;
  channels: BroadcastChannel[];
}

const STATUS_COLOR: Record<string, string> = { draft: 'default', submitted: 'gold', approved: 'blue', sending: 'processing', sent: 'green', cancelled: 'red' };

function toRequest(v: DraftValues): BroadcastRequest {
  return {
    title: v.title, regionCode: v.regionCode, templateId: v.templateId, params: Object.fromEntries(Object.entries(v.params ?? {}).filter(([, x]) => x?.trim()).map(([k, x]) => [k, x.trim()])),
    audience: { residents: v.people.includes('residents'), enterprises: v.people.includes('enterprises'), gridIds: [], tag: v.tag?.trim() || null }, channels: v.channels,
  };
}

export function BroadcastsPanel() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const location = useLocation();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [drafting, setDrafting] = useState(false);
  const [preview, setPreview] = useState<BroadcastPreview | null>(null);
  const [form] = Form.useForm<DraftValues>();
  const templateId = Form.useWatch('templateId', form);
  const openId = location.query.get('id');
  const list = useQuery({ queryKey: [...broadcastKeys.list, status, page], queryFn: ({ signal }) => broadcastApi.list({ status, page, pageSize: 20 }, signal) });
  const templates = useQuery({ queryKey: broadcastKeys.templates, queryFn: ({ signal }) => broadcastApi.templates(signal), enabled: drafting });
  const template = templates.data?.find((x) => x.id === templateId);
  const drafts = holds('broadcast:draft', me.permissions) && !me.scope.gridId;
  const count = useMutation({ mutationFn: (v: DraftValues) => broadcastApi.preview(toRequest(v)), onSuccess: setPreview, onError: (error) => feedback.error(error) });
  const create = useMutation({
    mutationFn: (v: DraftValues) => broadcastApi.create(toRequest(v)),
    onSuccess: async (b) => {
      setDrafting(false);
      await client.invalidateQueries({ queryKey: broadcastKeys.list });
      navigate(`/broadcasts?id=${b.id}`);
    },
    onError: (error) => feedback.error(error),
  });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('broadcast.field.status')} style={{ width: 140 }} onChange={(s?: string) => { setPage(1); setStatus(s); }} options={BROADCAST_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'broadcastStatus', s) }))} />
        {drafts && (
          <Button type="primary" data-testid="broadcast-new" onClick={() => { form.resetFields(); form.setFieldsValue({ regionCode: me.scope.regionCode, people: ['residents'], channels: ['sms'] }); setPreview(null); setDrafting(true); }}>
            {t('broadcast.new')}
          </Button>
        )}
      </Space>
      <Table<BroadcastSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="broadcast-list"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        onRow={(b) => ({ onClick: () => navigate(`/broadcasts?id=${b.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'no', title: t('broadcast.field.number'), dataIndex: 'number', width: 70 },
          { key: 'title', title: t('broadcast.field.title'), dataIndex: 'title' },
          { key: 'status', title: t('broadcast.field.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{enumLabel(t, 'broadcastStatus', s)}</Tag> },
          { key: 'channels', title: t('broadcast.field.channels'), dataIndex: 'channels', responsive: ['md'], render: (cs: string[]) => cs.map((c) => enumLabel(t, 'broadcastChannel', c)).join('、') },
          { key: 'recipients', title: t('broadcast.field.recipients'), dataIndex: 'recipients', responsive: ['md'], render: (n: number | null) => (n === null ? '—' : n.toLocaleString()) },
          { key: 'region', title: t('broadcast.field.region'), dataIndex: 'regionName', responsive: ['lg'] },
          { key: 'at', title: t('broadcast.field.createdAt'), dataIndex: 'createdAt', responsive: ['lg'], render: (v: string) => formatDateTime(v, locale) },
        ]}
      />
      {drafting && (
        <Modal open title={t('broadcast.new')} onCancel={() => setDrafting(false)} onOk={() => form.submit()} okText={t('broadcast.saveDraft')} confirmLoading={create.isPending} width={640}>
          <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)} onValuesChange={() => setPreview(null)}>
            <Form.Item name="title" label={t('broadcast.field.title')} rules={[{ required: true, whitespace: true, min: 2 }]}><Input maxLength={100} data-testid="broadcast-title" /></Form.Item>
            <Form.Item name="regionCode" label={t('broadcast.field.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
            <Form.Item name="templateId" label={t('broadcast.field.template')} rules={[{ required: true }]}>
              <Select data-testid="broadcast-template" loading={templates.isLoading} options={(templates.data ?? []).map((x) => ({ value: x.id, label: `${locale === 'en' ? x.nameEn : x.name}${x.regionName ? `（${x.regionName}）` : ''}` }))} />
            </Form.Item>
            {template && (
              <>
                <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{locale === 'en' ? template.en : template.zh}</Typography.Paragraph>
                <Space wrap>
                  {template.params.map((p) => (
                    <Form.Item key={p} name={['params', p]} label={p} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} data-testid={`broadcast-param-${p}`} style={{ width: 180 }} /></Form.Item>
                  ))}
                </Space>
              </>
            )}
            <Form.Item name="people" label={t('broadcast.field.audience')}>
              <Checkbox.Group options={[{ value: 'residents', label: t('broadcast.audience.residents') }, { value: 'enterprises', label: t('broadcast.audience.enterprises') }]} />
            </Form.Item>
            <Form.Item name="tag" label={t('broadcast.field.tag')} extra={t('broadcast.tagHint')}><Input maxLength={40} style={{ width: 200 }} /></Form.Item>
            <Form.Item name="channels" label={t('broadcast.field.channels')} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Checkbox.Group options={BROADCAST_CHANNELS.map((c) => ({ value: c, label: enumLabel(t, 'broadcastChannel', c) }))} />
            </Form.Item>
            <Space wrap>
              <Button data-testid="broadcast-preview" loading={count.isPending} onClick={() => void form.validateFields().then((v) => count.mutate(v))}>{t('broadcast.preview')}</Button>
              {preview && <PreviewLine preview={preview} />}
            </Space>
          </Form>
        </Modal>
      )}
      {openId && <BroadcastDrawer id={openId} />}
    </>
  );
}

function PreviewLine({ preview }: { preview: BroadcastPreview }) {
  const { t } = useI18n();
  return (
    <span data-testid="broadcast-preview-counts">
      {t('broadcast.previewLine', { sms: preview.sms.toLocaleString(), wechat: preview.wechat.toLocaleString(), loudspeaker: preview.loudspeaker.toLocaleString(), english: preview.english.toLocaleString(), without: preview.withoutPhone.toLocaleString() })}
    </span>
  );
}

function BroadcastDrawer({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const one = useQuery({
    queryKey: broadcastKeys.one(id),
    queryFn: ({ signal }) => broadcastApi.one(id, signal),
    refetchInterval: (q) => (q.state.data && ['approved', 'sending'].includes(q.state.data.status) ? 2_000 : false),
  });
  const step = useMutation({
    mutationFn: ({ b, action }: { b: BroadcastDetail; action: BroadcastAction }) => broadcastApi.step(b, action, action === 'return' || action === 'cancel' || action === 'approve' ? note.trim() || undefined : undefined),
    onSuccess: async (b) => {
      setNote('');
      client.setQueryData(broadcastKeys.one(id), b);
      await client.invalidateQueries({ queryKey: broadcastKeys.list });
    },
    onError: (error) => feedback.error(error),
  });
  const b = one.data;
  const close = () => navigate('/broadcasts');
  return (
    <Drawer open onClose={close} title={b ? `${b.number} ${b.title}` : ''} width={Math.min(640, window.innerWidth)} data-testid="broadcast-drawer">
      {one.isError && <Alert type="error" message={t('broadcast.notFound')} />}
      {b && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Tag color={STATUS_COLOR[b.status]} data-testid="broadcast-status">{enumLabel(t, 'broadcastStatus', b.status)}</Tag>
            {b.actions.includes('return') || b.actions.includes('cancel') ? <Input placeholder={t('broadcast.note')} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 200 }} maxLength={500} /> : null}
            {b.actions.filter((a) => a !== 'edit').map((a) => (
              <Button key={a} type={a === 'approve' || a === 'submit' ? 'primary' : 'default'} danger={a === 'cancel'} data-testid={`broadcast-step-${a}`} loading={step.isPending}
                disabled={(a === 'return' || a === 'cancel') && !note.trim()} onClick={() => step.mutate({ b, action: a })}>
                {t(`broadcast.action.${a}`)}
              </Button>
            ))}
          </Space>
          <Descriptions size="small" column={1} bordered layout={window.innerWidth < 576 ? "vertical" : "horizontal"}>
            <Descriptions.Item label={t('broadcast.field.region')}>{b.regionName}</Descriptions.Item>
            <Descriptions.Item label={t('broadcast.field.template')}>{b.templateName}</Descriptions.Item>
            <Descriptions.Item label={t('broadcast.textZh')}><span style={{ whiteSpace: 'pre-wrap' }}>{b.textZh}</span></Descriptions.Item>
            <Descriptions.Item label={t('broadcast.textEn')}><span style={{ whiteSpace: 'pre-wrap' }}>{b.textEn}</span></Descriptions.Item>
            <Descriptions.Item label={t('broadcast.field.audience')}>
              {[b.audience.residents && t('broadcast.audience.residents'), b.audience.enterprises && t('broadcast.audience.enterprises'), b.audience.tag && `#${b.audience.tag}`, ...b.gridNames].filter(Boolean).join('、')}
            </Descriptions.Item>
            <Descriptions.Item label={t('broadcast.field.channels')}>{b.channels.map((c) => enumLabel(t, 'broadcastChannel', c)).join('、')}</Descriptions.Item>
            {b.preview && <Descriptions.Item label={t('broadcast.preview')}><PreviewLine preview={b.preview} /></Descriptions.Item>}
            <Descriptions.Item label={t('broadcast.drafter')}>{b.drafterName ?? '—'}</Descriptions.Item>
            {b.approverName && <Descriptions.Item label={t('broadcast.approver')}>{`${b.approverName} ${b.approvedAt ? formatDateTime(b.approvedAt, locale) : ''}`}</Descriptions.Item>}
            {b.note && <Descriptions.Item label={t('broadcast.note')}>{b.note}</Descriptions.Item>}
          </Descriptions>
          {b.counts.some((c) => c.total > 0) && (
            <div data-testid="broadcast-counts">
              <Typography.Title level={5}>{t('broadcast.delivery')}</Typography.Title>
              {b.counts.map((c) => (
                <div key={c.channel} style={{ marginBottom: 8 }}>
                  <div>{`${enumLabel(t, 'broadcastChannel', c.channel)}：${t('broadcast.countLine', { sent: c.sent.toLocaleString(), queued: c.queued.toLocaleString(), retrying: c.retrying.toLocaleString(), failed: c.failed.toLocaleString(), disabled: c.disabled.toLocaleString(), cancelled: c.cancelled.toLocaleString() })}`}</div>
                  <Progress percent={c.total ? Math.floor((100 * (c.sent + c.failed + c.disabled + c.cancelled)) / c.total) : 0} success={{ percent: c.total ? Math.floor((100 * c.sent) / c.total) : 0 }} size="small" />
                </div>
              ))}
            </div>
          )}
        </Space>
      )}
    </Drawer>
  );
}

/** One call campaign: its steps, progress counts, the answer distribution per question, the prompts to play, the per-target results and the export. */
import { Alert, Button, Card, Col, Descriptions, Input, Modal, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CALLOUT_TARGET_STATUSES, type CalloutAction, type CalloutDetail, type CalloutTargetRow } from '@gridgov/contracts';
import { saveFile } from '../../api/transfers';
import { useFeedback } from '../../app/feedback';
import { navigate } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { formatDateTime } from '../../shared/format';
import { calloutKeys, calloutsApi } from './callouts-api';
import { done, statusTag } from './CalloutsPage';

export function CalloutViewPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [exporting, setExporting] = useState(false);
  const [purpose, setPurpose] = useState('');
  const [downloading, setDownloading] = useState(false);
  const one = useQuery({ queryKey: calloutKeys.one(id), queryFn: ({ signal }) => calloutsApi.one(id, signal), refetchInterval: 5000 });
  const targets = useQuery({ queryKey: [...calloutKeys.targets(id), status, page], queryFn: ({ signal }) => calloutsApi.targets(id, { status, page, pageSize: 20 }, signal), refetchInterval: 5000 });
  const step = useMutation({
    mutationFn: ({ c, action }: { c: CalloutDetail; action: Exclude<CalloutAction, 'finish'> }) => calloutsApi.step(c, action),
    onSuccess: async (c) => {
      client.setQueryData(calloutKeys.one(id), c);
      await client.invalidateQueries({ queryKey: calloutKeys.all });
    },
    onError: (error) => feedback.error(error),
  });
  const c = one.data;
  if (one.isError) return <Alert type="error" showIcon title={t('callout.notFound')} />;
  if (!c) return null;
  const p = c.progress;
  const unsynthesized = c.prompts.length > 0 && c.prompts.some((x) => !x.synthesized);
  /** The results file; past the 24-hour export threshold the server sends it for approval and says so. */
  async function exportFile() {
    if (!c) return;
    setDownloading(true);
    try {
      saveFile(await calloutsApi.exportFile(c.id, purpose.trim()));
      setExporting(false);
    } catch (error) {
      feedback.error(error);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Space wrap>
        <Button onClick={() => navigate('/callouts')}>{t('callout.back')}</Button>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="callout-title">{c.name}</Typography.Title>
        {statusTag(t, c.status)}
      </Space>
      <Space wrap>
        {c.actions.map((action) => (
          <Button key={action} type={action === 'start' || action === 'approve' || action === 'resume' ? 'primary' : 'default'} danger={action === 'cancel'} data-testid={`callout-${action}`} loading={step.isPending}
            onClick={() => (action === 'cancel' || action === 'complete' ? Modal.confirm({ title: t(`callout.action.${action}`), content: t('callout.confirmEnd'), onOk: () => step.mutateAsync({ c, action }) }) : step.mutate({ c, action }))}>
            {t(`callout.action.${action}`)}
          </Button>
        ))}
        <Button data-testid="callout-export" onClick={() => setExporting(true)}>{t('callout.export')}</Button>
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} md={8}>
          <Card size="small" title={t('callout.progress')}>
            <Progress type="circle" size={96} percent={p.total ? Math.round((done(c) / p.total) * 100) : 0} format={() => `${done(c)}/${p.total}`} />
          </Card>
        </Col>
        <Col xs={24} md={16}>
          <Card size="small" data-testid="callout-counts">
            <Row gutter={[8, 8]}>
              {(['answered', 'busy', 'noAnswer', 'failed', 'pending', 'unmatched'] as const).map((k) => (
                <Col key={k} xs={8} md={4}><Statistic title={t(`callout.count.${k}`)} value={k === 'pending' ? p.pending + p.calling : p[k]} /></Col>
              ))}
            </Row>
            <Typography.Text type="secondary">{t('callout.outcomeCounts', { calls: p.calls, declarations: c.outcomes.declarations, tasks: c.outcomes.tasks })}</Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('callout.distribution')} data-testid="callout-distribution">
        {c.distribution.map((q) => {
          const sum = q.options.reduce((s, o) => s + o.count, 0);
          return (
            <div key={q.question} style={{ marginBottom: 8 }}>
              <Typography.Text strong>{q.text}</Typography.Text>
              {q.options.map((o) => (
                <Row key={o.key} gutter={8} align="middle">
                  <Col xs={10} md={6}>{o.key} · {o.label}</Col>
                  <Col xs={14} md={18}><Progress size="small" percent={sum ? Math.round((o.count / sum) * 100) : 0} format={() => String(o.count)} /></Col>
                </Row>
              ))}
            </div>
          );
        })}
      </Card>
      <Card size="small" title={t('callout.prompts')} data-testid="callout-prompts">
        {c.prompts.length === 0 && <Typography.Text type="secondary">{t('callout.promptsAtApproval')}</Typography.Text>}
        {unsynthesized && <Alert type="warning" showIcon style={{ marginBottom: 8 }} title={t('callout.unsynthesized')} />}
        {c.prompts.map((x) => (
          <div key={x.key} style={{ marginBottom: 8 }}>
            <Typography.Text>{x.text}</Typography.Text>
            <div>{x.synthesized ? <audio controls preload="none" src={calloutsApi.promptUrl(c.id, x.key)} style={{ maxWidth: '100%' }} /> : <Tag>{x.error}</Tag>}</div>
          </div>
        ))}
      </Card>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
        <Descriptions.Item label={t('callout.field.window')}>{c.windows.map((w) => `${w.start}–${w.end}`).join('，')}</Descriptions.Item>
        <Descriptions.Item label={t('callout.field.concurrency')}>{c.concurrency}</Descriptions.Item>
        <Descriptions.Item label={t('callout.field.maxAttempts')}>{t('callout.attemptsEvery', { n: c.maxAttempts, minutes: c.retryMinutes })}</Descriptions.Item>
        <Descriptions.Item label={t('callout.field.startedAt')}>{formatDateTime(c.startedAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('callout.field.completedAt')}>{formatDateTime(c.completedAt, locale)}</Descriptions.Item>
      </Descriptions>
      <Card size="small" title={t('callout.results')}>
        <Select allowClear placeholder={t('callout.field.status')} style={{ width: 160, marginBottom: 8 }} onChange={(s?: string) => { setPage(1); setStatus(s); }} options={CALLOUT_TARGET_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'calloutTargetStatus', s) }))} />
        <Table<CalloutTargetRow>
          rowKey="id"
          size="small"
          data-testid="callout-targets"
          loading={targets.isLoading}
          dataSource={targets.data?.items ?? []}
          scroll={{ x: true }}
          pagination={{ current: page, pageSize: 20, total: targets.data?.total ?? 0, onChange: setPage }}
          columns={[
            { key: 'seq', title: '#', dataIndex: 'seq', width: 50, responsive: ['md'] },
            { key: 'name', title: t('callout.field.person'), dataIndex: 'name' },
            { key: 'phone', title: t('callout.field.phone'), dataIndex: 'phoneMasked' },
            { key: 'status', title: t('callout.field.status'), dataIndex: 'status', render: (s: CalloutTargetRow['status']) => enumLabel(t, 'calloutTargetStatus', s) },
            { key: 'attempts', title: t('callout.field.attempts'), dataIndex: 'attempts', width: 70 },
            {
              key: 'answers', title: t('callout.field.answers'),
              render: (_v, r) => c.script.questions.flatMap((q) => (r.answers[q.key] ? [`${r.answers[q.key]} ${q.options.find((o) => o.key === r.answers[q.key])?.label ?? ''}`] : [])).join(' / '),
            },
            {
              key: 'outcomes', title: t('callout.field.outcomes'), responsive: ['md'],
              render: (_v, r) => r.outcomes.map((o, i) => <Tag key={i} color={o.error ? 'red' : o.abnormal ? 'orange' : 'blue'}>{t(o.kind === 'task' ? 'callout.outcome.task' : 'callout.outcome.declaration')}{o.abnormal ? ` · ${t('callout.abnormal')}` : ''}</Tag>),
            },
            { key: 'grid', title: t('callout.field.grid'), dataIndex: 'gridName', responsive: ['lg'] },
          ]}
        />
      </Card>
      {exporting && (
        <Modal open title={t('callout.export')} onCancel={() => setExporting(false)} footer={null}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Input placeholder={t('callout.purpose')} value={purpose} maxLength={200} onChange={(e) => setPurpose(e.target.value)} data-testid="callout-purpose" />
            <Button type="primary" disabled={purpose.trim().length < 2} loading={downloading} onClick={() => void exportFile()} data-testid="callout-download">{t('callout.download')}</Button>
          </Space>
        </Modal>
      )}
    </Space>
  );
}

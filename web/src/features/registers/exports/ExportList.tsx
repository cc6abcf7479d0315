/**
 * Export requests: mine (status, download when ready) or others' awaiting my approval
 * (approve / reject with a note). Refreshes itself while a file is being prepared.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, Form, Input, Modal, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { REGISTER_KINDS, exportDecisionRequest, maskIdNumber, maskPhone, type ExportJob, type ExportStatus, type RegisterKind } from '@gridgov/contracts';
import { errorText, useFeedback } from '../../../app/feedback';
import { formatDateTime } from '../../../app/labels';
import { withTestId } from '../../../app/test-id';
import { transferKeys } from '../../../api/keys';
import { exportQueries, exportsApi, saveFile, type ExportView } from '../../../api/transfers';
import { useI18n, type Translate } from '../../../i18n/i18n';
import { RefName, refKindOf } from '../../../shared/record/RefName';
import { contractRule } from '../../../shared/fields/contract-rules';
import { enumLabel, fieldEnum, fieldLabel, registerLabel } from '../shared/labels';

const STATUS_COLOR: Record<ExportStatus, string> = { pending_approval: 'gold', queued: 'processing', ready: 'green', rejected: 'red', failed: 'red', expired: 'default', approved: 'green', delivered: 'default' };
const POLL_MS = 3000;
const isRegisterKind = (kind: string): kind is RegisterKind => (REGISTER_KINDS as readonly string[]).includes(kind);

function filterValue(t: Translate, job: ExportJob, key: string, value: unknown) {
  const ref = refKindOf(key);
  if (ref && typeof value === 'string') return <RefName kind={ref} id={value} />;
  if (key === 'idNumber' && typeof value === 'string') return maskIdNumber(value);
  if (key === 'phone' && typeof value === 'string') return maskPhone(value);
  if (key === 'keyPlace') return value === 'true' ? t('record.yes') : t('record.no');
  const name = fieldEnum(job.register, key);
  return name ? enumLabel(t, name, String(value)) : String(value);
}

function FilterSummary({ job }: { job: ExportJob }) {
  const { t } = useI18n();
  // A file a module streams itself (a campaign's results): its campaign's name.
  if (!isRegisterKind(job.register)) return <Tag>{String(job.filters.name ?? '—')}</Tag>;
  const register = job.register;
  const entries = Object.entries(job.filters).filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (entries.length === 0) return <Typography.Text type="secondary">{t('export.noFilters')}</Typography.Text>;
  return (
    <Space size={[4, 4]} wrap>
      {entries.map(([key, value]) => (
        <Tag key={key}>
          {key === 'region' ? t('record.filter.region') : key === 'q' ? t('record.filter.q') : fieldLabel(t, register, key)}：{filterValue(t, job, key, value)}
        </Tag>
      ))}
    </Space>
  );
}

type Decision = { job: ExportJob; action: 'approve' | 'reject' } | null;

export function ExportList({ view }: { view: ExportView }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [decision, setDecision] = useState<Decision>(null);
  const [downloading, setDownloading] = useState<string | null>(null);
  // Approvers start from what waits for them; the decided ones are a click away.
  const [onlyPending, setOnlyPending] = useState(view === 'approvals');

  // A file being prepared: look again shortly.
  const listed = useQuery({
    ...exportQueries.list(view, onlyPending ? 'pending_approval' : undefined),
    refetchInterval: (query) => (query.state.data?.items.some((job) => job.status === 'queued') ? POLL_MS : false),
  });
  const jobs = listed.data?.items ?? null;
  /** Exports changed (downloaded, decided): both lists are read again. */
  const reload = () => void client.invalidateQueries({ queryKey: transferKeys.all });

  async function download(job: ExportJob) {
    setDownloading(job.id);
    try {
      saveFile(await exportsApi.file(job));
      feedback.success(t('export.downloaded'));
      reload();
    } catch (err) {
      feedback.error(err);
    } finally {
      setDownloading(null);
    }
  }

  const columns: TableColumnsType<ExportJob> = [
    { key: 'createdAt', title: t('export.createdAt'), dataIndex: 'createdAt', width: 170, render: (at: string) => formatDateTime(at, locale) },
    ...(view === 'approvals' ? [{ key: 'by', title: t('export.requestedBy'), dataIndex: 'requestedByName', render: (name: string | null) => name ?? '—' }] : []),
    {
      key: 'register',
      title: t('export.register'),
      render: (_value, job) => (
        <Space size={4}>
          <span>{registerLabel(t, job.register)}</span>
          <Tag>{job.format.toUpperCase()}</Tag>
          {job.unmask && (
            <Tooltip title={job.reason ?? undefined}>
              <Tag color="red">{t('export.plain')}</Tag>
            </Tooltip>
          )}
        </Space>
      ),
    },
    { key: 'filters', title: t('export.conditions'), render: (_value, job) => <FilterSummary job={job} /> },
    { key: 'rows', title: t('export.rows'), dataIndex: 'rowCount', align: 'right' },
    {
      key: 'status',
      title: t('export.status'),
      render: (_value, job) => (
        <Tag color={STATUS_COLOR[job.status]} data-testid={`export-status-${job.id}`}>
          {enumLabel(t, 'exportStatus', job.status)}
        </Tag>
      ),
    },
    {
      key: 'decision',
      title: t('export.decision'),
      render: (_value, job) =>
        job.decidedByName ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {job.decidedByName} · {formatDateTime(job.decidedAt, locale)}
            {job.decisionNote ? `：${job.decisionNote}` : ''}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    ...(view === 'mine' ? [{ key: 'downloads', title: t('export.downloads'), dataIndex: 'downloads', align: 'right' as const }] : []),
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_value, job) => (
        <Space size={0}>
          {job.canDownload && (
            <Button type="link" size="small" loading={downloading === job.id} onClick={() => void download(job)} data-testid={`export-download-${job.id}`}>
              {t('export.download')}
            </Button>
          )}
          {job.canApprove && (
            <>
              <Button type="link" size="small" onClick={() => setDecision({ job, action: 'approve' })} data-testid={`export-approve-${job.id}`}>
                {t('export.approve')}
              </Button>
              <Button type="link" size="small" danger onClick={() => setDecision({ job, action: 'reject' })} data-testid={`export-reject-${job.id}`}>
                {t('export.reject')}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Text type="secondary">{view === 'mine' ? t('export.intro') : t('export.approvalIntro')}</Typography.Text>
        <Space>
          {view === 'approvals' && (
            <Segmented<'pending' | 'all'>
              value={onlyPending ? 'pending' : 'all'}
              onChange={(next) => setOnlyPending(next === 'pending')}
              options={[
                { value: 'pending', label: enumLabel(t, 'exportStatus', 'pending_approval') },
                { value: 'all', label: t('common.all') },
              ]}
              data-testid="exports-approvals-filter"
            />
          )}
          <Button onClick={reload} data-testid="exports-refresh">
            {t('export.refresh')}
          </Button>
        </Space>
      </Space>
      <div data-testid={`exports-${view}-table`}>
        <Table<ExportJob>
          rowKey="id"
          size="middle"
          loading={listed.isFetching && jobs === null}
          columns={columns}
          dataSource={jobs ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={view === 'mine' ? t('export.empty') : t('export.approvalsEmpty')} /> }}
        />
      </div>
      {decision && (
        <DecisionModal
          decision={decision}
          onClose={() => setDecision(null)}
          onDone={() => {
            feedback.success(decision.action === 'approve' ? t('export.approved') : t('export.rejected'));
            setDecision(null);
            reload();
          }}
        />
      )}
    </Card>
  );
}

function DecisionModal({ decision, onClose, onDone }: { decision: NonNullable<Decision>; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ note?: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const approve = decision.action === 'approve';

  async function submit({ note }: { note?: string }) {
    setSubmitting(true);
    setError(null);
    try {
      const text = note?.trim() || undefined;
      await (approve ? exportsApi.approve(decision.job.id, text) : exportsApi.reject(decision.job.id, text));
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open
      title={approve ? t('export.approveTitle') : t('export.rejectTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={approve ? t('export.approve') : t('export.reject')}
      okButtonProps={withTestId({ danger: !approve }, 'export-decision-ok')}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {registerLabel(t, decision.job.register)} · {t('export.rows')} {decision.job.rowCount} · {t('export.requestedBy')} {decision.job.requestedByName ?? '—'}
        {decision.job.reason ? `（${decision.job.reason}）` : ''}
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="note" label={t('export.note')} rules={[contractRule(exportDecisionRequest.shape.note, t)]}>
          <Input.TextArea rows={2} maxLength={200} showCount data-testid="export-decision-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

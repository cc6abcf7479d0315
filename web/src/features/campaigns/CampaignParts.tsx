/** The parts of a campaign's detail: its steps, progress per grid or region level, the tasks with reassignment, and the answers (read with a purpose). */
import { Alert, Button, Form, Input, List, Progress, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { SURVEY_CAMPAIGN_ACTION_INPUTS, SURVEY_PROGRESS_LEVELS, type SurveyAnswer, type SurveyCampaign, type SurveyTask } from '@gridgov/contracts';
import { saveFile } from '../../api/transfers';
import { errorText, useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime, orDash } from '../../shared/format';
import type { DetailPartProps } from '../../shared/record-page/types';
import { WorkflowSteps } from '../../shared/record-page/WorkflowSteps';
import { formsApi } from '../../api/forms';
import { categoryLabel, useCategories } from '../../shared/fields/ticket-categories';
import { campaignKeys, campaignsApi } from './campaigns-api';
import { RuleLine } from './AlertRulesEditor';

/** The campaign's alert rules in words, from the labels of the form version it answers. */
export function CampaignRules({ record }: { record: SurveyCampaign }) {
  const { t } = useI18n();
  const form = useQuery({ queryKey: ['forms', record.formKey, record.formVersion], queryFn: () => formsApi.get(record.formKey, record.formVersion), staleTime: Infinity, meta: { silent: true } });
  if (record.alertRules.length === 0) return <Typography.Text type="secondary">{t('campaign.rules.none')}</Typography.Text>;
  return <List size="small" style={{ width: '100%' }} dataSource={record.alertRules} rowKey="key" renderItem={(rule) => <RuleLine rule={rule} definition={form.data?.definition} />} data-testid="campaign-detail-rules" />;
}

/** A list target's numbers that matched no household of the region. */
export function UnmatchedNumbers({ numbers }: { numbers: readonly string[] }) {
  const { t } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? numbers : numbers.slice(0, 50);
  return (
    <Space wrap size={4} data-testid="campaign-unmatched">
      {shown.map((n) => <Tag key={n} color="warning">{n}</Tag>)}
      {numbers.length > shown.length && <Button size="small" type="link" onClick={() => setAll(true)}>{t('campaign.unmatchedMore', { n: numbers.length - shown.length })}</Button>}
    </Space>
  );
}

export function TicketCategoryName({ id }: { id: string }) {
  const { locale } = useI18n();
  const found = useCategories()?.find((c) => c.id === id);
  return <>{found ? categoryLabel(found, locale) : '…'}</>;
}

export function CampaignSteps({ record, onChange }: DetailPartProps<SurveyCampaign>) {
  return (
    <WorkflowSteps
      record={record}
      onChange={onChange}
      slug="campaigns"
      steps={['open', 'close', 'cancel']}
      inputs={SURVEY_CAMPAIGN_ACTION_INPUTS}
      label={(t, s) => t(`campaign.action.${s}`)}
      confirm={(t, s) => t(`campaign.confirm.${s}`)}
      done={(t, s) => t(`campaign.done.${s}`)}
      notePlaceholder={(t) => t('campaign.notePlaceholder')}
      noteNeeded={(t) => t('campaign.noteNeeded')}
      run={(step, body) => campaignsApi.step(record.id, step, body)}
      primary={['open']}
      danger={['cancel']}
    />
  );
}

const percent = (done: number, total: number) => (total === 0 ? 0 : Math.round((done / total) * 100));

export function CampaignProgress({ record }: DetailPartProps<SurveyCampaign>) {
  const { t } = useI18n();
  const [level, setLevel] = useState<(typeof SURVEY_PROGRESS_LEVELS)[number]>('grid');
  const progress = useQuery({ queryKey: campaignKeys.progress(record.id, level), queryFn: ({ signal }) => campaignsApi.progress(record.id, level, signal), refetchInterval: 30_000 });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Progress percent={percent(record.totals.done, record.totals.total)} data-testid="campaign-progress-total" />
      <Segmented value={level} onChange={(v) => setLevel(v as typeof level)} options={SURVEY_PROGRESS_LEVELS.map((l) => ({ value: l, label: t(`campaign.level.${l}`) }))} data-testid="campaign-progress-level" />
      <Table
        size="small"
        rowKey="key"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        loading={progress.isLoading}
        dataSource={progress.data?.items ?? []}
        data-testid="campaign-progress"
        scroll={{ x: true }}
        columns={[
          { key: 'name', title: t(`campaign.level.${level}`), dataIndex: 'name' },
          { key: 'total', title: t('campaign.progress.total'), dataIndex: 'total' },
          { key: 'done', title: t('campaign.progress.done'), dataIndex: 'done' },
          { key: 'alerts', title: t('campaign.progress.alerts'), dataIndex: 'alerts', render: (n: number) => (n > 0 ? <Tag color="red">{n}</Tag> : n) },
          { key: 'percent', title: t('campaign.progress.percent'), render: (_: unknown, r: { done: number; total: number }) => <Progress percent={percent(r.done, r.total)} size="small" style={{ minWidth: 120 }} /> },
        ]}
      />
    </Space>
  );
}

export function CampaignTasks({ record }: DetailPartProps<SurveyCampaign>) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>('pending');
  const params = { campaign: record.id, status, page, pageSize: 20 };
  const tasks = useQuery({ queryKey: campaignKeys.tasks(params), queryFn: ({ signal }) => campaignsApi.tasks(params, signal) });
  // Who can take a task: the workers already holding tasks of the same grid in this campaign.
  const workers = useMemo(() => {
    const byGrid = new Map<string, Map<string, string>>();
    for (const task of tasks.data?.items ?? []) if (task.assigneeId) byGrid.set(task.gridId, (byGrid.get(task.gridId) ?? new Map()).set(task.assigneeId, task.assigneeName ?? ''));
    return byGrid;
  }, [tasks.data]);
  const reassign = async (body: { taskId: string; assigneeId: string } | { gridId: string; assigneeId: string }) => {
    try {
      const r = await campaignsApi.reassign(record.id, body);
      feedback.success(t('campaign.reassigned', { n: r.reassigned }));
      await client.invalidateQueries({ queryKey: campaignKeys.all });
    } catch (err) {
      feedback.error(errorText(err, t));
    }
  };
  const picker = (task: SurveyTask, all: boolean) => (
    <Select
      size="small"
      style={{ minWidth: 140 }}
      placeholder={all ? t('campaign.reassignGrid') : t('campaign.reassign')}
      value={null}
      disabled={record.status === 'closed' || record.status === 'cancelled' || task.status === 'done'}
      options={[...(workers.get(task.gridId) ?? new Map<string, string>())].filter(([id]) => all || id !== task.assigneeId).map(([value, label]) => ({ value, label }))}
      onChange={(assigneeId: string) => void reassign(all ? { gridId: task.gridId, assigneeId } : { taskId: task.id, assigneeId })}
      data-testid={`campaign-reassign-${all ? 'grid' : 'task'}-${task.id}`}
    />
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented value={status ?? 'all'} onChange={(v) => { setStatus(v === 'all' ? undefined : String(v)); setPage(1); }} options={[{ value: 'pending', label: t('campaign.taskStatus.pending') }, { value: 'done', label: t('campaign.taskStatus.done') }, { value: 'declared', label: t('campaign.taskStatus.declared') }, { value: 'all', label: t('campaign.all') }]} />
      <Table
        size="small"
        rowKey="id"
        loading={tasks.isLoading}
        dataSource={tasks.data?.items ?? []}
        data-testid="campaign-tasks"
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 20, total: tasks.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { key: 'household', title: t('campaign.task.household'), dataIndex: 'householdNumber' },
          { key: 'address', title: t('campaign.task.address'), dataIndex: 'address', render: (v: string | null) => orDash(v) },
          { key: 'grid', title: t('campaign.task.grid'), dataIndex: 'gridName' },
          { key: 'kind', title: t('campaign.task.kind'), render: (_: unknown, task: SurveyTask) => <Tag color={task.kind === 'follow_up' ? 'orange' : 'default'}>{t(`campaign.taskKind.${task.kind}`)}</Tag> },
          { key: 'assignee', title: t('campaign.task.assignee'), dataIndex: 'assigneeName', render: (v: string | null) => orDash(v) },
          { key: 'status', title: t('campaign.task.status'), render: (_: unknown, task: SurveyTask) => t(`campaign.taskStatus.${task.status}`) },
          { key: 'reassign', title: t('campaign.reassign'), render: (_: unknown, task: SurveyTask) => <Space wrap>{picker(task, false)}{picker(task, true)}</Space> },
        ]}
      />
    </Space>
  );
}

export function CampaignAnswers({ record }: DetailPartProps<SurveyCampaign>) {
  const { t, locale } = useI18n();
  const [purpose, setPurpose] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [downloading, setDownloading] = useState(false);
  const feedback = useFeedback();
  const params = { purpose: purpose ?? '', page, pageSize: 20 };
  const answers = useQuery({ queryKey: campaignKeys.answers(record.id, params), queryFn: ({ signal }) => campaignsApi.answers(record.id, params, signal), enabled: purpose !== null });
  /** The answers file; past the 24-hour export threshold the server sends it for approval and says so. */
  async function exportFile() {
    setDownloading(true);
    try {
      saveFile(await campaignsApi.exportFile(record.id, purpose ?? ''));
    } catch (error) {
      feedback.error(error);
    } finally {
      setDownloading(false);
    }
  }
  if (purpose === null) {
    return (
      <Form layout="inline" onFinish={(v: { purpose: string }) => setPurpose(v.purpose.trim())} data-testid="campaign-answers-purpose">
        <Typography.Paragraph type="secondary" style={{ width: '100%' }}>{t('campaign.answers.purposeHint')}</Typography.Paragraph>
        <Form.Item name="purpose" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={200} placeholder={t('campaign.answers.purpose')} data-testid="campaign-answers-purpose-input" />
        </Form.Item>
        <Button type="primary" htmlType="submit">{t('campaign.answers.show')}</Button>
      </Form>
    );
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text type="secondary">{t('campaign.answers.purposeShown', { purpose })}</Typography.Text>
        <Button loading={downloading} onClick={() => void exportFile()} data-testid="campaign-export">{t('campaign.export')}</Button>
      </Space>
      {answers.isError && <Alert type="error" showIcon title={errorText(answers.error, t)} />}
      <Table
        size="small"
        rowKey="id"
        loading={answers.isLoading}
        dataSource={answers.data?.items ?? []}
        data-testid="campaign-answers"
        scroll={{ x: true }}
        pagination={{ current: page, pageSize: 20, total: answers.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: (a: SurveyAnswer) => <pre style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{JSON.stringify(a.answers, null, 2)}</pre> }}
        columns={[
          { key: 'household', title: t('campaign.task.household'), dataIndex: 'householdNumber' },
          { key: 'grid', title: t('campaign.task.grid'), dataIndex: 'gridName' },
          { key: 'by', title: t('campaign.answers.by'), dataIndex: 'answeredBy' },
          { key: 'at', title: t('campaign.answers.at'), dataIndex: 'answeredAt', render: (v: string) => formatDateTime(v, locale) },
          { key: 'alerts', title: t('campaign.progress.alerts'), render: (_: unknown, a: SurveyAnswer) => a.alerts.map((x, i) => <Tag key={i} color={x.level === 'critical' ? 'red' : 'orange'}>{locale === 'en' ? (x.message.en ?? x.message.zh) : x.message.zh}</Tag>) },
        ]}
      />
    </Space>
  );
}

/**
 * The grid worker's phone page (`#/campaigns/tasks`): their own pending survey tasks of open
 * campaigns (follow-ups first) as a list or as points on a map (each household at its
 * building; a tap opens the task), then the task's answer form (SurveyAnswerForm). The task list
 * and the forms of its campaigns are kept on the phone when read online, so a walk through a
 * building with no signal can go on (wiped on sign-out), and so is the outline of the worker's
 * own grid(s) that the map draws; a task whose answer waits to be sent says so.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, List, Segmented, Space, Spin, Tag, Typography } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import type { FormDefinition, SurveyTask } from '@gridgov/contracts';
import { formsApi } from '../../api/forms';
import { errorText } from '../../app/feedback';
import { navigate, useLocation } from '../../app/router';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { PendingSubmissions } from '../../shared/offline/PendingSubmissions';
import { useOfflineSubmit } from '../../shared/offline/queue';
import { useOwnGridOutline } from '../../shared/map/map-data';
import { useRememberedReference } from '../../shared/offline/reference-cache';
import { campaignKeys, campaignsApi } from './campaigns-api';
import { surveyAnswerKind, type AnswerSubmission } from './offline-answer';
import { taskPoints } from './survey-task-points';
import { SurveyAnswerForm } from './SurveyAnswerForm';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));

type View = 'list' | 'map';

interface RememberedForm {
  definition: FormDefinition;
  version: number;
}

const formName = (key: string, version: number) => `survey-form-${key}-${version}`;

/** Reads a campaign's form once online and keeps it on the phone, so its tasks open offline. */
function useRememberedForm(owner: string | null, key: string | null, version: number) {
  const form = useQuery({
    queryKey: ['forms', key ?? '', version],
    queryFn: () => formsApi.get(key!, version),
    enabled: key !== null,
    staleTime: 10 * 60_000,
    meta: { silent: true },
  });
  // One object per read: a new one each render would write it again after a sign-out forgot it.
  const read = useMemo(() => (form.data ? { definition: form.data.definition, version: form.data.version } : undefined), [form.data]);
  const kept = useRememberedReference<RememberedForm>(owner, formName(key ?? '', version), read);
  return { kept, failed: form.isError };
}

/** Nothing to show: keeps one form of the task list on the phone. */
function KeepForm({ owner, formKey, version }: { owner: string; formKey: string; version: number }) {
  useRememberedForm(owner, formKey, version);
  return null;
}

function TaskLine({ task, waiting }: { task: SurveyTask; waiting: boolean }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
      <Space size={4} wrap>
        <Typography.Text strong>{task.householdNumber}</Typography.Text>
        {task.kind === 'follow_up' && <Tag color="orange">{t('campaign.taskKind.follow_up')}</Tag>}
        {waiting && <Tag color="gold" data-testid={`survey-task-waiting-${task.id}`}>{t('offline.state.waiting')}</Tag>}
      </Space>
      <Typography.Text>{task.address ?? t('campaign.field.noAddress')}</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{task.campaignName}</Typography.Text>
    </Space>
  );
}

export default function SurveyTasksPage() {
  const { t } = useI18n();
  const owner = useSession().me?.id ?? null;
  const { query } = useLocation();
  const selected = query.get('id');
  const view: View = query.get('view') === 'map' ? 'map' : 'list';
  const here = view === 'map' ? '/campaigns/tasks?view=map' : '/campaigns/tasks';
  const params = { status: 'pending', page: 1, pageSize: 200 };
  const tasks = useQuery({ queryKey: campaignKeys.tasks(params), queryFn: ({ signal }) => campaignsApi.tasks(params, signal), meta: { silent: true } });
  // The task list is the worker's own, kept on the phone for a walk with no signal (wiped on sign-out).
  const remembered = useRememberedReference(owner, 'survey-tasks', tasks.data?.items);
  const items = useMemo(() => remembered ?? [], [remembered]);
  const { pending, online } = useOfflineSubmit(surveyAnswerKind);
  const waiting = useMemo(() => new Set(pending.map((p) => (p.payload as AnswerSubmission).taskId)), [pending]);
  const forms = useMemo(() => [...new Map(items.map((x) => [formName(x.formKey, x.formVersion), x])).values()], [items]);
  const points = useMemo(() => taskPoints(items), [items]);
  // Read (and kept) on the list too, so the map has the outline after a walk out of coverage.
  const gridIds = useMemo(() => [...new Set(items.map((x) => x.gridId))], [items]);
  const outline = useOwnGridOutline(gridIds);
  const task = items.find((x) => x.id === selected) ?? null;
  const { kept: definition, failed: formFailed } = useRememberedForm(owner, task?.formKey ?? null, task?.formVersion ?? 0);
  const open = (id: string) => navigate(`/campaigns/tasks?id=${id}${view === 'map' ? '&view=map' : ''}`);

  if (!selected) {
    return (
      <div data-testid="survey-tasks-page" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
        {owner && forms.map((x) => <KeepForm key={formName(x.formKey, x.formVersion)} owner={owner} formKey={x.formKey} version={x.formVersion} />)}
        <PendingSubmissions kind={surveyAnswerKind.kind} />
        <Card
          size="small"
          title={t('campaign.field.myTasks')}
          extra={
            <Segmented<View>
              size="small"
              value={view}
              onChange={(v) => navigate(v === 'map' ? '/campaigns/tasks?view=map' : '/campaigns/tasks', { replace: true })}
              options={[
                { value: 'list', label: t('campaign.field.viewList') },
                { value: 'map', label: t('campaign.field.viewMap') },
              ]}
              data-testid="survey-view"
            />
          }
        >
          {/* Offline with the list kept on the phone, the banner says enough. */}
          {tasks.isError && (online || !remembered) && <Alert type="warning" showIcon title={errorText(tasks.error, t)} style={{ marginBottom: 8 }} />}
          {view === 'list' ? (
            <List
              loading={tasks.isLoading && !remembered}
              dataSource={items}
              data-testid="survey-task-list"
              locale={{ emptyText: t('campaign.field.none') }}
              renderItem={(x) => (
                <List.Item data-testid={`survey-task-${x.id}`} onClick={() => open(x.id)} style={{ cursor: 'pointer' }}>
                  <TaskLine task={x} waiting={waiting.has(x.id)} />
                </List.Item>
              )}
            />
          ) : (
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              <Typography.Text type="secondary" data-testid="survey-map-count">
                {t('campaign.field.onMap', { n: points.length, unplaced: items.length - points.length })}
              </Typography.Text>
              <Suspense fallback={<Spin style={{ display: 'block', margin: 24 }} />}>
                <PointsMap points={points} outline={outline} onOpen={open} testId="survey-task-map" height="max(320px, calc(100dvh - 260px))" />
              </Suspense>
            </Space>
          )}
        </Card>
      </div>
    );
  }
  if (!task) return tasks.isLoading && !remembered ? <Spin style={{ display: 'block', margin: 24 }} /> : <Alert type="warning" showIcon title={t('campaign.field.notYours')} data-testid="survey-task-unknown" />;
  // Offline, a form never read online cannot be shown: say so rather than wait.
  if (!definition) return !online || formFailed ? <Alert type="warning" showIcon title={t('campaign.field.formNotKept')} data-testid="survey-form-missing" /> : <Spin style={{ display: 'block', margin: 24 }} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {waiting.has(task.id) && <Alert type="info" showIcon title={t('campaign.field.alreadyWaiting')} data-testid="survey-already-waiting" />}
      <SurveyAnswerForm key={task.id} task={task} definition={definition.definition} formVersion={definition.version} back={here} />
    </Space>
  );
}

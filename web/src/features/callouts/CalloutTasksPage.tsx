/** The follow-ups call answers raised in one's grid (a grid worker's phone) or subtree: who, what they answered, mark done. */
import { Button, Card, Empty, List, Segmented, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CalloutTaskRow } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { calloutKeys, calloutsApi } from './callouts-api';

export default function CalloutTasksPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const tasks = useQuery({ queryKey: [...calloutKeys.tasks, status], queryFn: ({ signal }) => calloutsApi.tasks({ status, pageSize: 100 }, signal) });
  const finish = useMutation({
    mutationFn: (task: CalloutTaskRow) => calloutsApi.done(task),
    onSuccess: async () => {
      feedback.success(t('callout.task.doneOk'));
      await client.invalidateQueries({ queryKey: calloutKeys.tasks });
    },
    onError: (error) => feedback.error(error),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented value={status} onChange={(v) => setStatus(v as 'open' | 'done')} options={[{ value: 'open', label: t('enum.calloutTaskStatus.open') }, { value: 'done', label: t('enum.calloutTaskStatus.done') }]} />
      {tasks.data && tasks.data.items.length === 0 && <Empty description={t('callout.task.none')} />}
      <List
        data-testid="callout-tasks"
        loading={tasks.isLoading}
        dataSource={tasks.data?.items ?? []}
        renderItem={(task) => (
          <Card size="small" style={{ marginBottom: 8 }}>
            <Space orientation="vertical" style={{ width: '100%' }} size={2}>
              <Space wrap><Typography.Text strong>{task.name}</Typography.Text><Typography.Text>{task.phoneMasked}</Typography.Text>{task.gridName && <Tag>{task.gridName}</Tag>}</Space>
              <Typography.Text type="secondary">{task.campaignName} · {formatDateTime(task.createdAt, locale)}</Typography.Text>
              <Typography.Text>{task.question} <Typography.Text strong>{task.answer}</Typography.Text></Typography.Text>
              {task.note && <Typography.Text type="secondary">{task.note}</Typography.Text>}
              {task.status === 'open' && <Button type="primary" block data-testid="callout-task-done" loading={finish.isPending} onClick={() => finish.mutate(task)}>{t('callout.task.done')}</Button>}
            </Space>
          </Card>
        )}
      />
    </Space>
  );
}

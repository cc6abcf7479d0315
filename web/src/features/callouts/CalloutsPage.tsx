/** 智能外呼: the campaigns in scope with their progress; a new campaign (script editor, targets, windows); `?id=` opens one campaign's progress and results. */
import { Button, Progress, Select, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CALLOUT_STATUSES, type CalloutStatus, type CalloutSummary } from '@gridgov/contracts';
import { navigate, useLocation } from '../../app/router';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { formatDateTime } from '../../shared/format';
import { holds } from '../../shared/permissions';
import { calloutKeys, calloutsApi } from './callouts-api';
import { CalloutViewPage } from './CalloutViewPage';
import { CreateCalloutModal } from './CreateCalloutModal';

const COLORS: Record<CalloutStatus, string> = { draft: 'default', approved: 'blue', running: 'processing', paused: 'warning', completed: 'success', cancelled: 'default' };
export const statusTag = (t: ReturnType<typeof useI18n>['t'], s: CalloutStatus) => <Tag color={COLORS[s]}>{enumLabel(t, 'calloutStatus', s)}</Tag>;

export const done = (c: Pick<CalloutSummary, 'progress'>) => c.progress.total - c.progress.pending - c.progress.calling;

export default function CalloutsPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const location = useLocation();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const id = location.query.get('id');
  const list = useQuery({ queryKey: [...calloutKeys.list, status, page], queryFn: ({ signal }) => calloutsApi.list({ status, page, pageSize: 20 }, signal), enabled: !id, refetchInterval: 10_000 });
  if (id) return <CalloutViewPage id={id} />;
  const manages = holds('callout:manage', me.permissions) && !me.scope.gridId;
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('callout.field.status')} style={{ width: 140 }} onChange={(s?: string) => { setPage(1); setStatus(s); }} options={CALLOUT_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'calloutStatus', s) }))} />
        {manages && <Button type="primary" data-testid="callout-create" onClick={() => setCreating(true)}>{t('callout.create')}</Button>}
      </Space>
      <Table<CalloutSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="callout-list"
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        onRow={(c) => ({ onClick: () => navigate(`/callouts?id=${c.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'name', title: t('callout.field.name'), dataIndex: 'name' },
          { key: 'status', title: t('callout.field.status'), dataIndex: 'status', width: 100, render: (s: CalloutStatus) => statusTag(t, s) },
          {
            key: 'progress', title: t('callout.progress'), width: 180,
            render: (_v, c) => <Progress size="small" percent={c.progress.total ? Math.round((done(c) / c.progress.total) * 100) : 0} format={() => `${done(c)}/${c.progress.total}`} />,
          },
          { key: 'answered', title: t('callout.count.answered'), responsive: ['md'], render: (_v, c) => c.progress.answered },
          { key: 'region', title: t('callout.field.region'), dataIndex: 'regionName', responsive: ['lg'] },
          { key: 'created', title: t('callout.field.createdAt'), dataIndex: 'createdAt', responsive: ['lg'], render: (v: string) => formatDateTime(v, locale) },
        ]}
      />
      {creating && <CreateCalloutModal onClose={() => setCreating(false)} onMade={(c) => { setCreating(false); navigate(`/callouts?id=${c.id}`); }} />}
    </>
  );
}

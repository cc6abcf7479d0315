/** Pickers of the order form (a contact under follow-up, a site with free beds), an order's steps and its follow-ups timeline. */
import { Button, Empty, Form, Input, Modal, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ContactSummary, QuarantineAction, QuarantineDetail, QuarantineStatus } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { useFeedback } from '../../app/feedback';
import { useI18n, type Translate } from '../../i18n/i18n';
import { useDebounced } from '../../shared/hooks/use-debounced';
import { enumLabel } from '../../shared/labels';
import type { DetailPartProps } from '../../shared/record-page/types';
import { quarantineApi, quarantineKeys } from './quarantine-api';

const STATUS_COLOURS: Record<QuarantineStatus, string> = { ordered: 'processing', in_quarantine: 'warning', released: 'success', lost: 'error', transferred: 'default', cancelled: 'default' };
export const orderStatusTag = (t: Translate, s: QuarantineStatus) => <Tag color={STATUS_COLOURS[s]}>{enumLabel(t, 'quarantineStatus', s)}</Tag>;
export const degreeTag = (t: Translate, d: number) => <Tag color={d === 1 ? 'red' : 'orange'}>{t(d === 1 ? 'quarantine.degree.close' : 'quarantine.degree.secondary')}</Tag>;

/**
 * Contacts under follow-up in the reader's scope (masked), newest exposure first; typing searches
 * the server by grid name or case number, so a contact past the first hundred can be found.
 */
export function ContactSelect({ value, onChange, 'data-testid': testId }: { value?: string; onChange?: (v: string) => void; 'data-testid'?: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  // Each list read is audited: ask once the user pauses, not at every key.
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ['quarantine', 'contacts', q],
    queryFn: ({ signal }) => api.get<Page<ContactSummary>>('/contacts', { status: 'following', pageSize: 100, ...(q ? { q } : {}) }, signal),
    placeholderData: (previous) => previous,
  });
  // Those already in quarantine are not offered again.
  const ordered = useQuery({ queryKey: [...quarantineKeys.orders, 'active-contacts'], queryFn: ({ signal }) => quarantineApi.list({ view: 'active', pageSize: 100 }, signal) });
  const taken = new Set((ordered.data?.items ?? []).map((o) => o.contactId));
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={onChange}
      placeholder={t('quarantine.pickContact')}
      loading={found.isLoading}
      data-testid={testId}
      options={(found.data?.items ?? []).filter((c) => !taken.has(c.id)).map((c) => ({ value: c.id, label: `${c.name ?? '—'} · ${c.caseNo} · ${t(c.degree === 1 ? 'quarantine.degree.close' : 'quarantine.degree.secondary')}${c.gridName ? ` · ${c.gridName}` : ''}` }))}
    />
  );
}

export function SiteSelect({ value, onChange, 'data-testid': testId }: { value?: string; onChange?: (v: string) => void; 'data-testid'?: string }) {
  const found = useQuery({ queryKey: quarantineKeys.sites, queryFn: ({ signal }) => quarantineApi.sites(signal) });
  return (
    <Select
      allowClear
      value={value}
      onChange={onChange}
      loading={found.isLoading}
      data-testid={testId}
      options={(found.data ?? []).map((s) => ({ value: s.id, label: `${s.name}（${s.occupancy}/${s.capacity}）`, disabled: s.occupancy >= s.capacity }))}
    />
  );
}

const NEEDS_REASON: readonly QuarantineAction[] = ['lose', 'transfer', 'cancel'];

export function OrderSteps({ record, onChange }: DetailPartProps<QuarantineDetail>) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [asking, setAsking] = useState<QuarantineAction | null>(null);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  if (record.actions.length === 0) return null;
  const run = async (action: QuarantineAction, extra: { reason?: string } = {}) => {
    setBusy(true);
    try {
      onChange(await quarantineApi.step(record, action, extra));
      feedback.success(t('quarantine.done', { action: t(`quarantine.action.${action}`) }));
      setAsking(null);
      setReason('');
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      {record.actions.map((a) => (
        <Button key={a} type={a === 'release' || a === 'start' ? 'primary' : 'default'} danger={a === 'lose'} loading={busy && asking === null} data-testid={`quarantine-action-${a}`} onClick={() => (NEEDS_REASON.includes(a) ? setAsking(a) : void run(a))}>
          {t(`quarantine.action.${a}`)}
        </Button>
      ))}
      {asking && (
        <Modal open title={t(`quarantine.action.${asking}`)} onCancel={() => setAsking(null)} onOk={() => reason.trim() && void run(asking, { reason: reason.trim() })} confirmLoading={busy} okButtonProps={{ disabled: !reason.trim() }}>
          <Form layout="vertical">
            <Form.Item label={t('quarantine.reason')} required>
              <Input.TextArea rows={2} maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="quarantine-action-reason" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Space>
  );
}

export function FollowUps({ record }: DetailPartProps<QuarantineDetail>) {
  const { t } = useI18n();
  if (record.followUps.length === 0) return <Empty description={t('quarantine.noFollowUps')} />;
  return (
    <>
      <Typography.Title level={5}>{t('quarantine.followUps')}</Typography.Title>
      <Timeline
        data-testid="quarantine-followups"
        items={record.followUps.map((f) => ({
          color: f.fever ? 'red' : f.status === 'done' ? 'green' : f.status === 'missed' ? 'gray' : 'blue',
          children: (
            <span>
              {f.day} · {t('quarantine.dayOf', { n: f.dayNo, total: record.totalDays })} · {enumLabel(t, 'followupStatus', f.status)}
              {f.temperature !== null && ` · ${f.temperature.toFixed(1)}℃`}
              {f.fever && <Tag color="red" style={{ marginLeft: 8 }}>{t('quarantine.fever')}</Tag>}
              {f.testDue && ` · ${t('quarantine.field.testResult')}: ${f.testResult ? enumLabel(t, 'testResult', f.testResult) : '—'}`}
              {f.symptoms.length > 0 && ` · ${f.symptoms.join('、')}`}
              {f.recordedByName && <Typography.Text type="secondary"> · {f.recordedByName}</Typography.Text>}
            </span>
          ),
        }))}
      />
    </>
  );
}

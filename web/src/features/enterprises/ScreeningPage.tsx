/**
 * The screening list (辖区企业排查): enterprises of one's scope with their status; a grid worker
 * records a result with a note, and may raise an issue as a ticket. Each enterprise's filers
 * (企业填报人, portal accounts linked to it) open from its row.
 */
import { Button, Checkbox, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { SCREENING_STATUSES, type ScreeningRow, type ScreeningStatus } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useSession } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime, orDash } from '../../shared/format';
import { enterpriseKeys, enterprisesApi } from './enterprises-api';
import { FilersDialog } from './FilersDialog';

const COLOURS: Record<ScreeningStatus, string> = { not_screened: 'default', ok: 'success', issue: 'error' };

export default function ScreeningPage() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [status, setStatus] = useState<ScreeningStatus | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<ScreeningRow | null>(null);
  const [filers, setFilers] = useState<ScreeningRow | null>(null);
  const params = { status, q: q || undefined, page, pageSize: 50 };
  const list = useQuery({ queryKey: enterpriseKeys.screening(params), queryFn: ({ signal }) => enterprisesApi.screening(params, signal) });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('menu.enterpriseScreening')}</Typography.Title>
      <Space wrap>
        <Input.Search allowClear placeholder={t('record.filter.q')} onSearch={(v) => { setQ(v); setPage(1); }} style={{ width: 220 }} />
        <Select allowClear style={{ width: 160 }} placeholder={t('enterprise.field.screening')} value={status} onChange={(v) => { setStatus(v); setPage(1); }}
          options={SCREENING_STATUSES.map((s) => ({ value: s, label: t(`enterprise.screening.${s}`) }))} data-testid="enterprise-screening-status" />
      </Space>
      <Table<ScreeningRow>
        size="small"
        rowKey="organizationId"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 50, total: list.data?.total ?? 0, onChange: setPage }}
        data-testid="enterprise-screening-table"
        columns={[
          { key: 'name', title: t('enterprise.field.enterprise'), dataIndex: 'organizationName' },
          { key: 'grid', title: t('enterprise.field.grid'), dataIndex: 'gridName' },
          { key: 'status', title: t('enterprise.field.screening'), dataIndex: 'status', render: (s: ScreeningStatus) => <Tag color={COLOURS[s]}>{t(`enterprise.screening.${s}`)}</Tag> },
          { key: 'note', title: t('enterprise.field.note'), dataIndex: 'note', ellipsis: true, render: (v: string | null) => orDash(v) },
          { key: 'by', title: t('enterprise.field.screenedBy'), render: (_, r) => orDash(r.screenedAt && `${r.screenedBy ?? ''} ${formatDateTime(r.screenedAt, locale)}`) },
          { key: 'ticket', title: t('enterprise.field.ticket'), dataIndex: 'ticketNumber', render: (v: string | null) => orDash(v) },
          {
            key: 'act', title: '',
            render: (_, r) => (
              <Space size="small">
                {session.can('enterprise:write') && <Button size="small" onClick={() => setEditing(r)} data-testid={`enterprise-screening-set-${r.organizationId}`}>{t('enterprise.screen')}</Button>}
                <Button size="small" onClick={() => setFilers(r)} data-testid={`enterprise-screening-filers-${r.organizationId}`}>{t('enterprise.filer.open')}</Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && <ScreenDialog row={editing} onClose={() => setEditing(null)} />}
      {filers && <FilersDialog organizationId={filers.organizationId} name={filers.organizationName} onClose={() => setFilers(null)} />}
    </Space>
  );
}

function ScreenDialog({ row, onClose }: { row: ScreeningRow; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<'ok' | 'issue'>(row.status === 'issue' ? 'issue' : 'ok');
  const [note, setNote] = useState(row.note ?? '');
  const [raise, setRaise] = useState(false);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    try {
      await enterprisesApi.screen(row.organizationId, { version: row.version, status, note: note.trim(), ...(status === 'issue' && raise ? { raiseTicket: true } : {}) });
      feedback.success(t('enterprise.screened'));
      await queryClient.invalidateQueries({ queryKey: ['enterprises', 'screening'] });
      onClose();
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={`${t('enterprise.screen')}：${row.organizationName}`} onCancel={onClose} onOk={save} okButtonProps={{ loading: busy, disabled: !note.trim() }} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Radio.Group value={status} onChange={(e) => setStatus(e.target.value as 'ok' | 'issue')} options={[{ value: 'ok', label: t('enterprise.screening.ok') }, { value: 'issue', label: t('enterprise.screening.issue') }]} />
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('enterprise.field.note')} data-testid="enterprise-screening-note" />
        {status === 'issue' && !row.ticketNumber && <Checkbox checked={raise} onChange={(e) => setRaise(e.target.checked)}>{t('enterprise.raiseTicket')}</Checkbox>}
      </Space>
    </Modal>
  );
}

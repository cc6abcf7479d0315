/**
 * The daily employee health registration: the enterprises approved to resume and whether they
 * registered on the chosen day; opening one shows its employees to mark present or absent, with
 * temperature and symptoms. Absent and abnormal staff are flagged once saved.
 */
import { Button, Card, DatePicker, InputNumber, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { SYMPTOMS, type DayOverviewRow, type HealthReport } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { useSession } from '../../app/session';
import { enterpriseKeys, enterprisesApi, type HealthEntryValue } from './enterprises-api';

const today = () => dayjs().format('YYYY-MM-DD');

export default function HealthPage() {
  const { t } = useI18n();
  const [day, setDay] = useState(today());
  const [open, setOpen] = useState<string | null>(null);
  const overview = useQuery({ queryKey: enterpriseKeys.day(day), queryFn: ({ signal }) => enterprisesApi.dayOverview(day, signal) });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>{t('menu.enterpriseHealth')}</Typography.Title>
      <Space>
        <span>{t('enterprise.field.day')}</span>
        <DatePicker value={dayjs(day)} allowClear={false} disabledDate={(d) => d.isAfter(dayjs(), 'day') || d.isBefore(dayjs().subtract(7, 'day'), 'day')} onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))} data-testid="enterprise-health-day" />
      </Space>
      <Table<DayOverviewRow>
        size="small"
        rowKey="organizationId"
        loading={overview.isLoading}
        dataSource={overview.data?.items ?? []}
        pagination={false}
        data-testid="enterprise-health-table"
        columns={[
          { key: 'name', title: t('enterprise.field.enterprise'), dataIndex: 'organizationName' },
          { key: 'grid', title: t('enterprise.field.grid'), dataIndex: 'gridName' },
          { key: 'registered', title: t('enterprise.field.registered'), render: (_, r) => (r.registered ? <Tag color="success">{t('enterprise.registered')}</Tag> : <Tag color="warning">{t('enterprise.notRegistered')}</Tag>) },
          { key: 'counts', title: t('enterprise.field.counts'), render: (_, r) => (r.registered ? t('enterprise.countsValue', { present: String(r.presentCount), absent: String(r.absentCount), abnormal: String(r.abnormalCount) }) : '—') },
          { key: 'open', title: '', render: (_, r) => <Button size="small" onClick={() => setOpen(r.organizationId)} data-testid={`enterprise-health-open-${r.organizationId}`}>{t('enterprise.openDay')}</Button> },
        ]}
      />
      {open && <DayCard key={`${open}-${day}`} organizationId={open} day={day} />}
    </Space>
  );
}

function DayCard({ organizationId, day }: { organizationId: string; day: string }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const queryClient = useQueryClient();
  const session = useSession();
  const canWrite = session.can('enterprise:write');
  const report = useQuery({ queryKey: enterpriseKeys.health(organizationId, day), queryFn: ({ signal }) => enterprisesApi.health(organizationId, day, signal) });
  const [entries, setEntries] = useState<HealthEntryValue[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (report.data) setEntries(report.data.entries.map((e) => ({ residentId: e.residentId, present: e.present, temperature: e.temperature, symptoms: e.symptoms, ...(e.note ? { note: e.note } : {}) })));
  }, [report.data]);
  if (!report.data) return null;
  const names = new Map(report.data.entries.map((e) => [e.residentId, e]));
  const patch = (residentId: string, change: Partial<HealthEntryValue>) => setEntries((list) => list.map((e) => (e.residentId === residentId ? { ...e, ...change } : e)));
  const save = async () => {
    setBusy(true);
    try {
      const saved: HealthReport = await enterprisesApi.register(organizationId, day, entries);
      queryClient.setQueryData(enterpriseKeys.health(organizationId, day), saved);
      await queryClient.invalidateQueries({ queryKey: enterpriseKeys.day(day) });
      feedback.success(t('enterprise.healthSaved'));
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={`${report.data.organizationName} · ${day}`} data-testid="enterprise-health-card">
      <Table<HealthEntryValue>
        size="small"
        rowKey="residentId"
        pagination={false}
        dataSource={entries}
        columns={[
          { key: 'name', title: t('enterprise.field.name'), render: (_, e) => names.get(e.residentId)?.name },
          { key: 'id', title: t('enterprise.field.idNumber'), render: (_, e) => names.get(e.residentId)?.idMasked },
          { key: 'present', title: t('enterprise.field.present'), render: (_, e) => <Switch size="small" checked={e.present} disabled={!canWrite} onChange={(v) => patch(e.residentId, { present: v })} /> },
          {
            key: 'temperature', title: t('enterprise.field.temperature'),
            render: (_, e) => <InputNumber size="small" min={34} max={43} step={0.1} disabled={!canWrite || !e.present} value={e.temperature ?? null} onChange={(v) => patch(e.residentId, { temperature: v })} />,
          },
          {
            key: 'symptoms', title: t('enterprise.field.symptoms'),
            render: (_, e) => (
              <Select size="small" mode="multiple" style={{ minWidth: 160 }} disabled={!canWrite || !e.present} value={e.symptoms ?? []} onChange={(v: string[]) => patch(e.residentId, { symptoms: v })}
                options={SYMPTOMS.map((s) => ({ value: s, label: t(`enterprise.symptom.${s}`) }))} />
            ),
          },
          {
            key: 'flag', title: t('enterprise.field.flag'),
            render: (_, e) => {
              const flag = names.get(e.residentId)?.flag;
              return report.data.registered && flag ? <Tag color={flag === 'abnormal' ? 'error' : 'warning'}>{t(`enterprise.flag.${flag}`)}</Tag> : null;
            },
          },
        ]}
      />
      {canWrite && <Button type="primary" loading={busy} onClick={save} style={{ marginTop: 12 }} data-testid="enterprise-health-save">{t('enterprise.saveHealth')}</Button>}
    </Card>
  );
}

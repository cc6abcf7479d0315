/**
 * No-petition villages (无上访村): the month's status of every village or community in scope
 * (达标 / 未达标, the criteria not met with their figures, the change from the month before),
 * as a table or a map layer; one village's checks and its twelve months in a drawer; the
 * criteria editor; and, for those who may, assessing the month again.
 */
import { Button, Card, Descriptions, Drawer, Empty, Select, Space, Statistic, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { VILLAGE_CHANGES, VILLAGE_STATUSES, type VillageChange, type VillageCheck, type VillageMonth } from '@gridgov/contracts';
import { useSession } from '../../app/session';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { petitionKeys, petitionsApi } from './petitions-api';
import CriteriaEditor from './CriteriaEditor';
import { STATUS_COLORS } from './village-colors';

const VillageStatusMap = lazy(() => import('./VillageStatusMap'));

const CHANGE_COLORS: Record<VillageChange, string> = { lost: 'red', regained: 'green', kept: 'default', still_not_met: 'orange', first: 'default' };

function checkText(c: VillageCheck, locale: string): string {
  const value = c.value === null ? '—' : c.metric === 'dispute_resolution_rate' ? `${c.value}%` : String(c.value);
  return `${locale === 'en' ? c.label.en : c.label.zh}: ${value} (${c.bound === 'max' ? '≤' : '≥'} ${c.threshold})`;
}

function StatusTag({ status }: { status: VillageMonth['status'] }) {
  const { t } = useI18n();
  return <Tag color={status === 'met' ? 'green' : 'red'} data-testid={`status-${status}`}>{t(`petition.status.${status}`)}</Tag>;
}

function VillageDrawer({ code, month, onClose }: { code: string; month: string | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const detail = useQuery({ queryKey: petitionKeys.detail(code, month), queryFn: ({ signal }) => petitionsApi.detail(code, month, signal) });
  const d = detail.data;
  const current = d?.current ?? null;
  return (
    <Drawer open width={640} onClose={onClose} title={d ? `${d.regionName}（${d.townshipName}）` : ''} loading={detail.isLoading}>
      <div data-testid="petitions-detail">
        {d && !current && <Empty description={t('petition.notAssessed')} />}
        {current && (
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Descriptions size="small" column={2} bordered>
              <Descriptions.Item label={t('petition.field.month')}>{current.month}</Descriptions.Item>
              <Descriptions.Item label={t('petition.field.status')}><StatusTag status={current.status} /></Descriptions.Item>
              <Descriptions.Item label={t('petition.field.change')}><Tag color={CHANGE_COLORS[current.change]}>{t(`petition.change.${current.change}`)}</Tag></Descriptions.Item>
              <Descriptions.Item label={t('petition.field.computedAt')}>{formatDateTime(current.computedAt, locale)}</Descriptions.Item>
              <Descriptions.Item label={t('petition.field.petitions')}>{current.figures.petitions}</Descriptions.Item>
              <Descriptions.Item label={t('petition.field.beyondTownship')}>{current.figures.beyondTownship}</Descriptions.Item>
              <Descriptions.Item label={t('petition.field.collective')}>{current.figures.collective}</Descriptions.Item>
              <Descriptions.Item label={t('petition.field.overdueDisputes')}>{current.figures.overdueDisputes}</Descriptions.Item>
              <Descriptions.Item label={t('petition.field.disputesConcluded')}>{`${current.figures.disputesResolved} / ${current.figures.disputesConcluded}`}</Descriptions.Item>
              <Descriptions.Item label={t('petition.field.resolutionRate')}>{current.figures.resolutionRate === null ? '—' : `${current.figures.resolutionRate}%`}</Descriptions.Item>
            </Descriptions>
            <Table<VillageCheck>
              rowKey="metric"
              size="small"
              pagination={false}
              data-testid="petitions-checks"
              dataSource={current.checks}
              columns={[
                { key: 'label', title: t('petition.criteria.metric'), render: (_, c) => (locale === 'en' ? c.label.en : c.label.zh) },
                { key: 'threshold', title: t('petition.criteria.threshold'), render: (_, c) => `${c.bound === 'max' ? '≤' : '≥'} ${c.threshold}` },
                { key: 'value', title: t('petition.field.value'), render: (_, c) => (c.value === null ? '—' : c.value) },
                { key: 'passed', title: t('petition.field.status'), render: (_, c) => (c.passed ? <Tag color="green">{t('petition.passed')}</Tag> : <Tag color="red">{t('petition.failed')}</Tag>) },
              ]}
            />
            <Typography.Title level={5}>{t('petition.history')}</Typography.Title>
            <div data-testid="petitions-history" style={{ display: 'grid', gridTemplateColumns: 'repeat(6, 1fr)', gap: 6 }}>
              {d!.history.map((h) => (
                <Tooltip key={h.month} title={h.entry ? h.entry.checks.filter((c) => !c.passed).map((c) => checkText(c, locale)).join('；') || t('petition.status.met') : t('petition.notAssessed')}>
                  <div data-testid={`history-${h.month}`} data-status={h.entry?.status ?? 'none'} style={{ padding: '6px 4px', borderRadius: 4, textAlign: 'center', fontSize: 12, color: h.entry ? '#fff' : '#334155', background: STATUS_COLORS[h.entry?.status ?? 'none'] }}>
                    {h.month}
                    <br />
                    {h.entry ? t(`petition.status.${h.entry.status}`) : '—'}
                  </div>
                </Tooltip>
              ))}
            </div>
          </Space>
        )}
      </div>
    </Drawer>
  );
}

export default function NoPetitionVillagesPage() {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [month, setMonth] = useState<string | null>(null);
  const [status, setStatus] = useState<string | undefined>();
  const [change, setChange] = useState<string | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const params = { ...(month ? { month } : {}) };
  const list = useQuery({ queryKey: petitionKeys.list(params), queryFn: ({ signal }) => petitionsApi.list(params, signal) });
  const data = list.data;
  const shownMonth = month ?? data?.month ?? null;
  const items = (data?.items ?? []).filter((i) => (!status || i.status === status) && (!change || i.change === change));
  const assess = useMutation({
    mutationFn: (m: string) => petitionsApi.assess(m),
    onSuccess: async (r) => {
      feedback.success(t('petition.assessed', { villages: r.villages, met: r.met, changed: r.changed }));
      await client.invalidateQueries({ queryKey: petitionKeys.all });
    },
    onError: (error) => feedback.error(error),
  });
  const s = data?.summary;
  const rate = s && s.villages > 0 ? Math.round((1000 * s.met) / s.villages) / 10 : null;

  const table = (
    <Table<VillageMonth>
      rowKey="regionCode"
      size="small"
      loading={list.isLoading}
      dataSource={items}
      data-testid="petitions-table"
      scroll={{ x: 980 }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      onRow={(r) => ({ 'data-testid': `petitions-row-${r.regionCode}`, onClick: () => setOpen(r.regionCode), style: { cursor: 'pointer' } }) as object}
      columns={[
        { key: 'name', title: t('petition.field.village'), render: (_, r) => <span>{r.regionName}<br /><Typography.Text type="secondary">{r.townshipName}</Typography.Text></span> },
        { key: 'status', title: t('petition.field.status'), render: (_, r) => <StatusTag status={r.status} /> },
        { key: 'failed', title: t('petition.field.failed'), render: (_, r) => (r.failed.length === 0 ? '—' : <Space direction="vertical" size={0}>{r.checks.filter((c) => !c.passed).map((c) => <Typography.Text key={c.metric} type="danger">{checkText(c, locale)}</Typography.Text>)}</Space>) },
        { key: 'change', title: t('petition.field.change'), render: (_, r) => <Tag color={CHANGE_COLORS[r.change]}>{t(`petition.change.${r.change}`)}</Tag> },
        { key: 'petitions', title: t('petition.field.petitions'), align: 'right', render: (_, r) => r.figures.petitions },
        { key: 'beyond', title: t('petition.field.beyondTownship'), align: 'right', render: (_, r) => r.figures.beyondTownship },
        { key: 'collective', title: t('petition.field.collective'), align: 'right', render: (_, r) => r.figures.collective },
        { key: 'overdue', title: t('petition.field.overdueDisputes'), align: 'right', render: (_, r) => r.figures.overdueDisputes },
        { key: 'rate', title: t('petition.field.resolutionRate'), align: 'right', render: (_, r) => (r.figures.resolutionRate === null ? '—' : `${r.figures.resolutionRate}%`) },
      ]}
    />
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="petitions-page">
      <Card title={t('menu.noPetitionVillages')}>
          <Space wrap style={{ marginBottom: 16 }}>
            <Select
              style={{ width: 130 }}
              data-testid="petitions-month"
              placeholder={t('petition.field.month')}
              value={shownMonth ?? undefined}
              options={(data?.months ?? []).map((m) => ({ value: m, label: m }))}
              onChange={(m: string) => setMonth(m)}
            />
            <Select allowClear style={{ width: 120 }} data-testid="petitions-status" placeholder={t('petition.field.status')} value={status} onChange={setStatus} options={VILLAGE_STATUSES.map((v) => ({ value: v, label: t(`petition.status.${v}`) }))} />
            <Select allowClear style={{ width: 140 }} data-testid="petitions-change" placeholder={t('petition.field.change')} value={change} onChange={setChange} options={VILLAGE_CHANGES.map((v) => ({ value: v, label: t(`petition.change.${v}`) }))} />
            {can('petition_village:configure') && shownMonth && (
              <Button data-testid="petitions-assess" loading={assess.isPending} onClick={() => assess.mutate(shownMonth)}>{t('petition.assess')}</Button>
            )}
          </Space>
        {data && data.month === null ? (
          <Empty description={t('petition.none')} />
        ) : (
          <Space wrap size="large" data-testid="petitions-summary">
            <Statistic title={t('petition.summary.villages')} value={s?.villages ?? 0} />
            <Statistic title={t('petition.summary.met')} value={s?.met ?? 0} suffix={rate === null ? undefined : `(${rate}%)`} valueStyle={{ color: '#16a34a' }} />
            <Statistic title={t('petition.summary.notMet')} value={s?.notMet ?? 0} valueStyle={{ color: '#dc2626' }} />
            <Statistic title={t('petition.summary.lost')} value={s?.lost ?? 0} valueStyle={{ color: '#dc2626' }} />
            <Statistic title={t('petition.summary.regained')} value={s?.regained ?? 0} valueStyle={{ color: '#16a34a' }} />
            <Statistic title={t('petition.summary.previousMet')} value={s?.previousMet ?? '—'} />
          </Space>
        )}
      </Card>
      <Tabs
        items={[
          { key: 'table', label: t('petition.tab.table'), children: table },
          { key: 'map', label: t('petition.tab.map'), children: <Suspense fallback={null}><VillageStatusMap items={data?.items ?? []} onOpen={setOpen} /></Suspense> },
          { key: 'criteria', label: t('petition.tab.criteria'), children: <CriteriaEditor /> },
        ]}
        destroyOnHidden
      />
      {open && <VillageDrawer code={open} month={shownMonth} onClose={() => setOpen(null)} />}
    </Space>
  );
}

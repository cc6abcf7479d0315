/** The key-persons register: a config of the shared record page; every read carries the stated purpose. */
import { Space, Tag } from 'antd';
import { KP_RISK_LEVELS, type KpDetail, type KpSummary } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';
import { enumLabel, enumOptions } from '../../shared/labels';
import { formatDateTime, orDash } from '../../shared/format';
import type { RecordPageConfig } from '../../shared/record-page/types';
import { CategoryName, useCategories } from './CategoryName';
import { KpAnswers, KpRiskHistory, KpVisits } from './KpParts';
import { KpSteps } from './KpSteps';
import { keypersonKeys, keypersonsApi } from './keypersons-api';
import { currentPurpose } from './purpose';

const RISK_COLOURS: Record<string, string> = { high: 'red', medium: 'orange', low: 'green' };
export const riskTag = (t: Translate, risk: string) => <Tag color={RISK_COLOURS[risk]}>{enumLabel(t, 'kpRisk', risk)}</Tag>;

function CategoryFilter(props: { value?: string; onChange?: (v: string | undefined) => void; testId: string; t: Translate }) {
  const { data } = useCategories();
  return (
    <select
      data-testid={props.testId}
      value={props.value ?? ''}
      onChange={(e) => props.onChange?.(e.target.value || undefined)}
      style={{ height: 32, minWidth: 140, borderRadius: 6, border: '1px solid #d9d9d9', padding: '0 8px', background: 'inherit', color: 'inherit' }}
    >
      <option value="">{props.t('common.all')}</option>
      {(data ?? []).map((c) => (
        <option key={c.code} value={c.code}>
          {c.name.zh}
        </option>
      ))}
    </select>
  );
}

type Row = KpSummary & Partial<Omit<KpDetail, keyof KpSummary>>;

export const keypersonPage: RecordPageConfig<KpDetail, Record<string, unknown>> = {
  slug: 'keypersons',
  title: 'menu.keypersons',
  noun: (t) => t('kp.noun'),
  recordName: (k) => k.name,
  source: {
    key: keypersonKeys.all,
    list: (query, paging, signal) => keypersonsApi.list({ ...query, ...paging, purpose: currentPurpose() }, signal) as never,
    get: (id, signal) => keypersonsApi.get(id, currentPurpose(), signal),
    conflictCode: 'KEYPERSON_VERSION_CONFLICT',
  },
  permissions: {},
  columns: ({ t, locale }) => [
    {
      key: 'name',
      title: t('kp.field.name'),
      dataIndex: 'name',
      render: (name: string, k: Row) => (
        <Space size={4}>
          {name}
          {k.minor && <Tag color="purple">{t('kp.minor')}</Tag>}
        </Space>
      ),
    },
    { key: 'id', title: t('kp.field.idNumber'), dataIndex: 'idNumberMasked', responsive: ['md'] },
    { key: 'category', title: t('kp.field.category'), dataIndex: 'categoryCode', needs: 'keyperson:category', render: (c: string | null) => (c ? <CategoryName code={c} /> : '—') },
    { key: 'risk', title: t('kp.field.risk'), dataIndex: 'riskLevel', render: (r: string, k: Row) => (<Space size={4}>{riskTag(t, r)}{k.managementLevel && <Tag>{enumLabel(t, 'kpManagement', k.managementLevel)}</Tag>}</Space>) },
    { key: 'grid', title: t('kp.field.grid'), dataIndex: 'gridName', responsive: ['lg'] },
    { key: 'worker', title: t('kp.field.worker'), dataIndex: 'workerName', responsive: ['lg'], render: (v: string | null) => orDash(v) },
    {
      key: 'due',
      title: t('kp.field.nextVisit'),
      dataIndex: 'nextVisitDue',
      render: (v: string, k: Row) => (<Space size={4}>{formatDateTime(v, locale).slice(0, 10)}{k.overdue && <Tag color="red" data-testid={`keypersons-overdue-${k.id}`}>{t('kp.overdue')}</Tag>}</Space>),
    },
    { key: 'status', title: t('kp.field.status'), dataIndex: 'status', render: (s: string) => enumLabel(t, 'kpStatus', s) },
  ],
  filters: [
    { type: 'custom', name: 'category', label: 'kp.field.category', needs: 'keyperson:category', render: ({ t, testId }) => <CategoryFilter t={t} testId={testId} /> },
    { type: 'select', name: 'risk', label: 'kp.field.risk', options: (t) => enumOptions(t, 'kpRisk', KP_RISK_LEVELS) },
    { type: 'grid', name: 'gridId', label: 'record.filter.grid', scope: 'region', fromUrl: 'grid' },
    { type: 'select', name: 'overdue', label: 'kp.filter.overdue', fromUrl: 'overdue', options: (t) => [{ value: 'true', label: t('kp.overdue') }] },
  ],
  rowActions: [
    {
      key: 'request',
      label: 'kp.requestAccess',
      needs: 'keyperson:read',
      when: (k) => k.minor,
      confirm: { title: 'kp.minorLocked', description: 'kp.requested' },
      run: async (k, ctx) => {
        await keypersonsApi.requestAccess(k.id, currentPurpose());
        await ctx.refresh();
      },
    },
  ],
  detail: {
    width: 880,
    Header: KpSteps,
    sections: [
      {
        key: 'fields',
        fields: (k, { t, locale }) => [
          { key: 'name', label: t('kp.field.name'), children: k.name },
          { key: 'id', label: t('kp.field.idNumber'), children: k.idNumberMasked },
          ...(k.categoryCode ? [{ key: 'category', label: t('kp.field.category'), children: <CategoryName code={k.categoryCode} /> }] : []),
          { key: 'risk', label: t('kp.field.risk'), children: riskTag(t, k.riskLevel) },
          ...(k.managementLevel ? [{ key: 'management', label: t('kp.field.management'), children: enumLabel(t, 'kpManagement', k.managementLevel) }] : []),
          { key: 'status', label: t('kp.field.status'), children: enumLabel(t, 'kpStatus', k.status) },
          { key: 'grid', label: t('kp.field.grid'), children: k.gridName },
          { key: 'worker', label: t('kp.field.worker'), children: orDash(k.workerName) },
          { key: 'helpers', label: t('kp.field.helpers'), children: orDash(k.helpers.map((h) => `${h.name}（${h.role}）`).join('、')) },
          { key: 'interval', label: t('kp.field.interval'), children: t('kp.field.intervalDays', { days: k.visitIntervalDays }) },
          { key: 'next', label: t('kp.field.nextVisit'), children: <span data-testid="keypersons-next-visit">{formatDateTime(k.nextVisitDue, locale)}{k.overdue ? ` (${t('kp.overdue')})` : ''}</span> },
          { key: 'last', label: t('kp.field.lastVisit'), children: orDash(k.lastVisitAt && formatDateTime(k.lastVisitAt, locale)) },
          ...(k.handover ? [{ key: 'handover', label: t('kp.field.handover'), children: `${k.handover.toGridName}：${k.handover.reason}` }] : []),
        ],
      },
      { key: 'answers', tab: 'kp.tab.answers', needs: 'keyperson:category', Component: KpAnswers },
      { key: 'history', tab: 'kp.tab.history', Component: KpRiskHistory },
      { key: 'visits', tab: 'kp.tab.visits', Component: KpVisits },
    ],
  },
};

/** The resumption applications: a config of the shared record page; the review steps in the detail's header. */
import { Table, Tag } from 'antd';
import { APPLICATION_STATUSES, type Application, type ApplicationStatus } from '@gridgov/contracts';
import type { Page } from '../../api/types';
import { useI18n, type Translate } from '../../i18n/i18n';
import { formatDateTime, orDash } from '../../shared/format';
import type { DetailPartProps, RecordPageConfig } from '../../shared/record-page/types';
import { ApplicationSteps } from './ApplicationSteps';
import { NewApplication } from './NewApplication';
import { enterpriseKeys, enterprisesApi } from './enterprises-api';

const STATUS_COLOURS: Record<ApplicationStatus, string> = { draft: 'default', submitted: 'processing', returned: 'warning', approved: 'success', rejected: 'error', revoked: 'magenta' };
const statusOptions = (t: Translate) => APPLICATION_STATUSES.map((s) => ({ value: s, label: t(`enterprise.status.${s}`) }));
const statusTag = (t: Translate, status: ApplicationStatus) => <Tag color={STATUS_COLOURS[status]}>{t(`enterprise.status.${status}`)}</Tag>;

function StaffList({ record }: DetailPartProps<Application>) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey="residentId"
      pagination={false}
      dataSource={record.staff}
      data-testid="enterprise-applications-staff"
      columns={[
        { key: 'name', title: t('enterprise.field.name'), dataIndex: 'name' },
        { key: 'id', title: t('enterprise.field.idNumber'), dataIndex: 'idMasked' },
        { key: 'phone', title: t('enterprise.field.phone'), dataIndex: 'phoneMasked', render: (v: string | null) => orDash(v) },
        { key: 'returning', title: t('enterprise.field.returning'), dataIndex: 'returning', render: (v: boolean, s) => (v ? `✓ ${s.comingFrom ?? ''}` : '—') },
      ]}
    />
  );
}

export const applicationPage: RecordPageConfig<Application, Record<string, unknown>> = {
  slug: 'enterprise-applications',
  title: 'menu.enterpriseApplications',
  noun: (t) => t('enterprise.noun'),
  recordName: (a) => `${a.organizationName} ${a.number}`,
  source: {
    key: enterpriseKeys.applications,
    list: (query, paging, signal) => enterprisesApi.list({ ...query, ...paging }, signal) as Promise<Page<Application>>,
    get: (id, signal) => enterprisesApi.get(id, signal),
    conflictCode: 'ENTERPRISE_APPLICATION_VERSION_CONFLICT',
  },
  permissions: {},
  columns: ({ t }) => [
    { key: 'number', title: t('enterprise.field.number'), dataIndex: 'number' },
    { key: 'enterprise', title: t('enterprise.field.enterprise'), dataIndex: 'organizationName', ellipsis: true },
    { key: 'grid', title: t('enterprise.field.grid'), dataIndex: 'gridName' },
    { key: 'resumeOn', title: t('enterprise.field.resumeOn'), dataIndex: 'resumeOn', render: (v: string | null) => orDash(v) },
    { key: 'staff', title: t('enterprise.field.staffCount'), render: (_: unknown, a: Application) => `${a.staffCount} / ${a.returningCount}` },
    { key: 'status', title: t('enterprise.field.status'), dataIndex: 'status', render: (s: ApplicationStatus) => statusTag(t, s) },
  ],
  filters: [
    { type: 'region', name: 'region', label: 'record.filter.region', scope: 'region' },
    { type: 'text', name: 'q', label: 'record.filter.q' },
    { type: 'select', name: 'status', label: 'enterprise.field.status', options: statusOptions },
  ],
  toolbar: [{ key: 'new', label: 'enterprise.new', needs: 'enterprise:write', Dialog: ({ onClose }) => <NewApplication onClose={onClose} /> }],
  detail: {
    width: 760,
    Header: ApplicationSteps,
    sections: [
      {
        key: 'fields',
        fields: (a, { t, locale }) => [
          { key: 'status', label: t('enterprise.field.status'), children: statusTag(t, a.status) },
          { key: 'enterprise', label: t('enterprise.field.enterprise'), children: a.organizationName },
          { key: 'contact', label: t('enterprise.field.contact'), children: orDash([a.contactName, a.contactPhoneMasked].filter(Boolean).join(' ')) },
          { key: 'resumeOn', label: t('enterprise.field.resumeOn'), children: orDash(a.resumeOn) },
          { key: 'responsible', label: t('enterprise.field.responsible'), children: orDash(String(a.answers.responsible ?? '')) },
          { key: 'supplies', label: t('enterprise.field.supplies'), children: t('enterprise.suppliesValue', { masks: String(a.answers.masks ?? 0), thermometers: String(a.answers.thermometers ?? 0), litres: String(a.answers.disinfectant_litres ?? 0) }) },
          { key: 'plan', label: t('enterprise.field.plan'), span: 2, children: <div style={{ whiteSpace: 'pre-wrap' }}>{String(a.answers.prevention_plan ?? '')}</div> },
          { key: 'submittedAt', label: t('enterprise.field.submittedAt'), children: orDash(a.submittedAt && formatDateTime(a.submittedAt, locale)) },
          { key: 'decidedAt', label: t('enterprise.field.decidedAt'), children: orDash(a.decidedAt && formatDateTime(a.decidedAt, locale)) },
        ],
      },
      { key: 'staff', tab: 'enterprise.field.staff', Component: StaffList },
      {
        key: 'steps',
        tab: 'enterprise.field.steps',
        fields: (a, { t, locale }) =>
          a.steps.map((s, i) => ({ key: String(i), span: 2, label: `${formatDateTime(s.at, locale)} ${orDash(s.actorName)}`, children: `${t(`enterprise.action.${s.action}` as 'enterprise.action.submit')}${s.note ? `：${s.note}` : ''}` })),
      },
    ],
  },
};

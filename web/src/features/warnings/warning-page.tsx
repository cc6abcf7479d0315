/** The risk-warnings page: a config of the shared record page (filters, severity colours), evidence and steps in the detail. */
import { Tag } from 'antd';
import { WARNING_SEVERITIES, WARNING_STATUSES, type WarningSeverity, type WarningStatus } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';
import { formatDateTime, orDash } from '../../shared/format';
import type { RecordPageConfig } from '../../shared/record-page/types';
import { WarningEvidence } from './WarningEvidence';
import { WarningSteps } from './WarningSteps';
import { warningKeys, warningsApi, type WarningRecord } from './warnings-api';

const SEVERITY_COLOURS: Record<WarningSeverity, string> = { low: 'blue', medium: 'orange', high: 'red' };
const STATUS_COLOURS: Record<WarningStatus, string> = { raised: 'error', acknowledged: 'processing', assigned: 'processing', handled: 'warning', closed: 'success', false_positive: 'default' };
export const severityTag = (t: Translate, s: WarningSeverity) => <Tag color={SEVERITY_COLOURS[s]}>{t(`warning.severity.${s}`)}</Tag>;
const statusTag = (t: Translate, s: WarningStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`warning.status.${s}`)}</Tag>;
const facts = (w: WarningRecord) => Object.entries(w.facts).map(([k, v]) => `${k}: ${String(v)}`).join('；');

export const warningPage: RecordPageConfig<WarningRecord> = {
  slug: 'warnings',
  title: 'menu.warnings',
  noun: (t) => t('warning.noun'),
  recordName: (w) => w.ruleName,
  source: {
    key: warningKeys.all,
    list: (query, paging, signal) => warningsApi.list({ ...query, ...paging }, signal),
    get: (id, signal) => warningsApi.get(id, signal),
    conflictCode: 'WARNING_VERSION_CONFLICT',
  },
  permissions: {},
  columns: ({ t, locale }) => [
    { key: 'rule', title: t('warning.field.rule'), dataIndex: 'ruleName', ellipsis: true },
    { key: 'severity', title: t('warning.field.severity'), dataIndex: 'severity', render: (s: WarningSeverity) => severityTag(t, s) },
    { key: 'region', title: t('warning.field.region'), dataIndex: 'regionName' },
    { key: 'grid', title: t('warning.field.grid'), dataIndex: 'gridName', render: (g: string | null) => orDash(g) },
    { key: 'status', title: t('warning.field.status'), dataIndex: 'status', render: (s: WarningStatus) => statusTag(t, s) },
    { key: 'raisedAt', title: t('warning.field.raisedAt'), dataIndex: 'raisedAt', render: (v: string) => formatDateTime(v, locale) },
  ],
  filters: [
    { type: 'select', name: 'status', label: 'warning.field.status', options: (t) => [{ value: 'open', label: t('warning.status.open') }, ...WARNING_STATUSES.map((s) => ({ value: s, label: t(`warning.status.${s}`) }))] },
    { type: 'select', name: 'severity', label: 'warning.field.severity', options: (t) => WARNING_SEVERITIES.map((s) => ({ value: s, label: t(`warning.severity.${s}`) })) },
    { type: 'region', name: 'region', label: 'record.filter.region', scope: 'region' },
  ],
  detail: {
    Header: WarningSteps,
    sections: [
      {
        key: 'fields',
        fields: (w, { t, locale }) => [
          { key: 'rule', label: t('warning.field.rule'), children: w.ruleName },
          { key: 'severity', label: t('warning.field.severity'), children: severityTag(t, w.severity) },
          { key: 'status', label: t('warning.field.status'), children: statusTag(t, w.status) },
          { key: 'level', label: t('warning.field.level'), children: t(`warning.level.${w.level}`) },
          { key: 'region', label: t('warning.field.region'), children: w.regionName },
          { key: 'grid', label: t('warning.field.grid'), children: orDash(w.gridName) },
          { key: 'raisedAt', label: t('warning.field.raisedAt'), children: formatDateTime(w.raisedAt, locale) },
          { key: 'assignee', label: t('warning.field.assignee'), children: orDash(w.assigneeDepartmentName ?? w.assigneeUserName) },
          { key: 'facts', label: t('warning.field.facts'), span: 2, children: facts(w) },
          ...(w.note ? [{ key: 'note', label: t('warning.field.note'), span: 2, children: w.note }] : []),
          ...(w.falsePositiveReason ? [{ key: 'reason', label: t('warning.field.reason'), span: 2, children: w.falsePositiveReason }] : []),
        ],
      },
      { key: 'evidence', Component: WarningEvidence },
    ],
  },
};

/** Rumour rebuttals (辟谣): a config of the shared record page, with the workflow's steps in the detail. */
import { Tag } from 'antd';
import { REBUTTAL_STATUSES, RUMOUR_VERDICTS, rebuttalInput, type Rebuttal, type RebuttalStatus, type RumourVerdict } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';
import { formatDateTime, orDash } from '../../shared/format';
import { RegionCodeInput } from '../../shared/regions/RegionCodeInput';
import type { RecordPageConfig } from '../../shared/record-page/types';
import { RebuttalSteps } from './PublicInfoSteps';
import { publicinfoApi, rebuttalKeys, type RebuttalValues } from './publicinfo-api';

const STATUS_COLOURS: Record<RebuttalStatus, string> = { draft: 'default', published: 'success', withdrawn: 'warning' };
export const VERDICT_COLOURS: Record<RumourVerdict, string> = { false: 'red', true: 'green', partly: 'orange', unverified: 'default' };
const statusTag = (t: Translate, s: RebuttalStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`publicinfo.rebuttal.status.${s}`)}</Tag>;
const verdictTag = (t: Translate, v: RumourVerdict) => <Tag color={VERDICT_COLOURS[v]}>{t(`publicinfo.verdict.${v}`)}</Tag>;

export const rebuttalPage: RecordPageConfig<Rebuttal, RebuttalValues> = {
  slug: 'rebuttals',
  title: 'menu.rebuttals',
  noun: (t) => t('publicinfo.rebuttal.noun'),
  recordName: (r) => r.claim,
  source: {
    key: rebuttalKeys.all,
    list: (query, paging, signal) => publicinfoApi.rebuttals({ ...query, ...paging }, signal),
    get: (id, signal) => publicinfoApi.rebuttal(id, signal),
    conflictCode: 'RUMOUR_REBUTTAL_VERSION_CONFLICT',
  },
  permissions: { create: 'publicinfo:manage', update: 'publicinfo:manage' },
  columns: ({ t, locale }) => [
    { key: 'claim', title: t('publicinfo.rebuttal.field.claim'), dataIndex: 'claim', ellipsis: true },
    { key: 'verdict', title: t('publicinfo.rebuttal.field.verdict'), dataIndex: 'verdict', render: (v: RumourVerdict) => verdictTag(t, v) },
    { key: 'region', title: t('publicinfo.field.region'), dataIndex: 'regionName' },
    { key: 'status', title: t('publicinfo.field.status'), dataIndex: 'status', render: (s: RebuttalStatus) => statusTag(t, s) },
    { key: 'publishedAt', title: t('publicinfo.field.publishedAt'), dataIndex: 'publishedAt', render: (v: string | null) => orDash(v && formatDateTime(v, locale)) },
  ],
  filters: [
    { type: 'text', name: 'q', label: 'publicinfo.rebuttal.search', maxLength: 50 },
    { type: 'region', name: 'region', label: 'record.filter.region', scope: 'region' },
    { type: 'select', name: 'status', label: 'publicinfo.field.status', options: (t) => REBUTTAL_STATUSES.map((s) => ({ value: s, label: t(`publicinfo.rebuttal.status.${s}`) })) },
  ],
  detail: {
    Header: RebuttalSteps,
    sections: [
      {
        key: 'fields',
        fields: (r, { t, locale }) => [
          { key: 'status', label: t('publicinfo.field.status'), children: statusTag(t, r.status) },
          { key: 'verdict', label: t('publicinfo.rebuttal.field.verdict'), children: verdictTag(t, r.verdict) },
          { key: 'region', label: t('publicinfo.field.region'), children: r.regionName },
          { key: 'publishedAt', label: t('publicinfo.field.publishedAt'), children: orDash(r.publishedAt && formatDateTime(r.publishedAt, locale)) },
          { key: 'claim', label: t('publicinfo.rebuttal.field.claim'), span: 2, children: r.claim },
          { key: 'evidence', label: t('publicinfo.rebuttal.field.evidence'), span: 2, children: <div style={{ whiteSpace: 'pre-wrap' }}>{r.evidence}</div> },
          { key: 'source', label: t('publicinfo.rebuttal.field.source'), span: 2, children: r.sourceUrl ? <a href={r.sourceUrl} target="_blank" rel="noreferrer">{r.sourceName}</a> : r.sourceName },
          { key: 'files', label: t('publicinfo.rebuttal.field.attachments'), span: 2, children: r.attachments.length > 0 ? r.attachments.map((a) => <a key={a.id} href={a.url} style={{ marginRight: 8 }}>{a.name}</a>) : '—' },
        ],
      },
    ],
  },
  form: {
    fields: [
      { name: 'regionCode', label: 'publicinfo.field.region', input: { type: 'custom', render: ({ testId }) => <RegionCodeInput data-testid={testId} /> }, schema: rebuttalInput.shape.regionCode, visible: ({ record }) => record === null, testId: 'region' },
      { name: 'claim', label: 'publicinfo.rebuttal.field.claim', input: { type: 'textarea', rows: 2, maxLength: 300 }, schema: rebuttalInput.shape.claim, testId: 'claim' },
      { name: 'verdict', label: 'publicinfo.rebuttal.field.verdict', input: { type: 'select', options: (t) => RUMOUR_VERDICTS.map((v) => ({ value: v, label: t(`publicinfo.verdict.${v}`) })) }, required: true, testId: 'verdict' },
      { name: 'evidence', label: 'publicinfo.rebuttal.field.evidence', input: { type: 'textarea', rows: 5, maxLength: 5000 }, schema: rebuttalInput.shape.evidence, testId: 'evidence' },
      { name: 'sourceName', label: 'publicinfo.rebuttal.field.source', input: { type: 'text', maxLength: 100 }, schema: rebuttalInput.shape.sourceName, span: 12, testId: 'source' },
      { name: 'sourceUrl', label: 'publicinfo.rebuttal.field.sourceUrl', input: { type: 'text', maxLength: 500 }, required: false, span: 12, testId: 'sourceUrl' },
    ],
    editable: (r) => r.actions.includes('edit'),
    initialValues: (r, { me }) =>
      r ? { regionCode: r.regionCode, claim: r.claim, verdict: r.verdict, evidence: r.evidence, sourceName: r.sourceName, sourceUrl: r.sourceUrl ?? '' } : { regionCode: me.scope.regionCode, claim: '', verdict: 'false', evidence: '', sourceName: '', sourceUrl: '' },
    create: (values) => publicinfoApi.createRebuttal(values),
    update: (values, r) => publicinfoApi.rebuttalStep(r.id, 'edit', { version: r.version, claim: values.claim, verdict: values.verdict, evidence: values.evidence, sourceName: values.sourceName, ...(values.sourceUrl ? { sourceUrl: values.sourceUrl } : {}) }),
  },
};

/** Cases (病例): a config of the shared record page; the detail has the steps, the contacts with their evidence, and interview contacts. */
import { Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { CASE_STATUSES, caseCreateRequest, type CaseDetail, type CaseStatus } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';
import { RecordSelect } from '../../shared/fields/RecordSelect';
import { enumLabel } from '../../shared/labels';
import { formatDateTime, orDash } from '../../shared/format';
import type { RecordPageConfig } from '../../shared/record-page/types';
import { CaseContacts } from './CaseContacts';
import { CaseSteps } from './CaseSteps';
import { tracingApi, tracingKeys } from './tracing-api';

const STATUS_COLOURS: Record<CaseStatus, string> = { suspected: 'warning', confirmed: 'error', excluded: 'default', closed: 'success' };
export const caseStatusTag = (t: Translate, s: CaseStatus) => <Tag color={STATUS_COLOURS[s]}>{enumLabel(t, 'caseStatus', s)}</Tag>;

interface CaseValues extends Record<string, unknown> {
  personMode: 'resident' | 'document';
  residentId?: string | null;
  name?: string;
  idNumber?: string;
  status: 'suspected' | 'confirmed';
  onsetDate?: Dayjs | null;
  samplingDate?: Dayjs | null;
  note?: string;
}

const isDocument = ({ values }: { values: Partial<CaseValues> }) => values.personMode === 'document';
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : undefined);

export const casePage: RecordPageConfig<CaseDetail, CaseValues> = {
  slug: 'cases',
  title: 'menu.cases',
  noun: (t) => t('case.noun'),
  recordName: (c) => `${c.caseNo} ${c.name}`,
  source: {
    key: tracingKeys.cases,
    list: (query, paging, signal) => tracingApi.listCases({ ...query, ...paging }, signal) as never,
    get: (id, signal) => tracingApi.getCase(id, signal),
    conflictCode: 'CASE_VERSION_CONFLICT',
  },
  permissions: { create: 'case:manage' },
  columns: ({ t, locale }) => [
    { key: 'caseNo', title: t('case.field.caseNo'), dataIndex: 'caseNo', width: 90 },
    { key: 'name', title: t('case.field.name'), dataIndex: 'name' },
    { key: 'status', title: t('case.field.status'), dataIndex: 'status', render: (s: CaseStatus) => caseStatusTag(t, s) },
    { key: 'onset', title: t('case.field.onset'), dataIndex: 'onsetDate', responsive: ['md'], render: (v: string | null, c: CaseDetail) => orDash(v ?? c.samplingDate) },
    { key: 'place', title: t('case.field.place'), dataIndex: 'regionName', responsive: ['lg'], render: (r: string, c: CaseDetail) => `${r}${c.gridName ? ` · ${c.gridName}` : ''}` },
    { key: 'contacts', title: t('case.field.contacts'), dataIndex: 'contacts', width: 90 },
    { key: 'source', title: t('case.field.source'), dataIndex: 'sourceCaseNo', responsive: ['lg'], render: (v: string | null) => orDash(v) },
    { key: 'tracedAt', title: t('case.field.tracedAt'), dataIndex: 'tracedAt', responsive: ['xl'], render: (v: string | null) => (v ? formatDateTime(v, locale) : '—') },
  ],
  filters: [{ type: 'select', name: 'status', label: 'case.field.status', options: (t) => CASE_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'caseStatus', s) })) }],
  detail: {
    width: 900,
    Header: CaseSteps,
    sections: [
      {
        key: 'fields',
        fields: (c, { t, locale }) => [
          { key: 'caseNo', label: t('case.field.caseNo'), children: c.caseNo },
          { key: 'name', label: t('case.field.name'), children: `${c.name}${c.idNumberMasked ? ` ${c.idNumberMasked}` : ''}` },
          { key: 'status', label: t('case.field.status'), children: caseStatusTag(t, c.status) },
          { key: 'source', label: t('case.field.source'), children: orDash(c.sourceCaseNo) },
          { key: 'onset', label: t('case.field.onsetDate'), children: orDash(c.onsetDate) },
          { key: 'sampling', label: t('case.field.samplingDate'), children: orDash(c.samplingDate) },
          { key: 'window', label: t('case.field.window'), span: 2, children: `${formatDateTime(c.exposureFrom, locale)} — ${formatDateTime(c.exposureTo, locale)}` },
          { key: 'place', label: t('case.field.place'), children: `${c.regionName}${c.gridName ? ` · ${c.gridName}` : ''}` },
          { key: 'traced', label: t('case.field.tracedAt'), children: c.tracedAt ? `${formatDateTime(c.tracedAt, locale)}（${t('case.ruleVersion', { version: c.ruleVersion ?? 0 })}）` : '—' },
          ...(c.note ? [{ key: 'note', label: t('case.field.note'), span: 2, children: c.note }] : []),
        ],
      },
      { key: 'contacts', Component: CaseContacts },
    ],
  },
  form: {
    width: 560,
    fields: [
      {
        name: 'personMode', label: 'case.field.personMode', required: true, testId: 'mode',
        input: { type: 'select', options: (t) => [{ value: 'resident', label: t('case.personMode.resident') }, { value: 'document', label: t('case.personMode.document') }] },
      },
      {
        name: 'residentId', label: 'case.field.resident', required: ({ values }) => !isDocument({ values }), requiredMessage: 'case.residentRequired', testId: 'resident', visible: (ctx) => !isDocument(ctx),
        input: { type: 'custom', render: ({ t, testId }) => <RecordSelect kind="resident" describe={(r) => `${r.name} ${r.idNumberMasked ?? ''}`} placeholder={t('case.pickResident')} data-testid={testId} /> },
      },
      { name: 'name', label: 'case.field.name', input: { type: 'text', maxLength: 50 }, required: isDocument, requiredMessage: 'case.nameRequired', visible: isDocument, span: 12, testId: 'name' },
      { name: 'idNumber', label: 'case.field.idNumber', input: { type: 'text', maxLength: 40, monospace: true, autoComplete: 'off' }, required: isDocument, requiredMessage: 'case.idRequired', visible: isDocument, span: 12, testId: 'id' },
      { name: 'status', label: 'case.field.status', schema: caseCreateRequest.shape.status, input: { type: 'select', options: (t) => (['suspected', 'confirmed'] as const).map((s) => ({ value: s, label: enumLabel(t, 'caseStatus', s) })) }, testId: 'status' },
      { name: 'onsetDate', label: 'case.field.onsetDate', input: { type: 'date' }, span: 12, testId: 'onset', extra: ({ t }) => t('case.dateHint') },
      { name: 'samplingDate', label: 'case.field.samplingDate', input: { type: 'date' }, span: 12, testId: 'sampling' },
      { name: 'note', label: 'case.field.note', input: { type: 'textarea', rows: 3, maxLength: 500 }, testId: 'note' },
    ],
    serverFields: { 'person.idNumber': 'idNumber', 'person.residentId': 'residentId', 'person.name': 'name', person: 'residentId' },
    initialValues: () => ({ personMode: 'resident', status: 'suspected', residentId: null, onsetDate: null, samplingDate: null }),
    create: (v) =>
      tracingApi.createCase({
        person: v.personMode === 'document' ? { name: v.name ?? '', idNumber: v.idNumber ?? '' } : { residentId: v.residentId ?? '' },
        status: v.status,
        ...(day(v.onsetDate) ? { onsetDate: day(v.onsetDate) } : {}),
        ...(day(v.samplingDate) ? { samplingDate: day(v.samplingDate) } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
  },
};

/** Residents' questions (在线咨询): answered in the form, published or rejected as steps. */
import { Tag } from 'antd';
import { CONSULTATION_ACTION_INPUTS, CONSULTATION_STATUSES, type Consultation, type ConsultationStatus } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';
import { formatDateTime, orDash } from '../../shared/format';
import type { RecordPageConfig } from '../../shared/record-page/types';
import { ConsultationSteps } from './PublicInfoSteps';
import { consultationKeys, publicinfoApi } from './publicinfo-api';

const STATUS_COLOURS: Record<ConsultationStatus, string> = { asked: 'processing', answered: 'gold', published: 'success', rejected: 'default' };
const statusTag = (t: Translate, s: ConsultationStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`publicinfo.consultation.status.${s}`)}</Tag>;

export const consultationPage: RecordPageConfig<Consultation, { answer: string }> = {
  slug: 'consultations',
  title: 'menu.consultations',
  noun: (t) => t('publicinfo.consultation.noun'),
  recordName: (c) => (c.question.length > 30 ? `${c.question.slice(0, 30)}…` : c.question),
  source: {
    key: consultationKeys.all,
    list: (query, paging, signal) => publicinfoApi.consultations({ ...query, ...paging }, signal),
    get: (id, signal) => publicinfoApi.consultation(id, signal),
    conflictCode: 'CONSULTATION_VERSION_CONFLICT',
  },
  permissions: { update: 'consultation:answer' },
  columns: ({ t, locale }) => [
    { key: 'question', title: t('publicinfo.consultation.field.question'), dataIndex: 'question', ellipsis: true },
    { key: 'region', title: t('publicinfo.field.region'), dataIndex: 'regionName' },
    { key: 'status', title: t('publicinfo.field.status'), dataIndex: 'status', render: (s: ConsultationStatus) => statusTag(t, s) },
    { key: 'askedAt', title: t('publicinfo.consultation.field.askedAt'), dataIndex: 'askedAt', render: (v: string) => formatDateTime(v, locale) },
  ],
  filters: [
    { type: 'region', name: 'region', label: 'record.filter.region', scope: 'region' },
    { type: 'select', name: 'status', label: 'publicinfo.field.status', options: (t) => CONSULTATION_STATUSES.map((s) => ({ value: s, label: t(`publicinfo.consultation.status.${s}`) })) },
  ],
  detail: {
    Header: ConsultationSteps,
    sections: [
      {
        key: 'fields',
        fields: (c, { t, locale }) => [
          { key: 'status', label: t('publicinfo.field.status'), children: statusTag(t, c.status) },
          { key: 'region', label: t('publicinfo.field.region'), children: c.regionName },
          { key: 'asker', label: t('publicinfo.consultation.field.asker'), children: t(c.signedIn ? 'publicinfo.consultation.signedIn' : 'publicinfo.consultation.anonymous') },
          { key: 'askedAt', label: t('publicinfo.consultation.field.askedAt'), children: formatDateTime(c.askedAt, locale) },
          { key: 'question', label: t('publicinfo.consultation.field.question'), span: 2, children: <div style={{ whiteSpace: 'pre-wrap' }}>{c.question}</div> },
          { key: 'answer', label: t('publicinfo.consultation.field.answer'), span: 2, children: orDash(c.answer) },
          ...(c.rejectReason ? [{ key: 'reason', label: t('publicinfo.consultation.field.rejectReason'), span: 2, children: c.rejectReason }] : []),
        ],
      },
    ],
  },
  form: {
    fields: [{ name: 'answer', label: 'publicinfo.consultation.field.answer', input: { type: 'textarea', rows: 6, maxLength: 3000 }, schema: CONSULTATION_ACTION_INPUTS.answer.shape.answer, testId: 'answer' }],
    editable: (c) => c.actions.includes('answer'),
    initialValues: (c) => ({ answer: c?.answer ?? '' }),
    update: (values, c) => publicinfoApi.consultationStep(c.id, 'answer', { version: c.version, answer: values.answer }),
  },
};

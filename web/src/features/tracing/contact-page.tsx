/** Contacts (密接人员): the follow-up list where they live, for operators and grid workers; the detail shows the evidence. */
import { Tag } from 'antd';
import { CONTACT_STATUSES } from '@gridgov/contracts';
import { enumLabel } from '../../shared/labels';
import { formatDateTime } from '../../shared/format';
import type { RecordPageConfig } from '../../shared/record-page/types';
import type { DetailPartProps } from '../../shared/record-page/types';
import { ContactEvidenceList, contactName } from './CaseContacts';
import { tracingApi, tracingKeys, type ContactRow } from './tracing-api';

function Evidence({ record }: DetailPartProps<ContactRow>) {
  return <ContactEvidenceList contact={record} />;
}

export const contactPage: RecordPageConfig<ContactRow> = {
  slug: 'contacts',
  title: 'menu.contacts',
  noun: (t) => t('contact.noun'),
  recordName: (c) => c.name ?? c.caseNo,
  source: {
    key: tracingKeys.contacts,
    list: (query, paging, signal) => tracingApi.listContacts({ ...query, ...paging }, signal),
    get: (id, signal) => tracingApi.getContact(id, signal),
  },
  permissions: {},
  columns: ({ t, locale }) => [
    { key: 'name', title: t('case.field.name'), dataIndex: 'name', render: (_v: string | null, c: ContactRow) => contactName(t, c) },
    { key: 'case', title: t('case.field.caseNo'), dataIndex: 'caseNo', width: 80 },
    { key: 'degree', title: t('case.field.degree'), dataIndex: 'degree', render: (d: number) => <Tag color={d === 1 ? 'red' : 'orange'}>{t(d === 1 ? 'case.degree.close' : 'case.degree.secondary')}</Tag> },
    { key: 'kinds', title: t('case.field.kinds'), dataIndex: 'kinds', responsive: ['md'], render: (kinds: ContactRow['kinds']) => kinds.map((k) => <Tag key={k}>{enumLabel(t, 'contactKind', k)}</Tag>) },
    { key: 'last', title: t('case.field.lastExposure'), dataIndex: 'lastExposureAt', responsive: ['md'], render: (v: string) => formatDateTime(v, locale) },
    { key: 'until', title: t('case.field.followUntil'), dataIndex: 'followUntil', render: (v: string) => formatDateTime(v, locale).slice(0, 10) },
    { key: 'status', title: t('case.field.contactStatus'), dataIndex: 'status', render: (s: ContactRow['status']) => enumLabel(t, 'contactStatus', s) },
    { key: 'place', title: t('case.field.place'), dataIndex: 'regionName', responsive: ['lg'], render: (r: string, c: ContactRow) => `${r}${c.gridName ? ` · ${c.gridName}` : ''}` },
  ],
  filters: [
    { type: 'select', name: 'status', label: 'case.field.contactStatus', options: (t) => CONTACT_STATUSES.map((s) => ({ value: s, label: enumLabel(t, 'contactStatus', s) })) },
    { type: 'select', name: 'degree', label: 'case.field.degree', options: (t) => [{ value: '1', label: t('case.degree.close') }, { value: '2', label: t('case.degree.secondary') }] },
  ],
  detail: {
    sections: [
      {
        key: 'fields',
        fields: (c, { t, locale }) => [
          { key: 'name', label: t('case.field.name'), children: contactName(t, c) },
          { key: 'case', label: t('case.field.caseNo'), children: c.caseNo },
          { key: 'degree', label: t('case.field.degree'), children: t(c.degree === 1 ? 'case.degree.close' : 'case.degree.secondary') },
          { key: 'status', label: t('case.field.contactStatus'), children: enumLabel(t, 'contactStatus', c.status) },
          { key: 'first', label: t('case.field.firstExposure'), children: formatDateTime(c.firstExposureAt, locale) },
          { key: 'last', label: t('case.field.lastExposure'), children: formatDateTime(c.lastExposureAt, locale) },
          { key: 'until', label: t('case.field.followUntil'), children: formatDateTime(c.followUntil, locale) },
          { key: 'place', label: t('case.field.place'), children: `${c.regionName}${c.gridName ? ` · ${c.gridName}` : ''}` },
        ],
      },
      { key: 'evidence', title: 'case.field.evidence', Component: Evidence },
    ],
  },
};

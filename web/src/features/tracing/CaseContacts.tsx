/** A case's contacts the reader may see, closest first, each with its evidence; those living elsewhere are counted. */
import { Alert, Table, Tag, Typography } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { CaseDetail, ContactSummary } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { formatDateTime, orDash } from '../../shared/format';
import type { DetailPartProps } from '../../shared/record-page/types';
import { evidenceText } from './evidence';
import { tracingApi, tracingKeys } from './tracing-api';

const PAGE_SIZE = 20;

export function ContactEvidenceList({ contact }: { contact: ContactSummary }) {
  const { t, locale } = useI18n();
  return (
    <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid={`contact-evidence-${contact.id}`}>
      {contact.evidence.map((e, i) => (
        <li key={i}>{evidenceText(t, locale, e, contact.degree)}</li>
      ))}
    </ul>
  );
}

export function contactName(t: (k: 'case.documentOnly') => string, c: ContactSummary) {
  return c.name ?? t('case.documentOnly');
}

/** The case's contacts page by page from the contacts list (closest first); the record says how many the reader may see. */
export function CaseContacts({ record }: DetailPartProps<CaseDetail>) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  // A trace or an added contact changes the record: read its contacts again.
  const stamp = `${record.tracedAt ?? ''}/${record.contactsInScope}/${record.version}`;
  const list = useQuery({
    queryKey: [...tracingKeys.contacts, 'case', record.id, stamp, page],
    queryFn: ({ signal }) => tracingApi.listContacts({ caseId: record.id, page, pageSize: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <Typography.Title level={5}>{t('case.contactsTitle', { n: record.contactsInScope })}</Typography.Title>
      {record.contactsElsewhere > 0 && <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="cases-contacts-elsewhere" message={t('case.contactsElsewhere', { n: record.contactsElsewhere })} />}
      <Table<ContactSummary>
        size="small"
        rowKey="id"
        data-testid="cases-contacts"
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, hideOnSinglePage: true, showSizeChanger: false, onChange: setPage }}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (c) => <ContactEvidenceList contact={c} /> }}
        columns={[
          { key: 'name', title: t('case.field.name'), render: (_v, c) => contactName(t, c) },
          { key: 'degree', title: t('case.field.degree'), render: (_v, c) => <Tag color={c.degree === 1 ? 'red' : 'orange'}>{t(c.degree === 1 ? 'case.degree.close' : 'case.degree.secondary')}</Tag> },
          { key: 'kinds', title: t('case.field.kinds'), render: (_v, c) => c.kinds.map((k) => <Tag key={k}>{enumLabel(t, 'contactKind', k)}</Tag>) },
          { key: 'via', title: t('case.field.via'), render: (_v, c) => orDash(c.viaName) },
          { key: 'last', title: t('case.field.lastExposure'), render: (_v, c) => formatDateTime(c.lastExposureAt, locale) },
          { key: 'until', title: t('case.field.followUntil'), render: (_v, c) => formatDateTime(c.followUntil, locale).slice(0, 10) },
          { key: 'status', title: t('case.field.contactStatus'), render: (_v, c) => enumLabel(t, 'contactStatus', c.status) },
          { key: 'place', title: t('case.field.place'), render: (_v, c) => `${c.regionName}${c.gridName ? ` · ${c.gridName}` : ''}` },
        ]}
      />
    </>
  );
}

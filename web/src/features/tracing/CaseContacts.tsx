/** A case's contacts the reader may see, closest first, each with its evidence; those living elsewhere are counted. */
import { Alert, Table, Tag, Typography } from 'antd';
import type { CaseDetail, ContactSummary } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { formatDateTime, orDash } from '../../shared/format';
import type { DetailPartProps } from '../../shared/record-page/types';
import { evidenceText } from './evidence';

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

export function CaseContacts({ record }: DetailPartProps<CaseDetail>) {
  const { t, locale } = useI18n();
  return (
    <>
      <Typography.Title level={5}>{t('case.contactsTitle', { n: record.contactList.length })}</Typography.Title>
      {record.contactsElsewhere > 0 && <Alert type="info" showIcon style={{ marginBottom: 8 }} data-testid="cases-contacts-elsewhere" message={t('case.contactsElsewhere', { n: record.contactsElsewhere })} />}
      <Table<ContactSummary>
        size="small"
        rowKey="id"
        data-testid="cases-contacts"
        dataSource={record.contactList}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
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

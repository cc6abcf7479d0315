/** The dispute register page (矛盾纠纷): a config of the shared record page, with the workflow's steps, parties (masked), sessions and the agreement in the detail. */
import { Table, Tag } from 'antd';
import { codeList, DISPUTE_CATEGORIES, DISPUTE_STATUSES, type Dispute, type DisputeListItem, type DisputeStatus } from '@gridgov/contracts';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { orDash } from '../../shared/format';
import type { DetailPartProps, RecordPageConfig } from '../../shared/record-page/types';
import { DisputeSteps } from './DisputeSteps';
import { RegisterDispute } from './RegisterDispute';
import { disputeKeys, disputesApi } from './disputes-api';

const STATUS_COLOURS: Record<DisputeStatus, string> = { registered: 'default', assigned: 'processing', mediating: 'processing', agreed: 'cyan', followed_up: 'geekblue', closed: 'success', escalated: 'warning', returned: 'purple', failed: 'error' };
const statusTag = (t: Translate, status: DisputeStatus) => <Tag color={STATUS_COLOURS[status]}>{t(`dispute.status.${status}` as MessageKey)}</Tag>;
const categoryName = (code: string, locale: string) => {
  const found = DISPUTE_CATEGORIES.find(([c]) => c === code);
  return found ? (locale === 'en' ? found[2] : found[1]) : code;
};
const codeName = (list: string, code: string | null, locale: string) => {
  const item = code ? codeList(list).items.find((i) => i.code === code) : undefined;
  return item ? (locale === 'en' ? item.en : item.zh) : orDash(code);
};

function Parties({ record }: DetailPartProps<Dispute>) {
  const { locale } = useI18n();
  return (
    <Table
      size="small"
      rowKey="seq"
      pagination={false}
      data-testid="disputes-parties"
      scroll={{ x: true }}
      dataSource={record.parties}
      columns={[
        { key: 'name', title: '姓名 / Name', dataIndex: 'name' },
        { key: 'idType', title: '证件 / Document', render: (_: unknown, p: Dispute['parties'][number]) => `${codeName('id_document_type', p.idType, locale)} ${orDash(p.idNumberMasked)}` },
        { key: 'sex', title: '性别 / Sex', render: (_: unknown, p: Dispute['parties'][number]) => codeName('sex', p.sex, locale) },
        { key: 'ethnic', title: '民族 / Ethnic group', render: (_: unknown, p: Dispute['parties'][number]) => codeName('ethnic_group', p.ethnicGroup, locale) },
        { key: 'education', title: '学历 / Education', render: (_: unknown, p: Dispute['parties'][number]) => codeName('education', p.education, locale) },
        { key: 'phone', title: '电话 / Phone', render: (_: unknown, p: Dispute['parties'][number]) => orDash(p.phoneMasked) },
        { key: 'address', title: '住址 / Address', render: (_: unknown, p: Dispute['parties'][number]) => orDash(p.address) },
      ]}
    />
  );
}

function Sessions({ record }: DetailPartProps<Dispute>) {
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={false}
      data-testid="disputes-sessions"
      dataSource={record.sessions}
      columns={[
        { key: 'heldOn', title: '日期 / Date', dataIndex: 'heldOn' },
        { key: 'place', title: '地点 / Place', dataIndex: 'place' },
        { key: 'attendees', title: '参加人 / Attendees', dataIndex: 'attendees' },
        { key: 'notes', title: '调解情况 / Notes', dataIndex: 'notes' },
      ]}
    />
  );
}

/** A list item as the page's record: what the list does not carry stays empty until the record is opened. */
type Row = Dispute & { partyCount?: number };
const listRow = (d: DisputeListItem): Row => ({
  ...d, formKey: '', formVersion: 0, answers: {}, parties: [], mediatorLevel: null, departmentId: null, mediatorName: null, resolutionWay: null, agreement: null, resolution: null, sessions: [], ticket: null, updatedAt: d.createdAt, actions: [],
});

export const disputePage: RecordPageConfig<Dispute, Record<string, unknown>> = {
  slug: 'disputes',
  title: 'menu.disputes',
  noun: (t) => t('dispute.noun'),
  recordName: (d) => d.name,
  source: {
    key: disputeKeys.all,
    list: async (query, paging, signal) => {
      const found = await disputesApi.list({ ...(query as object), ...paging }, signal);
      return { ...found, items: found.items.map(listRow) };
    },
    get: (id, signal) => disputesApi.get(id, signal),
    conflictCode: 'DISPUTE_VERSION_CONFLICT',
  },
  permissions: {},
  columns: ({ t, locale }) => [
    { key: 'number', title: t('dispute.field.number'), dataIndex: 'number', width: 120 },
    { key: 'name', title: t('dispute.field.name'), dataIndex: 'name', ellipsis: true },
    { key: 'category', title: t('dispute.field.category'), dataIndex: 'category', render: (c: string) => categoryName(c, locale) },
    { key: 'grid', title: t('record.grid'), dataIndex: 'gridName' },
    { key: 'occurredOn', title: t('dispute.field.occurredOn'), dataIndex: 'occurredOn' },
    { key: 'partyCount', title: t('dispute.field.parties'), render: (_: unknown, d: Row) => d.partyCount ?? d.parties.length },
    { key: 'status', title: t('dispute.field.status'), dataIndex: 'status', render: (s: DisputeStatus) => statusTag(t, s) },
  ],
  filters: [
    { type: 'region', name: 'region', label: 'record.filter.region', scope: 'region' },
    { type: 'text', name: 'q', label: 'record.filter.q' },
    { type: 'select', name: 'status', label: 'dispute.field.status', options: (t) => DISPUTE_STATUSES.map((s) => ({ value: s, label: t(`dispute.status.${s}` as MessageKey) })) },
  ],
  toolbar: [{ key: 'register', label: 'dispute.register', needs: 'dispute:write', Dialog: ({ onClose }) => <RegisterDispute onClose={onClose} /> }],
  detail: {
    width: 860,
    Header: DisputeSteps,
    sections: [
      {
        key: 'fields',
        fields: (d, { t, locale }) => [
          { key: 'number', label: t('dispute.field.number'), children: d.number },
          { key: 'status', label: t('dispute.field.status'), children: statusTag(t, d.status) },
          ...(d.ticket
            ? [{ key: 'ticket', label: t('dispute.field.ticket'), children: <span data-testid="disputes-ticket">{d.ticket.number ? <a href={`#/tickets?id=${d.ticket.id}`}>{d.ticket.number}</a> : t('dispute.ticketFiling')}</span> }]
            : []),
          { key: 'category', label: t('dispute.field.category'), children: categoryName(d.category, locale) },
          { key: 'grid', label: t('record.grid'), children: `${d.regionName} ${d.gridName}` },
          { key: 'occurredOn', label: t('dispute.field.occurredOn'), children: d.occurredOn },
          { key: 'deadline', label: t('dispute.field.deadline'), children: d.deadline },
          { key: 'mediator', label: t('dispute.field.mediatorName'), children: orDash(d.mediatorName) },
          { key: 'summary', label: t('dispute.field.summary'), span: 2, children: <div style={{ whiteSpace: 'pre-wrap' }}>{String(d.answers.summary ?? '')}</div> },
          ...(d.agreement ? [{ key: 'terms', label: t('dispute.field.terms'), span: 2, children: <div style={{ whiteSpace: 'pre-wrap' }} data-testid="disputes-terms">{d.agreement.terms}</div> }] : []),
        ],
      },
      { key: 'parties', tab: 'dispute.field.parties', Component: Parties },
      { key: 'sessions', tab: 'dispute.sessions', Component: Sessions },
    ],
  },
};

/** Quarantined people (隔离人员): a config of the shared record page; lists by view, the detail with steps and follow-ups, an order for a contact. */
import type { Dayjs } from 'dayjs';
import { ORDER_MEANS, QUARANTINE_VIEWS, type OrderMeans, type QuarantineDetail, type QuarantineStatus } from '@gridgov/contracts';
import { enumLabel } from '../../shared/labels';
import { formatDateTime, orDash } from '../../shared/format';
import type { RecordPageConfig } from '../../shared/record-page/types';
import { ContactSelect, FollowUps, OrderSteps, SiteSelect, degreeTag, orderStatusTag } from './parts';
import { quarantineApi, quarantineKeys } from './quarantine-api';

interface OrderValues extends Record<string, unknown> {
  contactId?: string;
  startDate?: Dayjs | null;
  siteId?: string;
  address?: string;
  means: OrderMeans;
  note?: string;
}

export const orderPage: RecordPageConfig<QuarantineDetail, OrderValues> = {
  slug: 'quarantine',
  title: 'menu.quarantineOrders',
  noun: (t) => t('quarantine.noun'),
  recordName: (o) => `${o.orderNo} ${o.name ?? ''}`,
  source: {
    key: quarantineKeys.orders,
    list: (query, paging, signal) => quarantineApi.list({ view: 'active', ...query, ...paging }, signal) as never,
    get: (id, signal) => quarantineApi.get(id, signal),
    conflictCode: 'QUARANTINE_VERSION_CONFLICT',
  },
  permissions: { create: 'quarantine:manage' },
  columns: ({ t }) => [
    { key: 'orderNo', title: t('quarantine.field.orderNo'), dataIndex: 'orderNo', width: 80 },
    { key: 'name', title: t('quarantine.field.name'), dataIndex: 'name' },
    { key: 'degree', title: t('quarantine.field.degree'), dataIndex: 'degree', render: (d: number) => degreeTag(t, d) },
    { key: 'status', title: t('quarantine.field.status'), dataIndex: 'status', render: (s: QuarantineStatus, o: QuarantineDetail) => <>{orderStatusTag(t, s)}{o.alert && <span style={{ color: '#cf1322' }}> {t('quarantine.fever')}</span>}</> },
    { key: 'kind', title: t('quarantine.field.kind'), dataIndex: 'kind', render: (k: QuarantineDetail['kind'], o: QuarantineDetail) => `${enumLabel(t, 'quarantineKind', k)}${k === 'centralised' && o.siteName ? ` · ${o.siteName}` : ''}` },
    { key: 'day', title: t('quarantine.field.day'), dataIndex: 'dayNo', render: (n: number, o: QuarantineDetail) => t('quarantine.dayOf', { n, total: o.totalDays }) },
    { key: 'period', title: t('quarantine.field.period'), dataIndex: 'startDate', responsive: ['md'], render: (s: string, o: QuarantineDetail) => `${s} — ${o.endDate}` },
    { key: 'missed', title: t('quarantine.field.missed'), dataIndex: 'missedStreak', width: 90, responsive: ['lg'] },
    { key: 'worker', title: t('quarantine.field.worker'), dataIndex: 'workerName', responsive: ['lg'], render: (v: string | null) => orDash(v) },
    { key: 'place', title: t('quarantine.field.place'), dataIndex: 'regionName', responsive: ['xl'], render: (r: string, o: QuarantineDetail) => `${r}${o.gridName ? ` · ${o.gridName}` : ''}` },
  ],
  filters: [
    { type: 'select', name: 'view', label: 'quarantine.view', options: (t) => QUARANTINE_VIEWS.map((v) => ({ value: v, label: t(`quarantine.view.${v}`) })) },
    { type: 'select', name: 'degree', label: 'quarantine.field.degree', options: (t) => [{ value: '1', label: t('quarantine.degree.close') }, { value: '2', label: t('quarantine.degree.secondary') }] },
  ],
  detail: {
    width: 860,
    Header: OrderSteps,
    sections: [
      {
        key: 'fields',
        fields: (o, { t, locale }) => [
          { key: 'orderNo', label: t('quarantine.field.orderNo'), children: o.orderNo },
          { key: 'name', label: t('quarantine.field.name'), children: orDash(o.name) },
          { key: 'degree', label: t('quarantine.field.degree'), children: degreeTag(t, o.degree) },
          { key: 'status', label: t('quarantine.field.status'), children: orderStatusTag(t, o.status) },
          { key: 'phases', label: t('quarantine.field.phases'), span: 2, children: o.phases.map((p) => `${enumLabel(t, 'quarantineKind', p.kind)} ${p.from} — ${p.to}`).join('；') },
          { key: 'tests', label: t('quarantine.field.testDates'), span: 2, children: o.testDates.join('、') },
          { key: 'day', label: t('quarantine.field.day'), children: t('quarantine.dayOf', { n: o.dayNo, total: o.totalDays }) },
          { key: 'site', label: t('quarantine.field.site'), children: orDash(o.siteName) },
          { key: 'address', label: t('quarantine.field.address'), span: 2, children: orDash(o.address) },
          { key: 'means', label: t('quarantine.field.means'), children: enumLabel(t, 'orderMeans', o.means) },
          { key: 'orderedAt', label: t('quarantine.field.orderedAt'), children: formatDateTime(o.orderedAt, locale) },
          { key: 'worker', label: t('quarantine.field.worker'), children: orDash(o.workerName) },
          { key: 'place', label: t('quarantine.field.place'), children: `${o.regionName}${o.gridName ? ` · ${o.gridName}` : ''}` },
          {
            key: 'completion', label: t('quarantine.field.completion'), span: 2,
            children: o.completion.met ? t('quarantine.met') : o.completion.missing.map((m) => t(`quarantine.missing.${m as 'period' | 'tests' | 'followups'}`)).join('；'),
          },
          ...(o.note ? [{ key: 'note', label: t('quarantine.field.note'), span: 2, children: o.note }] : []),
        ],
      },
      { key: 'followups', Component: FollowUps },
    ],
  },
  form: {
    width: 560,
    fields: [
      {
        name: 'contactId', label: 'quarantine.field.contact', required: true, requiredMessage: 'quarantine.contactRequired', testId: 'contact',
        input: { type: 'custom', render: ({ testId }) => <ContactSelect data-testid={testId} /> },
      },
      { name: 'startDate', label: 'quarantine.field.startDate', input: { type: 'date' }, testId: 'start', extra: ({ t }) => t('quarantine.startHint') },
      { name: 'siteId', label: 'quarantine.field.site', input: { type: 'custom', render: ({ testId }) => <SiteSelect data-testid={testId} /> }, testId: 'site' },
      { name: 'address', label: 'quarantine.field.address', input: { type: 'text', maxLength: 200 }, testId: 'address' },
      { name: 'means', label: 'quarantine.field.means', required: true, input: { type: 'select', options: (t) => ORDER_MEANS.map((m) => ({ value: m, label: enumLabel(t, 'orderMeans', m) })) }, testId: 'means' },
      { name: 'note', label: 'quarantine.field.note', input: { type: 'textarea', rows: 2, maxLength: 500 }, testId: 'note' },
    ],
    initialValues: () => ({ means: 'written', startDate: null }),
    create: (v) =>
      quarantineApi.create({
        contactId: v.contactId ?? '',
        ...(v.startDate ? { startDate: v.startDate.format('YYYY-MM-DD') } : {}),
        ...(v.siteId ? { siteId: v.siteId } : {}),
        ...(v.address?.trim() ? { address: v.address.trim() } : {}),
        means: v.means,
        orderedAt: new Date().toISOString(),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
  },
};

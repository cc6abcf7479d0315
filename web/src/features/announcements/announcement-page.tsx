/** The announcements page: a config of the shared record page, with the steps of the workflow in the detail. */
import { Tag } from 'antd';
import { ANNOUNCEMENT_AUDIENCES, ANNOUNCEMENT_STATUSES, announcementInput, type Announcement, type AnnouncementStatus } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';
import { formatDateTime, orDash } from '../../shared/format';
import { RegionCodeInput } from '../../shared/regions/RegionCodeInput';
import type { RecordPageConfig } from '../../shared/record-page/types';
import { AnnouncementSteps } from './AnnouncementSteps';
import { announcementKeys, announcementsApi, type AnnouncementValues } from './announcements-api';

const STATUS_COLOURS: Record<AnnouncementStatus, string> = { draft: 'default', submitted: 'processing', published: 'success', withdrawn: 'warning' };
const statusOptions = (t: Translate) => ANNOUNCEMENT_STATUSES.map((s) => ({ value: s, label: t(`announcement.status.${s}`) }));
const audienceOptions = (t: Translate) => ANNOUNCEMENT_AUDIENCES.map((a) => ({ value: a, label: t(`announcement.audience.${a}`) }));
const statusTag = (t: Translate, status: AnnouncementStatus) => <Tag color={STATUS_COLOURS[status]}>{t(`announcement.status.${status}`)}</Tag>;

export const announcementPage: RecordPageConfig<Announcement, AnnouncementValues> = {
  slug: 'announcements',
  title: 'menu.announcements',
  noun: (t) => t('announcement.noun'),
  recordName: (a) => a.title,
  source: {
    key: announcementKeys.all,
    list: (query, paging, signal) => announcementsApi.list({ ...query, ...paging }, signal),
    get: (id, signal) => announcementsApi.get(id, signal),
    conflictCode: 'ANNOUNCEMENT_VERSION_CONFLICT',
  },
  permissions: { create: 'announcement:write', update: 'announcement:write' },
  columns: ({ t, locale }) => [
    { key: 'title', title: t('announcement.field.title'), dataIndex: 'title', ellipsis: true },
    { key: 'region', title: t('announcement.field.region'), dataIndex: 'regionName' },
    { key: 'audience', title: t('announcement.field.audience'), dataIndex: 'audience', render: (a: Announcement['audience']) => t(`announcement.audience.${a}`) },
    { key: 'status', title: t('announcement.field.status'), dataIndex: 'status', render: (s: AnnouncementStatus) => statusTag(t, s) },
    { key: 'publishedAt', title: t('announcement.field.publishedAt'), dataIndex: 'publishedAt', render: (v: string | null) => orDash(v && formatDateTime(v, locale)) },
  ],
  filters: [
    { type: 'region', name: 'region', label: 'record.filter.region', scope: 'region' },
    { type: 'select', name: 'status', label: 'announcement.field.status', options: statusOptions },
  ],
  detail: {
    Header: AnnouncementSteps,
    sections: [
      {
        key: 'fields',
        fields: (a, { t, locale }) => [
          { key: 'status', label: t('announcement.field.status'), children: statusTag(t, a.status) },
          { key: 'region', label: t('announcement.field.region'), children: a.regionName },
          { key: 'audience', label: t('announcement.field.audience'), children: t(`announcement.audience.${a.audience}`) },
          { key: 'author', label: t('announcement.field.author'), children: orDash(a.authorName) },
          { key: 'publishedAt', label: t('announcement.field.publishedAt'), children: orDash(a.publishedAt && formatDateTime(a.publishedAt, locale)) },
          { key: 'body', label: t('announcement.field.body'), span: 2, children: <div style={{ whiteSpace: 'pre-wrap' }}>{a.body}</div> },
        ],
      },
    ],
  },
  form: {
    fields: [
      {
        name: 'regionCode',
        label: 'announcement.field.region',
        input: { type: 'custom', render: ({ testId }) => <RegionCodeInput data-testid={testId} /> },
        schema: announcementInput.shape.regionCode,
        visible: ({ record }) => record === null,
        testId: 'region',
      },
      { name: 'title', label: 'announcement.field.title', input: { type: 'text', maxLength: 100 }, schema: announcementInput.shape.title, testId: 'title' },
      { name: 'body', label: 'announcement.field.body', input: { type: 'textarea', rows: 6, maxLength: 5000 }, schema: announcementInput.shape.body, testId: 'body' },
      { name: 'audience', label: 'announcement.field.audience', input: { type: 'select', options: audienceOptions }, required: true, testId: 'audience' },
    ],
    editable: (a) => a.actions.includes('edit'),
    initialValues: (a, { me }) => (a ? { regionCode: a.regionCode, title: a.title, body: a.body, audience: a.audience } : { regionCode: me.scope.regionCode, title: '', body: '', audience: 'public' }),
    create: (values) => announcementsApi.create(values),
    update: (values, a) => announcementsApi.step(a.id, 'edit', { version: a.version, title: values.title, body: values.body, audience: values.audience }),
  },
};

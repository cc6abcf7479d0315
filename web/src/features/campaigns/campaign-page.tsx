/** The survey campaigns page: a config of the shared record page, with steps, progress, tasks and answers in the detail. */
import { Tag } from 'antd';
import dayjs from 'dayjs';
import { RESIDENT_TAGS, SURVEY_CAMPAIGN_STATUSES, surveyCampaignInput, type SurveyCampaign, type SurveyCampaignStatus } from '@gridgov/contracts';
import type { Translate } from '../../i18n/i18n';
import { enumLabel, enumOptions } from '../../shared/labels';
import { RegionSelect } from '../../shared/fields/RegionSelect';
import { FormSelect } from '../../shared/fields/FormSelect';
import { CategorySelect } from '../../shared/fields/CategorySelect';
import type { RecordPageConfig } from '../../shared/record-page/types';
import { WindowPicker, windowText } from '../../shared/fields/WindowPicker';
import { CampaignAnswers, CampaignProgress, CampaignRules, CampaignSteps, CampaignTasks, TicketCategoryName, UnmatchedNumbers } from './CampaignParts';
import { ListFileField } from './ListFileField';
import { AlertRulesEditor } from './AlertRulesEditor';
import { campaignKeys, campaignsApi, type CampaignValues } from './campaigns-api';

const STATUS_COLOURS: Record<SurveyCampaignStatus, string> = { draft: 'default', open: 'processing', closed: 'success', cancelled: 'error' };
const statusTag = (t: Translate, s: SurveyCampaignStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`campaign.status.${s}`)}</Tag>;
const statusOptions = (t: Translate) => SURVEY_CAMPAIGN_STATUSES.map((s) => ({ value: s, label: t(`campaign.status.${s}`) }));
const shape = surveyCampaignInput.shape;

const targetText = (t: Translate, c: SurveyCampaign) =>
  c.target.kind === 'tag'
    ? `${t('campaign.target.tag')}：${enumLabel(t, 'tag', c.target.tag)}`
    : c.target.kind === 'arrivals'
      ? t('campaign.target.arrivalsSince', { since: dayjs(c.target.since).format('YYYY-MM-DD'), origin: c.target.origin ?? t('campaign.target.anyOrigin') })
    : c.target.kind === 'list'
      ? t('campaign.target.listCount', { n: c.target.householdNumbers.length, matched: c.target.householdNumbers.length - c.unmatched.length, unmatched: c.unmatched.length })
      : t('campaign.target.region');

export const campaignPage: RecordPageConfig<SurveyCampaign, CampaignValues> = {
  slug: 'campaigns',
  title: 'menu.campaigns',
  noun: (t) => t('campaign.noun'),
  recordName: (c) => `${c.name} · ${c.regionName}`,
  source: {
    key: campaignKeys.all,
    list: (query, paging, signal) => campaignsApi.list({ ...query, ...paging }, signal),
    get: (id, signal) => campaignsApi.get(id, signal),
    conflictCode: 'SURVEY_CAMPAIGN_VERSION_CONFLICT',
  },
  permissions: { create: 'campaign:manage', update: 'campaign:manage' },
  columns: ({ t, locale }) => [
    { key: 'name', title: t('campaign.field.name'), dataIndex: 'name' },
    { key: 'region', title: t('campaign.field.region'), dataIndex: 'regionName' },
    { key: 'status', title: t('campaign.field.status'), dataIndex: 'status', render: (s: SurveyCampaignStatus) => statusTag(t, s) },
    { key: 'window', title: t('campaign.field.window'), render: (_: unknown, c: SurveyCampaign) => windowText(c.startsAt, c.endsAt, locale) },
    { key: 'done', title: t('campaign.progress.doneOfTotal'), render: (_: unknown, c: SurveyCampaign) => `${c.totals.done} / ${c.totals.total}` },
    { key: 'alerts', title: t('campaign.progress.alerts'), render: (_: unknown, c: SurveyCampaign) => c.totals.alerts },
  ],
  filters: [{ type: 'select', name: 'status', label: 'campaign.field.status', options: statusOptions }],
  detail: {
    width: 960,
    Header: CampaignSteps,
    sections: [
      {
        key: 'fields',
        fields: (c, { t, locale }) => [
          { key: 'status', label: t('campaign.field.status'), children: statusTag(t, c.status) },
          { key: 'region', label: t('campaign.field.region'), children: c.regionName },
          { key: 'form', label: t('campaign.field.form'), children: `${locale === 'en' ? (c.formTitle.en ?? c.formTitle.zh) : c.formTitle.zh} v${c.formVersion}` },
          { key: 'window', label: t('campaign.field.window'), children: windowText(c.startsAt, c.endsAt, locale) },
          { key: 'target', label: t('campaign.field.target'), children: targetText(t, c) },
          { key: 'generation', label: t('campaign.field.generation'), children: t(`campaign.generation.${c.generation}`) },
          ...(c.target.kind === 'list' && c.unmatched.length > 0 ? [{ key: 'unmatched', label: t('campaign.field.unmatched'), span: 2, children: <UnmatchedNumbers numbers={c.unmatched} /> }] : []),
          { key: 'ticketCategory', label: t('campaign.field.ticketCategory'), children: c.ticketCategoryId ? <TicketCategoryName id={c.ticketCategoryId} /> : '—' },
          { key: 'rules', label: t('campaign.field.alertRules'), span: 2, children: <CampaignRules record={c} /> },
        ],
      },
      { key: 'progress', title: 'campaign.section.progress', Component: CampaignProgress },
      { key: 'tasks', tab: 'campaign.section.tasks', needs: 'campaign:manage', Component: CampaignTasks },
      { key: 'answers', tab: 'campaign.section.answers', needs: 'campaign:manage', Component: CampaignAnswers },
    ],
  },
  form: {
    width: 760,
    fields: [
      { name: 'name', label: 'campaign.field.name', input: { type: 'text', maxLength: 60 }, schema: shape.name, testId: 'name' },
      { name: 'regionCode', label: 'campaign.field.region', input: { type: 'custom', render: ({ testId }) => <RegionSelect data-testid={testId} /> }, schema: shape.regionCode, testId: 'region' },
      { name: 'formKey', label: 'campaign.field.form', input: { type: 'custom', render: ({ testId }) => <FormSelect data-testid={testId} /> }, schema: shape.formKey, testId: 'form' },
      { name: 'window', label: 'campaign.field.window', input: { type: 'custom', render: ({ testId }) => <WindowPicker data-testid={testId} /> }, required: true, requiredMessage: 'campaign.windowNeeded', testId: 'window' },
      { name: 'targetKind', label: 'campaign.field.target', input: { type: 'select', options: (t) => (['region', 'tag', 'arrivals', 'list'] as const).map((k) => ({ value: k, label: t(`campaign.target.${k}`) })) }, required: true, span: 12, testId: 'target' },
      { name: 'tag', label: 'campaign.target.tag', input: { type: 'select', options: (t) => enumOptions(t, 'tag', RESIDENT_TAGS) }, span: 12, testId: 'tag', visible: ({ values }) => values.targetKind === 'tag' },
      { name: 'arrivedSince', label: 'campaign.target.arrivedSince', input: { type: 'date' }, required: true, span: 12, testId: 'arrived-since', visible: ({ values }) => values.targetKind === 'arrivals' },
      { name: 'origin', label: 'campaign.target.origin', input: { type: 'text', maxLength: 40, placeholder: (ctx) => ctx.t('campaign.target.originHint') }, span: 12, testId: 'origin', visible: ({ values }) => values.targetKind === 'arrivals' },
      {
        name: 'householdNumbers',
        label: 'campaign.target.list',
        input: { type: 'custom', render: ({ testId }) => <ListFileField data-testid={testId} /> },
        required: true,
        requiredMessage: 'campaign.list.needed',
        testId: 'list',
        visible: ({ values }) => values.targetKind === 'list',
      },
      { name: 'alertRules', label: 'campaign.field.alertRules', input: { type: 'custom', render: ({ testId, values }) => <AlertRulesEditor data-testid={testId} formKey={values.formKey} /> }, testId: 'rules' },
      {
        name: 'ticketCategoryId',
        label: 'campaign.field.ticketCategory',
        input: { type: 'custom', render: ({ testId }) => <CategorySelect allowClear style={{ width: '100%' }} data-testid={testId} /> },
        required: ({ values }) => Boolean(values.alertRules?.some((r) => r.action === 'ticket')),
        requiredMessage: 'campaign.ticketCategoryNeeded',
        extra: ({ t }) => t('campaign.ticketCategoryHint'),
        testId: 'ticket-category',
      },
    ],
    editable: () => false,
    initialValues: (_c, { me }) => {
      const start = dayjs().startOf('hour');
      return { name: '', regionCode: me.scope.regionCode, formKey: 'epidemic.household_survey', window: [start.toISOString(), start.add(7, 'day').toISOString()], targetKind: 'region' };
    },
    create: (values) => campaignsApi.create(values),
  },
};

/** Health declarations (健康申报): a config of the shared record page; every read carries the stated purpose. */
import { Descriptions } from 'antd';
import { DECLARATION_FORM_KEY, type RaisedAlert } from '@gridgov/contracts';
import { enumLabel } from '../../shared/labels';
import { formatDateTime, orDash } from '../../shared/format';
import { purposeStore } from '../../shared/purpose/purpose';
import type { DetailPartProps, RecordPageConfig } from '../../shared/record-page/types';
import { useI18n, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/i18n';
import { AlertTags } from './AlertTags';
import { declarationKeys, declarationsApi, type DeclarationRecord } from './declarations-api';
import { RecordByPhone } from './RecordByPhone';

export const declarationPurpose = purposeStore('declarations');

const flag = (t: Translate, yes: MessageKey, no: MessageKey) => [{ value: 'true', label: t(yes) }, { value: 'false', label: t(no) }];

/** The health and trip answers as the form's keys and values (the definition's labels come with the form editor). */
function Answers({ record }: DetailPartProps<DeclarationRecord>) {
  const { t } = useI18n();
  const show = (v: unknown): string => (Array.isArray(v) ? v.map(show).join('、') : v && typeof v === 'object' ? Object.entries(v).map(([k, x]) => `${k}: ${show(x)}`).join('；') : v === true ? t('declaration.yes') : v === false ? t('declaration.no') : String(v ?? '—'));
  return (
    <Descriptions size="small" column={1} bordered data-testid="declarations-answers" items={Object.entries(record.answers).map(([k, v]) => ({ key: k, label: enumLabel(t, 'declarationField', k), children: show(v) }))} />
  );
}

export const declarationPage: RecordPageConfig<DeclarationRecord, Record<string, unknown>> = {
  slug: 'declarations',
  title: 'menu.declarations',
  noun: (t) => t('declaration.noun'),
  recordName: (d) => `${d.name} ${d.day}`,
  source: {
    key: declarationKeys.all,
    list: (query, paging, signal) => declarationsApi.list({ ...query, ...paging }, signal) as never,
    get: (id, signal) => declarationsApi.get(id, declarationPurpose.current(), signal),
  },
  permissions: {},
  columns: ({ t, locale }) => [
    { key: 'day', title: t('declaration.field.declaredAt'), dataIndex: 'declaredAt', render: (v: string) => formatDateTime(v, locale) },
    { key: 'name', title: t('declaration.field.name'), dataIndex: 'name' },
    { key: 'id', title: t('declaration.field.idNumber'), dataIndex: 'idNumberMasked', responsive: ['md'] },
    { key: 'phone', title: t('declaration.field.phone'), dataIndex: 'phoneMasked', responsive: ['lg'] },
    { key: 'temperature', title: t('declaration.field.temperature'), dataIndex: 'temperature', render: (v: number | null) => (v === null ? '—' : `${v.toFixed(1)}℃`) },
    { key: 'flags', title: t('declaration.field.flags'), dataIndex: 'abnormal', render: (_: boolean, d: DeclarationRecord) => <AlertTags abnormal={d.abnormal} keys={d.alertKeys} testId={`declarations-flags-${d.id}`} /> },
    { key: 'place', title: t('declaration.field.place'), dataIndex: 'gridName', responsive: ['lg'], render: (g: string | null, d: DeclarationRecord) => `${d.regionName}${g ? ` · ${g}` : ''}${d.matched ? '' : ` (${t('declaration.unmatched')})`}` },
    { key: 'source', title: t('declaration.field.source'), dataIndex: 'source', responsive: ['xl'], render: (s: string, d: DeclarationRecord) => `${enumLabel(t, 'declarationSource', s)} · ${enumLabel(t, 'declarationMode', d.mode)}` },
  ],
  filters: [
    { type: 'text', name: 'from', label: 'declaration.filter.from', placeholder: 'declaration.filter.datePlaceholder', maxLength: 10 },
    { type: 'text', name: 'to', label: 'declaration.filter.to', placeholder: 'declaration.filter.datePlaceholder', maxLength: 10 },
    { type: 'select', name: 'abnormal', label: 'declaration.filter.abnormal', fromUrl: 'abnormal', options: (t) => flag(t, 'declaration.abnormal', 'declaration.normal') },
    { type: 'select', name: 'unmatched', label: 'declaration.filter.unmatched', fromUrl: 'unmatched', options: (t) => flag(t, 'declaration.unmatched', 'declaration.matched') },
    { type: 'grid', name: 'grid', label: 'record.filter.grid', fromUrl: 'grid' },
  ],
  toolbar: [{ key: 'phone', label: 'declaration.recordByPhone', needs: 'declaration:record', Dialog: ({ onClose }) => <RecordByPhone onClose={onClose} /> }],
  detail: {
    width: 820,
    sections: [
      {
        key: 'fields',
        fields: (d, { t, locale }) => [
          { key: 'name', label: t('declaration.field.name'), children: d.name },
          { key: 'id', label: t('declaration.field.idNumber'), children: d.idNumberMasked },
          { key: 'phone', label: t('declaration.field.phone'), children: d.phoneMasked },
          { key: 'at', label: t('declaration.field.declaredAt'), children: formatDateTime(d.declaredAt, locale) },
          { key: 'mode', label: t('declaration.field.mode'), children: `${enumLabel(t, 'declarationMode', d.mode)} · ${enumLabel(t, 'declarationSource', d.source)}${d.recordedByName ? `（${d.recordedByName}）` : ''}` },
          { key: 'place', label: t('declaration.field.place'), children: `${d.regionName}${d.gridName ? ` · ${d.gridName}` : ''}` },
          { key: 'matched', label: t('declaration.field.matched'), children: d.matched ? t('declaration.matched') : t('declaration.unmatched') },
          { key: 'temperature', label: t('declaration.field.temperature'), children: d.temperature === null ? '—' : `${d.temperature.toFixed(1)}℃` },
          { key: 'flags', label: t('declaration.field.flags'), children: <AlertTags abnormal={d.abnormal} keys={d.alerts.map((a: RaisedAlert) => a.key)} testId="declarations-detail-flags" /> },
          { key: 'form', label: t('declaration.field.form'), children: `${DECLARATION_FORM_KEY} v${d.formVersion}` },
          { key: 'superseded', label: t('declaration.field.superseded'), children: orDash(d.supersededBy ? t('declaration.supersededYes') : null) },
        ],
      },
      { key: 'answers', tab: 'declaration.tab.answers', Component: Answers },
    ],
  },
};

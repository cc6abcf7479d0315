/** The archive's tabs: the category form's answers, the risk history, the visits. */
import { useQuery } from '@tanstack/react-query';
import { Descriptions, Empty, Table, Tag } from 'antd';
import { localized, type FormField, type KpDetail } from '@gridgov/contracts';
import { formsApi } from '../../api/forms';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { formatDateTime, orDash, pointText } from '../../shared/format';
import type { DetailPartProps } from '../../shared/record-page/types';

function answerText(field: FormField, value: unknown, locale: 'zh-CN' | 'en', yes: string, no: string): string {
  if (value === undefined || value === null || value === '') return '';
  if (field.type === 'choice') return localized(field.options.find((o) => o.value === value)?.label ?? { zh: String(value), en: String(value) }, locale);
  if (field.type === 'multi_choice' && Array.isArray(value)) return value.map((v) => localized(field.options.find((o) => o.value === v)?.label ?? { zh: String(v), en: String(v) }, locale)).join('、');
  if (field.type === 'boolean') return value ? yes : no;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function KpAnswers({ record }: DetailPartProps<KpDetail>) {
  const { t, locale } = useI18n();
  const form = useQuery({ queryKey: ['forms', record.formKey, record.formVersion], queryFn: () => formsApi.get(record.formKey, record.formVersion), staleTime: Infinity, enabled: record.formKey !== '' });
  const fields = (form.data?.definition.fields ?? []).filter((f) => f.type !== 'note' && f.type !== 'repeat');
  const items = fields
    .map((f) => ({ key: f.key, label: localized(f.label, locale), children: answerText(f, record.answers[f.key], locale, t('kp.yes'), t('kp.no')) }))
    .filter((i) => i.children !== '');
  if (items.length === 0) return <Empty description={t('kp.noAnswers')} />;
  return <Descriptions data-testid="keypersons-answers" column={{ xs: 1, md: 2 }} size="small" bordered items={items} />;
}

export function KpRiskHistory({ record }: DetailPartProps<KpDetail>) {
  const { t, locale } = useI18n();
  const level = (field: string, v: string | null) => (v ? enumLabel(t, field === 'risk' ? 'kpRisk' : 'kpManagement', v) : '—');
  return (
    <Table
      data-testid="keypersons-risk-history"
      size="small"
      rowKey={(h) => `${h.at}-${h.field}-${h.to}`}
      pagination={false}
      dataSource={record.riskHistory}
      scroll={{ x: true }}
      columns={[
        { key: 'change', title: t('kp.field.risk'), render: (_, h) => t('kp.history.change', { field: t(h.field === 'risk' ? 'kp.history.risk' : 'kp.history.management'), from: level(h.field, h.from), to: level(h.field, h.to) }) },
        { key: 'reason', title: t('kp.history.reason'), dataIndex: 'reason' },
        { key: 'by', title: t('kp.history.by'), dataIndex: 'byName', render: (v: string | null) => orDash(v) },
        { key: 'at', title: t('kp.history.at'), dataIndex: 'at', render: (v: string) => formatDateTime(v, locale) },
      ]}
    />
  );
}

type Visit = KpDetail['visits'][number];

/** A visit's answers to the visit form (risk observations, a signature), read from the form version it answered. */
function VisitAnswers({ visit }: { visit: Visit }) {
  const { t, locale } = useI18n();
  const { formKey, formVersion } = visit;
  const form = useQuery({ queryKey: ['forms', formKey, formVersion], queryFn: () => formsApi.get(formKey!, formVersion!), staleTime: Infinity, enabled: Boolean(formKey && formVersion) });
  const parts = (form.data?.definition.fields ?? []).flatMap((f) => {
    const value = visit.answers[f.key];
    if (f.type === 'signature' && value && typeof value === 'object' && 'id' in value) {
      return [<a key={f.key} href={`/api/attachments/${String(value.id)}`} target="_blank" rel="noreferrer" data-testid={`keypersons-visit-signature-${visit.id}`}>{localized(f.label, locale)} ✍</a>];
    }
    if (f.type === 'note' || f.type === 'repeat' || f.type === 'photo' || f.type === 'signature') return [];
    const text = answerText(f, value, locale, t('kp.yes'), t('kp.no'));
    return text ? [<div key={f.key}>{localized(f.label, locale)}：{text}</div>] : [];
  });
  return parts.length > 0 ? <div data-testid={`keypersons-visit-answers-${visit.id}`}>{parts}</div> : <>—</>;
}

export function KpVisits({ record }: DetailPartProps<KpDetail>) {
  const { t } = useI18n();
  if (record.visits.length === 0) return <Empty description={t('kp.visit.none')} />;
  return (
    <Table
      data-testid="keypersons-visits"
      size="small"
      rowKey="id"
      pagination={{ pageSize: 10 }}
      dataSource={record.visits}
      scroll={{ x: true }}
      columns={[
        { key: 'on', title: t('kp.visit.on'), dataIndex: 'visitedOn' },
        { key: 'way', title: t('kp.visit.way'), dataIndex: 'way', render: (v: string) => <Tag>{enumLabel(t, 'kpVisitWay', v)}</Tag> },
        { key: 'findings', title: t('kp.visit.findings'), dataIndex: 'findings' },
        { key: 'observed', title: t('kp.visit.observed'), render: (_, v) => <VisitAnswers visit={v} /> },
        { key: 'by', title: t('kp.visit.by'), dataIndex: 'byName', render: (v: string | null) => orDash(v) },
        { key: 'where', title: t('kp.visit.location'), render: (_, v) => orDash(v.lon !== null && v.lat !== null ? pointText(v.lon, v.lat) : null) },
        { key: 'photos', title: t('kp.visit.photos'), render: (_, v) => v.photoIds.map((id) => <a key={id} href={`/api/attachments/${id}`} target="_blank" rel="noreferrer">📷</a>) },
      ]}
    />
  );
}

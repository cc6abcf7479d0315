/**
 * The criteria that hold at one's scope, as data: each criterion's switch, labels and threshold,
 * the size of a collective petition, and every saved version. An operator of a county or above
 * saves a new version for their own region (audited); others read.
 */
import { Alert, Button, Card, Form, Input, InputNumber, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PETITION_METRIC_BOUND, type PetitionCriteriaView, type PetitionCriterion } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { petitionKeys, petitionsApi } from './petitions-api';

type Values = { collectiveMinPeople: number; note?: string; criteria: PetitionCriterion[] };

function Editor({ view }: { view: PetitionCriteriaView }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const save = useMutation({
    mutationFn: (v: Values) => petitionsApi.saveCriteria({ version: view.ownVersion, collectiveMinPeople: v.collectiveMinPeople, criteria: v.criteria, ...(v.note ? { note: v.note } : {}) }),
    onSuccess: async () => {
      feedback.success(t('petition.criteria.saved'));
      form.setFieldValue('note', undefined);
      await client.invalidateQueries({ queryKey: petitionKeys.criteria });
    },
    onError: (error) => feedback.error(error),
  });
  const disabled = !view.editable;
  return (
    <Form form={form} layout="vertical" disabled={disabled} initialValues={{ collectiveMinPeople: view.collectiveMinPeople, criteria: view.criteria }} onFinish={(v) => save.mutate({ ...v, criteria: view.criteria.map((c, i) => ({ ...c, ...v.criteria[i] })) })}>
      <Table<PetitionCriterion>
        rowKey="metric"
        size="small"
        pagination={false}
        dataSource={view.criteria}
        scroll={{ x: 760 }}
        columns={[
          { key: 'enabled', title: t('petition.criteria.enabled'), width: 80, render: (_, c, i) => <Form.Item name={['criteria', i, 'enabled']} valuePropName="checked" noStyle><Switch size="small" data-testid={`criteria-enabled-${c.metric}`} /></Form.Item> },
          { key: 'metric', title: t('petition.criteria.metric'), width: 200, render: (_, c) => t(`petition.metric.${c.metric}`) },
          { key: 'zh', title: t('petition.criteria.labelZh'), render: (_, c, i) => <Form.Item name={['criteria', i, 'label', 'zh']} noStyle rules={[{ required: true, max: 60 }]}><Input data-testid={`criteria-label-zh-${c.metric}`} /></Form.Item> },
          { key: 'en', title: t('petition.criteria.labelEn'), render: (_, c, i) => <Form.Item name={['criteria', i, 'label', 'en']} noStyle rules={[{ required: true, max: 100 }]}><Input /></Form.Item> },
          {
            key: 'threshold', title: t('petition.criteria.threshold'), width: 150,
            render: (_, c, i) => (
              <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}>
                {PETITION_METRIC_BOUND[c.metric] === 'max' ? '≤' : '≥'}
                <Form.Item name={['criteria', i, 'threshold']} noStyle><InputNumber min={0} max={PETITION_METRIC_BOUND[c.metric] === 'min' ? 100 : 100_000} precision={PETITION_METRIC_BOUND[c.metric] === 'min' ? 2 : 0} data-testid={`criteria-threshold-${c.metric}`} /></Form.Item>
                {PETITION_METRIC_BOUND[c.metric] === 'min' ? '%' : ''}
              </span>
            ),
          },
        ]}
      />
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', marginTop: 16 }}>
        <Form.Item name="collectiveMinPeople" label={t('petition.criteria.collectiveMinPeople')} rules={[{ required: true }]}><InputNumber min={2} max={1000} data-testid="criteria-collective" /></Form.Item>
        <Form.Item name="note" label={t('petition.criteria.note')} style={{ flex: 1, minWidth: 220 }}><Input maxLength={200} data-testid="criteria-note" /></Form.Item>
      </div>
      {view.editable && <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="criteria-save">{t('petition.criteria.save')}</Button>}
      <Typography.Title level={5} style={{ marginTop: 24 }}>{t('petition.criteria.history')}</Typography.Title>
      <Table
        rowKey="version"
        size="small"
        pagination={false}
        data-testid="criteria-history"
        dataSource={view.history}
        columns={[
          { key: 'version', title: t('petition.criteria.version'), dataIndex: 'version', width: 80 },
          { key: 'at', title: t('petition.criteria.changedAt'), render: (_, h) => formatDateTime(h.changedAt, locale) },
          { key: 'by', title: t('petition.criteria.changedBy'), render: (_, h) => h.changedBy ?? t('petition.criteria.system') },
          { key: 'note', title: t('petition.criteria.note'), render: (_, h) => h.note ?? '—' },
          { key: 'summary', title: t('petition.criteria.summary'), render: (_, h) => h.criteria.filter((c) => c.enabled).map((c) => `${locale === 'en' ? c.label.en : c.label.zh} ${PETITION_METRIC_BOUND[c.metric] === 'max' ? '≤' : '≥'} ${c.threshold}`).join('；') },
        ]}
      />
    </Form>
  );
}

export default function CriteriaEditor() {
  const { t } = useI18n();
  const criteria = useQuery({ queryKey: petitionKeys.criteria, queryFn: ({ signal }) => petitionsApi.criteria(signal) });
  const view = criteria.data;
  return (
    <Card data-testid="petitions-criteria" loading={criteria.isLoading} title={t('petition.criteria.title')}>
      {view && (
        <>
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={view.inherited ? t('petition.criteria.inherited', { region: view.regionName || t('petition.criteria.default') }) : t('petition.criteria.own', { version: view.version })}
            description={view.editable ? (view.inherited ? t('petition.criteria.createOwn') : null) : t('petition.criteria.readOnly')}
          />
          {view.inherited && view.editable && <Tag style={{ marginBottom: 8 }}>{t('petition.criteria.willCreate')}</Tag>}
          <Editor key={`${view.regionCode}:${view.version}`} view={view} />
        </>
      )}
    </Card>
  );
}

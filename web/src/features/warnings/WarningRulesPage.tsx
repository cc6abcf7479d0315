/**
 * The warning rules: each configured rule with its kind (or unavailable), parameters, level,
 * severity and how its warnings ended (raised, confirmed, false positives, rate); editing through
 * a form built from the kind's parameter fields; "run now"; and the run history.
 */
import { Button, Card, Form, Input, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { WARNING_LEVELS, WARNING_SEVERITIES, type ParamField, type WarningRuleView, type WarningRunView } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { severityTag } from './warning-page';
import { warningKeys, warningsApi } from './warnings-api';

type FormValues = { name: string; level: string; severity: string; enabled: boolean } & Record<string, unknown>;

function paramInput(f: ParamField) {
  if (f.type === 'integer' || f.type === 'number') return <InputNumber min={f.min} max={f.max} step={f.type === 'integer' ? 1 : 0.1} style={{ width: '100%' }} data-testid={`rule-param-${f.name}`} />;
  if (f.type === 'boolean') return <Switch data-testid={`rule-param-${f.name}`} />;
  return <Input data-testid={`rule-param-${f.name}`} />;
}

function RuleEditor({ rule, onClose }: { rule: WarningRuleView; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const initial: FormValues = {
    name: rule.name, level: rule.level, severity: rule.severity, enabled: rule.enabled,
    ...Object.fromEntries(rule.paramFields.map((f) => [`p_${f.name}`, f.type === 'string_list' ? ((rule.params[f.name] as string[] | undefined) ?? []).join(', ') : rule.params[f.name]])),
  };
  const save = useMutation({
    mutationFn: (v: FormValues) =>
      warningsApi.updateRule(rule.id, {
        version: rule.version, name: v.name, level: v.level, severity: v.severity, enabled: v.enabled,
        params: Object.fromEntries(rule.paramFields.map((f) => [f.name, f.type === 'string_list' ? String(v[`p_${f.name}`] ?? '').split(/[,，\s]+/).filter(Boolean) : v[`p_${f.name}`]])),
      }),
    onSuccess: async () => {
      feedback.success(t('warningRule.saved'));
      await client.invalidateQueries({ queryKey: warningKeys.rules });
      onClose();
    },
    onError: (error) => feedback.error(error),
  });
  return (
    <Modal open title={rule.name} onCancel={onClose} onOk={() => form.submit()} okText={t('warningRule.save')} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="name" label={t('warningRule.name')} rules={[{ required: true, min: 2, max: 100 }]}><Input data-testid="rule-name" /></Form.Item>
        {rule.paramFields.map((f) => (
          <Form.Item key={f.name} name={`p_${f.name}`} label={f.name} extra={f.type === 'string_list' ? t('warningRule.listHint') : undefined} valuePropName={f.type === 'boolean' ? 'checked' : 'value'}>
            {paramInput(f)}
          </Form.Item>
        ))}
        <Form.Item name="level" label={t('warning.field.level')}><Select options={WARNING_LEVELS.map((l) => ({ value: l, label: t(`warning.level.${l}`) }))} /></Form.Item>
        <Form.Item name="severity" label={t('warning.field.severity')}><Select options={WARNING_SEVERITIES.map((s) => ({ value: s, label: t(`warning.severity.${s}`) }))} /></Form.Item>
        <Form.Item name="enabled" label={t('warningRule.enabled')} valuePropName="checked"><Switch /></Form.Item>
      </Form>
    </Modal>
  );
}

export default function WarningRulesPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [editing, setEditing] = useState<WarningRuleView | null>(null);
  const rules = useQuery({ queryKey: warningKeys.rules, queryFn: ({ signal }) => warningsApi.rules(signal) });
  const runs = useQuery({ queryKey: warningKeys.runs, queryFn: ({ signal }) => warningsApi.runs(signal) });
  const runNow = useMutation({
    mutationFn: () => warningsApi.runNow(),
    onSuccess: async (run) => {
      feedback.success(t('warningRule.ran', { hits: run.hits, raised: run.raised }));
      await client.invalidateQueries({ queryKey: warningKeys.all });
    },
    onError: (error) => feedback.error(error),
  });
  const label = (r: WarningRuleView) => (r.kindLabel ? (locale === 'en' ? r.kindLabel.en : r.kindLabel.zh) : r.kind);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={t('menu.warningRules')}
        extra={<Button type="primary" data-testid="rules-run-now" loading={runNow.isPending} onClick={() => runNow.mutate()}>{t('warningRule.runNow')}</Button>}
      >
        <Table<WarningRuleView>
          rowKey="id"
          size="small"
          scroll={{ x: 900 }}
          loading={rules.isLoading}
          dataSource={rules.data ?? []}
          pagination={false}
          onRow={(r) => ({ 'data-testid': `rule-${r.kind}` }) as object}
          columns={[
            { key: 'name', title: t('warningRule.name'), render: (_, r) => <span>{r.name}<br /><Typography.Text type="secondary">{label(r)}</Typography.Text></span> },
            { key: 'params', title: t('warningRule.params'), render: (_, r) => (r.available ? <code>{JSON.stringify(r.params)}</code> : <Tag>{t('warningRule.unavailable')}</Tag>) },
            { key: 'level', title: t('warning.field.level'), render: (_, r) => t(`warning.level.${r.level}`) },
            { key: 'severity', title: t('warning.field.severity'), render: (_, r) => severityTag(t, r.severity) },
            { key: 'enabled', title: t('warningRule.enabled'), render: (_, r) => (r.enabled ? '✓' : '—') },
            { key: 'stats', title: t('warningRule.stats'), render: (_, r) => <span data-testid="rule-stats">{`${r.stats.raised} / ${r.stats.confirmed} / ${r.stats.falsePositive}`}</span> },
            { key: 'rate', title: t('warningRule.rate'), render: (_, r) => (r.stats.falsePositiveRate === null ? '—' : `${Math.round(r.stats.falsePositiveRate * 100)}%`) },
            { key: 'edit', title: '', render: (_, r) => (r.available ? <Button size="small" data-testid={`rule-edit-${r.kind}`} onClick={() => setEditing(r)}>{t('warningRule.edit')}</Button> : null) },
          ]}
        />
      </Card>
      <Card title={t('warningRule.runs')}>
        <Table<WarningRunView>
          rowKey="id"
          size="small"
          loading={runs.isLoading}
          dataSource={runs.data?.items ?? []}
          pagination={false}
          scroll={{ x: 600 }}
          columns={[
            { key: 'startedAt', title: t('warningRule.run.startedAt'), render: (_, r) => formatDateTime(r.startedAt, locale) },
            { key: 'trigger', title: t('warningRule.run.trigger'), render: (_, r) => t(`warningRule.run.trigger.${r.trigger}`) },
            { key: 'hits', title: t('warningRule.run.hits'), dataIndex: 'hits' },
            { key: 'raised', title: t('warningRule.run.raised'), dataIndex: 'raised' },
            { key: 'ms', title: t('warningRule.run.ms'), render: (_, r) => r.rules.reduce((n, x) => n + x.ms, 0) },
          ]}
        />
      </Card>
      {editing && <RuleEditor rule={editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}

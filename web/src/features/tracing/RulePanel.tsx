/** The tracing rule in force (data, versioned); an operator whose scope is city-wide or above may change it. */
import { Button, Card, Descriptions, Form, InputNumber, Switch, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { divisionPrefix, tracingRule, type TracingRule } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { contractRule } from '../../shared/fields/contract-rules';
import { holds } from '../../shared/permissions';
import { tracingApi, tracingKeys } from './tracing-api';

const NUMBERS = ['exposureDaysBefore', 'minOverlapMinutes', 'tripWindowHours', 'seatRows', 'followUpDays'] as const;

export function RulePanel() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<TracingRule>();
  const rule = useQuery({ queryKey: tracingKeys.rule, queryFn: ({ signal }) => tracingApi.rule(signal) });
  const save = useMutation({
    mutationFn: (r: TracingRule) => tracingApi.changeRule(r),
    onSuccess: async (saved) => {
      client.setQueryData(tracingKeys.rule, saved);
      feedback.success(t('case.ruleSaved', { version: saved.version }));
    },
    onError: (error) => feedback.error(error),
  });
  if (!rule.data) return <Card loading />;
  const editable = holds('tracing:rule', me.permissions) && !me.scope.gridId && divisionPrefix(me.scope.regionCode).length <= 4;
  return (
    <Card size="small" title={t('case.ruleTitle', { version: rule.data.version })} data-testid="tracing-rule">
      <Typography.Paragraph type="secondary">
        {rule.data.createdAt ? t('case.ruleChanged', { at: formatDateTime(rule.data.createdAt, locale), by: rule.data.createdByName ?? '' }) : t('case.ruleDefault')}
      </Typography.Paragraph>
      {editable ? (
        <Form form={form} layout="vertical" initialValues={rule.data.rule} onFinish={(v) => save.mutate({ ...v, seatRows: v.seatRows ?? null })} style={{ maxWidth: 520 }}>
          {NUMBERS.map((k) => (
            <Form.Item key={k} name={k} label={t(`case.rule.${k}`)} extra={t(`case.rule.${k}Hint`)} rules={[contractRule(tracingRule.shape[k], t)]}>
              <InputNumber style={{ width: 200 }} data-testid={`tracing-rule-${k}`} />
            </Form.Item>
          ))}
          <Form.Item name="secondary" label={t('case.rule.secondary')} valuePropName="checked">
            <Switch data-testid="tracing-rule-secondary" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="tracing-rule-save">
            {t('case.ruleSave')}
          </Button>
        </Form>
      ) : (
        <Descriptions column={1} size="small" bordered items={[...NUMBERS, 'secondary' as const].map((k) => ({ key: k, label: t(`case.rule.${k}`), children: String(rule.data.rule[k] ?? t('case.rule.wholeCarriage')) }))} />
      )}
    </Card>
  );
}

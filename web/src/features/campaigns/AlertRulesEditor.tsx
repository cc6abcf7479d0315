/**
 * A campaign's alert rules: by default the chosen form's own (shown in words); or the clerk's
 * list, starting from them, where a rule is one condition on a field of the form (picked by its
 * label, a member's field tried on each member), a level, an action the campaign acts on (a
 * follow-up visit or a ticket) and the message the worker sees. The value is the rule list, or
 * undefined for the form's own. A controlled antd form control.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Input, InputNumber, List, Row, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ALERT_LEVELS, DATE_REF, type AlertLevel, type AlertRule, type ConditionOp, type ConditionValue, type FormDefinition } from '@gridgov/contracts';
import { formsApi } from '../../api/forms';
import { useI18n, type Translate } from '../../i18n/i18n';
import { translator } from '../../i18n/translate';
import { fieldLabel, opsFor, ruleFields, ruleKey, ruleText, valueText, type RuleField } from './alert-rules';

export const CAMPAIGN_RULE_ACTIONS = ['follow_up', 'ticket'] as const;
type RuleAction = (typeof CAMPAIGN_RULE_ACTIONS)[number];
export const LEVEL_COLOURS: Record<AlertLevel, string> = { info: 'blue', warning: 'orange', critical: 'red' };

/** The newest published version of a form (what a new campaign answers). */
export function useCurrentForm(formKey: string | undefined) {
  return useQuery({ queryKey: ['forms', 'current', formKey ?? ''], queryFn: () => formsApi.current(formKey!), enabled: Boolean(formKey), staleTime: 5 * 60_000, meta: { silent: true } }).data;
}

/** One rule in a line: its level, its condition in words, its action and its message. */
export function RuleLine({ rule, definition, extra }: { rule: AlertRule; definition: Pick<FormDefinition, 'fields'> | undefined; extra?: ReactNode }) {
  const { t, locale } = useI18n();
  const action = (CAMPAIGN_RULE_ACTIONS as readonly string[]).includes(rule.action ?? '') ? t(`campaign.ruleAction.${rule.action as RuleAction}`) : t('campaign.ruleAction.none');
  return (
    <List.Item extra={extra} data-testid={`campaign-rule-${rule.key}`} style={{ paddingInline: 0 }}>
      <Space orientation="vertical" size={0}>
        <Space wrap size={4}>
          <Tag color={LEVEL_COLOURS[rule.level]}>{t(`campaign.alertLevel.${rule.level}`)}</Tag>
          <Typography.Text strong>{ruleText(rule, definition, t, locale)}</Typography.Text>
          <Typography.Text type="secondary">→ {action}</Typography.Text>
        </Space>
        <Typography.Text type="secondary">{locale === 'en' ? rule.message.en : rule.message.zh}</Typography.Text>
      </Space>
    </List.Item>
  );
}

interface Props {
  value?: AlertRule[];
  onChange?: (value: AlertRule[] | undefined) => void;
  formKey?: string;
  'data-testid'?: string;
}

export function AlertRulesEditor({ value, onChange, formKey, 'data-testid': testId = 'campaign-rules' }: Props) {
  const { t } = useI18n();
  const form = useCurrentForm(formKey);
  const definition = form?.definition;
  const [adding, setAdding] = useState(false);
  // Another form: the rules named the old one's fields; back to the new form's own.
  const lastForm = useRef(formKey);
  useEffect(() => {
    if (lastForm.current === formKey) return;
    lastForm.current = formKey;
    setAdding(false);
    onChange?.(undefined);
  }, [formKey, onChange]);

  if (!formKey) return <Typography.Text type="secondary">{t('campaign.rules.pickForm')}</Typography.Text>;
  const own = definition?.alerts ?? [];
  const rules = value ?? own;
  const custom = value !== undefined;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      <Space wrap>
        <Typography.Text type="secondary">{custom ? t('campaign.rules.custom', { n: rules.length }) : t('campaign.rules.formOwn', { n: own.length })}</Typography.Text>
        {custom ? (
          <Button size="small" onClick={() => onChange?.(undefined)} data-testid={`${testId}-reset`}>{t('campaign.rules.reset')}</Button>
        ) : (
          <Button size="small" onClick={() => onChange?.([...own])} disabled={!definition} data-testid={`${testId}-customise`}>{t('campaign.rules.customise')}</Button>
        )}
        {custom && rules.length > 0 && <Button size="small" onClick={() => onChange?.([])} data-testid={`${testId}-clear`}>{t('campaign.rules.clear')}</Button>}
      </Space>
      {rules.length > 0 && (
        <List
          size="small"
          dataSource={rules}
          rowKey="key"
          renderItem={(rule) => (
            <RuleLine
              rule={rule}
              definition={definition}
              extra={custom ? <Button size="small" type="link" danger onClick={() => onChange?.(rules.filter((r) => r.key !== rule.key))} data-testid={`${testId}-remove-${rule.key}`}>{t('common.delete')}</Button> : undefined}
            />
          )}
        />
      )}
      {custom && definition && !adding && rules.length < 50 && (
        <Button type="dashed" block onClick={() => setAdding(true)} data-testid={`${testId}-add`}>{t('campaign.rules.add')}</Button>
      )}
      {custom && definition && adding && (
        <RuleBuilder
          fields={ruleFields(definition)}
          taken={rules.map((r) => r.key)}
          onCancel={() => setAdding(false)}
          onAdd={(rule) => {
            onChange?.([...rules, rule]);
            setAdding(false);
          }}
          testId={`${testId}-new`}
        />
      )}
    </Space>
  );
}

type Draft = { fieldId?: string; op?: ConditionOp; value?: ConditionValue | ConditionValue[]; level: AlertLevel; action: RuleAction; zh: string; en: string };

const needsValue = (op: ConditionOp | undefined) => op !== undefined && op !== 'empty' && op !== 'not_empty';

/** What the rule says in a language when the clerk writes no message: its condition in words. */
function autoMessage(rf: RuleField, op: ConditionOp, value: Draft['value'], locale: 'zh-CN' | 'en'): string {
  const t = translator(locale);
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return [fieldLabel(rf, locale), t(`campaign.op.${op}`), values.map((v) => valueText(rf.field, v, t, locale)).join(t('campaign.rule.listSep'))].filter(Boolean).join(' ');
}

function ValueInput({ rf, op, value, onChange, testId, t, locale }: { rf: RuleField; op: ConditionOp; value: Draft['value']; onChange: (v: Draft['value']) => void; testId: string; t: Translate; locale: string }) {
  const field = rf.field;
  if (field.type === 'choice' || field.type === 'multi_choice') {
    const options = field.options.map((o) => ({ value: o.value, label: locale === 'en' ? o.label.en : o.label.zh }));
    return op === 'in' ? (
      <Select<string[]> mode="multiple" value={Array.isArray(value) ? (value as string[]) : []} onChange={(v) => onChange(v.length ? v : undefined)} options={options} style={{ width: '100%' }} placeholder={t('campaign.rules.value')} data-testid={testId} />
    ) : (
      <Select<string> value={typeof value === 'string' ? value : undefined} onChange={onChange} options={options} style={{ width: '100%' }} placeholder={t('campaign.rules.value')} data-testid={testId} />
    );
  }
  if (field.type === 'boolean') {
    return <Select<string> value={typeof value === 'boolean' ? String(value) : undefined} onChange={(v) => onChange(v === 'true')} options={[{ value: 'true', label: t('campaign.rule.yes') }, { value: 'false', label: t('campaign.rule.no') }]} style={{ width: '100%' }} placeholder={t('campaign.rules.value')} data-testid={testId} />;
  }
  if (field.type === 'number') {
    return <InputNumber<number> value={typeof value === 'number' ? value : null} onChange={(v) => onChange(v ?? undefined)} min={field.min} max={field.max} step={field.step} suffix={field.unit ? (locale === 'en' ? field.unit.en : field.unit.zh) : undefined} style={{ width: '100%' }} placeholder={t('campaign.rules.value')} data-testid={testId} />;
  }
  return (
    <Input
      value={typeof value === 'string' ? value : ''}
      onChange={(e) => onChange(e.target.value.trim() || undefined)}
      maxLength={field.type === 'date' ? 16 : 200}
      placeholder={field.type === 'date' ? t('campaign.rules.datePlaceholder') : t('campaign.rules.value')}
      status={field.type === 'date' && typeof value === 'string' && !DATE_REF.test(value) ? 'error' : undefined}
      data-testid={testId}
    />
  );
}

function RuleBuilder({ fields, taken, onAdd, onCancel, testId }: { fields: RuleField[]; taken: string[]; onAdd: (rule: AlertRule) => void; onCancel: () => void; testId: string }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Draft>({ level: 'warning', action: 'follow_up', zh: '', en: '' });
  const rf = fields.find((f) => f.id === draft.fieldId);
  const valueOk = !needsValue(draft.op) || (draft.value !== undefined && (rf?.field.type !== 'date' || (typeof draft.value === 'string' && DATE_REF.test(draft.value))));
  const ready = rf !== undefined && draft.op !== undefined && valueOk;
  const add = () => {
    if (!rf || !draft.op) return;
    const value = needsValue(draft.op) ? draft.value : undefined;
    onAdd({
      key: ruleKey(rf.field.key, taken),
      ...(rf.forEach ? { forEach: rf.forEach } : {}),
      when: { field: rf.field.key, op: draft.op, ...(value !== undefined ? { value } : {}) },
      level: draft.level,
      action: draft.action,
      message: { zh: draft.zh.trim() || autoMessage(rf, draft.op, value, 'zh-CN'), en: draft.en.trim() || autoMessage(rf, draft.op, value, 'en') },
    });
  };
  const label = (key: Parameters<Translate>[0]) => <Typography.Text type="secondary">{t(key)}</Typography.Text>;
  return (
    <Card size="small" title={t('campaign.rules.new')} data-testid={testId}>
      <Row gutter={[8, 8]}>
        <Col xs={24} md={10}>
          {label('campaign.rules.field')}
          <Select<string>
            value={draft.fieldId}
            onChange={(fieldId) => setDraft((d) => ({ ...d, fieldId, op: undefined, value: undefined }))}
            options={fields.map((f) => ({ value: f.id, label: fieldLabel(f, locale) }))}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: '100%' }}
            placeholder={t('campaign.rules.field')}
            data-testid={`${testId}-field`}
          />
        </Col>
        <Col xs={24} md={6}>
          {label('campaign.rules.op')}
          <Select<ConditionOp>
            value={draft.op}
            onChange={(op) => setDraft((d) => ({ ...d, op, value: op === 'in' || d.op === 'in' ? undefined : d.value }))}
            options={(rf ? opsFor(rf.field) : []).map((op) => ({ value: op, label: t(`campaign.op.${op}`) }))}
            disabled={!rf}
            style={{ width: '100%' }}
            placeholder={t('campaign.rules.op')}
            data-testid={`${testId}-op`}
          />
        </Col>
        <Col xs={24} md={8}>
          {label('campaign.rules.value')}
          {rf && draft.op && needsValue(draft.op) ? (
            <ValueInput rf={rf} op={draft.op} value={draft.value} onChange={(value) => setDraft((d) => ({ ...d, value }))} testId={`${testId}-value`} t={t} locale={locale} />
          ) : (
            <Input disabled placeholder="—" />
          )}
        </Col>
        <Col xs={24} md={10}>
          {label('campaign.rules.level')}
          <Select<AlertLevel> value={draft.level} onChange={(level) => setDraft((d) => ({ ...d, level }))} options={ALERT_LEVELS.map((l) => ({ value: l, label: t(`campaign.alertLevel.${l}`) }))} style={{ width: '100%' }} data-testid={`${testId}-level`} />
        </Col>
        <Col xs={24} md={14}>
          {label('campaign.rules.action')}
          <Select<RuleAction> value={draft.action} onChange={(action) => setDraft((d) => ({ ...d, action }))} options={CAMPAIGN_RULE_ACTIONS.map((a) => ({ value: a, label: t(`campaign.ruleAction.${a}`) }))} style={{ width: '100%' }} data-testid={`${testId}-action`} />
        </Col>
        <Col xs={24} md={12}>
          {label('campaign.rules.messageZh')}
          <Input value={draft.zh} onChange={(e) => setDraft((d) => ({ ...d, zh: e.target.value }))} maxLength={500} placeholder={rf && draft.op ? autoMessage(rf, draft.op, draft.value, 'zh-CN') : undefined} data-testid={`${testId}-zh`} />
        </Col>
        <Col xs={24} md={12}>
          {label('campaign.rules.messageEn')}
          <Input value={draft.en} onChange={(e) => setDraft((d) => ({ ...d, en: e.target.value }))} maxLength={500} placeholder={rf && draft.op ? autoMessage(rf, draft.op, draft.value, 'en') : undefined} data-testid={`${testId}-en`} />
        </Col>
      </Row>
      {rf?.forEach && <Alert style={{ marginTop: 8 }} type="info" showIcon title={t('campaign.rules.eachItem', { list: fieldLabel({ label: rf.within! }, locale) })} />}
      <Space style={{ marginTop: 8 }}>
        <Button type="primary" disabled={!ready} onClick={add} data-testid={`${testId}-ok`}>{t('campaign.rules.addOne')}</Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Card>
  );
}

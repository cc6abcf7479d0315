/**
 * A campaign's alert rules: by default the chosen form's own (shown in words); or the clerk's
 * list, starting from them, where a rule is one or more conditions on fields of the form (each
 * picked by its label, a member's field tried on each member), all or any of which must hold, a
 * level, an action the campaign acts on (a follow-up visit or a ticket) and the message the
 * worker sees. Rules are added, edited (those whose condition is such a list) and removed. The
 * value is the rule list, or undefined for the form's own. A controlled antd form control.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Input, InputNumber, List, Row, Segmented, Select, Space, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ALERT_LEVELS, DATE_REF, type AlertLevel, type AlertRule, type ConditionOp, type FormDefinition } from '@gridgov/contracts';
import { formsApi } from '../../api/forms';
import { useI18n, type Translate } from '../../i18n/i18n';
import { translator } from '../../i18n/translate';
import {
  draftsRepeat,
  fieldLabel,
  needsValue,
  opsFor,
  ruleCondition,
  ruleDrafts,
  ruleFields,
  ruleKey,
  ruleText,
  valueText,
  type Combine,
  type ConditionDraft,
  type RuleField,
} from './alert-rules';

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
  // The rule being written: a new one, or the key of the one being edited.
  const [editing, setEditing] = useState<{ key: string | null } | null>(null);
  // Another form: the rules named the old one's fields; back to the new form's own.
  const lastForm = useRef(formKey);
  useEffect(() => {
    if (lastForm.current === formKey) return;
    lastForm.current = formKey;
    setEditing(null);
    onChange?.(undefined);
  }, [formKey, onChange]);

  if (!formKey) return <Typography.Text type="secondary">{t('campaign.rules.pickForm')}</Typography.Text>;
  const own = definition?.alerts ?? [];
  const rules = value ?? own;
  const custom = value !== undefined;
  const fields = definition ? ruleFields(definition) : [];
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
          renderItem={(rule) => {
            const editable = definition !== undefined && ruleDrafts(rule, fields) !== null;
            const actions = custom ? (
              <Space size={0}>
                <Tooltip title={editable ? undefined : t('campaign.rules.notEditable')}>
                  <Button size="small" type="link" disabled={!editable || editing !== null} onClick={() => setEditing({ key: rule.key })} data-testid={`${testId}-edit-${rule.key}`}>{t('campaign.rules.edit')}</Button>
                </Tooltip>
                <Button size="small" type="link" danger disabled={editing?.key === rule.key} onClick={() => onChange?.(rules.filter((r) => r.key !== rule.key))} data-testid={`${testId}-remove-${rule.key}`}>{t('common.delete')}</Button>
              </Space>
            ) : undefined;
            return <RuleLine rule={rule} definition={definition} extra={actions} />;
          }}
        />
      )}
      {custom && definition && !editing && rules.length < 50 && (
        <Button type="dashed" block onClick={() => setEditing({ key: null })} data-testid={`${testId}-add`}>{t('campaign.rules.add')}</Button>
      )}
      {custom && definition && editing && (
        <RuleBuilder
          key={editing.key ?? ''}
          fields={fields}
          initial={editing.key === null ? undefined : rules.find((r) => r.key === editing.key)}
          taken={rules.map((r) => r.key)}
          onCancel={() => setEditing(null)}
          onSave={(rule) => {
            onChange?.(editing.key === null ? [...rules, rule] : rules.map((r) => (r.key === editing.key ? rule : r)));
            setEditing(null);
          }}
          testId={editing.key === null ? `${testId}-new` : `${testId}-editing`}
        />
      )}
    </Space>
  );
}

const MAX_CONDITIONS = 10;

/** `action` '' is none (the alert is only shown); another module's hint read from a stored rule is kept as it is. */
type Draft = { combine: Combine; conditions: ConditionDraft[]; level: AlertLevel; action: string; zh: string; en: string };

/** One condition in words in a language, for a message nobody wrote. */
function conditionMessage(rf: RuleField, op: ConditionOp, value: ConditionDraft['value'], locale: 'zh-CN' | 'en'): string {
  const t = translator(locale);
  const values = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return [fieldLabel(rf, locale), t(`campaign.op.${op}`), values.map((v) => valueText(rf.field, v, t, locale)).join(t('campaign.rule.listSep'))].filter(Boolean).join(' ');
}

/** What the rule says in a language when the clerk writes no message: its conditions in words. */
function autoMessage(fields: readonly RuleField[], draft: Pick<Draft, 'combine' | 'conditions'>, locale: 'zh-CN' | 'en'): string {
  const t = translator(locale);
  const parts = draft.conditions.flatMap((c) => {
    const rf = fields.find((f) => f.id === c.fieldId);
    return rf && c.op ? [conditionMessage(rf, c.op, needsValue(c.op) ? c.value : undefined, locale)] : [];
  });
  return parts.join(t(draft.combine === 'any' ? 'campaign.rule.or' : 'campaign.rule.and'));
}

/** The draft of a rule being edited; its message left empty when it is the conditions' own words (so it follows them). */
function draftOf(rule: AlertRule | undefined, fields: readonly RuleField[]): Draft {
  const parsed = rule ? ruleDrafts(rule, fields) : null;
  if (!rule || !parsed) return { combine: 'all', conditions: [{}], level: 'warning', action: 'follow_up', zh: '', en: '' };
  const action = rule.action ?? '';
  const zh = rule.message.zh === autoMessage(fields, parsed, 'zh-CN') ? '' : rule.message.zh;
  const en = rule.message.en === autoMessage(fields, parsed, 'en') ? '' : rule.message.en;
  return { ...parsed, level: rule.level, action, zh, en };
}

function ValueInput({ rf, op, value, onChange, testId, t, locale }: { rf: RuleField; op: ConditionOp; value: ConditionDraft['value']; onChange: (v: ConditionDraft['value']) => void; testId: string; t: Translate; locale: string }) {
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

/**
 * One condition line: the field (a member's field only of the list the other lines test, if
 * any), the operator of its type, the value. Condition 1 carries `<testId>-field|op|value`,
 * condition n > 1 `<testId>-c<n-1>-field|op|value`.
 */
function ConditionLine({ draft, fields, otherRepeat, onChange, onRemove, testId }: { draft: ConditionDraft; fields: readonly RuleField[]; otherRepeat: string | undefined; onChange: (d: ConditionDraft) => void; onRemove?: () => void; testId: string }) {
  const { t, locale } = useI18n();
  const rf = fields.find((f) => f.id === draft.fieldId);
  const label = (key: Parameters<Translate>[0]) => <Typography.Text type="secondary">{t(key)}</Typography.Text>;
  return (
    <Row gutter={[8, 8]} align="bottom">
      <Col xs={24} md={onRemove ? 9 : 10}>
        {label('campaign.rules.field')}
        <Select<string>
          value={draft.fieldId}
          onChange={(fieldId) => onChange({ fieldId })}
          options={fields.filter((f) => !f.forEach || !otherRepeat || f.forEach === otherRepeat).map((f) => ({ value: f.id, label: fieldLabel(f, locale) }))}
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
          onChange={(op) => onChange({ ...draft, op, value: op === 'in' || draft.op === 'in' ? undefined : draft.value })}
          options={(rf ? opsFor(rf.field) : []).map((op) => ({ value: op, label: t(`campaign.op.${op}`) }))}
          disabled={!rf}
          style={{ width: '100%' }}
          placeholder={t('campaign.rules.op')}
          data-testid={`${testId}-op`}
        />
      </Col>
      <Col xs={onRemove ? 20 : 24} md={8}>
        {label('campaign.rules.value')}
        {rf && draft.op && needsValue(draft.op) ? (
          <ValueInput rf={rf} op={draft.op} value={draft.value} onChange={(value) => onChange({ ...draft, value })} testId={`${testId}-value`} t={t} locale={locale} />
        ) : (
          <Input disabled placeholder="—" />
        )}
      </Col>
      {onRemove && (
        <Col xs={4} md={1}>
          <Button type="text" danger onClick={onRemove} aria-label={t('campaign.rules.removeCondition')} title={t('campaign.rules.removeCondition')} data-testid={`${testId}-remove`}>
            ✕
          </Button>
        </Col>
      )}
    </Row>
  );
}

function RuleBuilder({ fields, initial, taken, onSave, onCancel, testId }: { fields: RuleField[]; initial?: AlertRule; taken: string[]; onSave: (rule: AlertRule) => void; onCancel: () => void; testId: string }) {
  const { t, locale } = useI18n();
  const [draft, setDraft] = useState<Draft>(() => draftOf(initial, fields));
  const condition = ruleCondition(draft.conditions, draft.combine, fields);
  const repeat = draftsRepeat(draft.conditions, fields);
  const save = () => {
    if (!condition) return;
    const first = fields.find((f) => f.id === draft.conditions[0]!.fieldId)!;
    onSave({
      key: initial?.key ?? ruleKey(first.field.key, taken),
      ...condition,
      level: draft.level,
      ...(draft.action ? { action: draft.action } : {}),
      message: { zh: draft.zh.trim() || autoMessage(fields, draft, 'zh-CN'), en: draft.en.trim() || autoMessage(fields, draft, 'en') },
    });
  };
  const setCondition = (i: number, c: ConditionDraft) => setDraft((d) => ({ ...d, conditions: d.conditions.map((x, j) => (j === i ? c : x)) }));
  const label = (key: Parameters<Translate>[0]) => <Typography.Text type="secondary">{t(key)}</Typography.Text>;
  const complete = draft.conditions.some((c) => c.fieldId && c.op);
  const kept = initial?.action && !(CAMPAIGN_RULE_ACTIONS as readonly string[]).includes(initial.action) ? [{ value: initial.action, label: `${t('campaign.ruleAction.none')} (${initial.action})` }] : [];
  const actionOptions = [...CAMPAIGN_RULE_ACTIONS.map((a) => ({ value: a as string, label: t(`campaign.ruleAction.${a}`) })), { value: '', label: t('campaign.ruleAction.none') }, ...kept];
  return (
    <Card size="small" title={t(initial ? 'campaign.rules.editing' : 'campaign.rules.new')} data-testid={testId}>
      <Space orientation="vertical" size={8} style={{ width: '100%' }}>
        {draft.conditions.length > 1 && (
          <Space wrap>
            {label('campaign.rules.combine')}
            <Segmented<Combine>
              size="small"
              value={draft.combine}
              onChange={(combine) => setDraft((d) => ({ ...d, combine }))}
              options={[
                { value: 'all', label: t('campaign.rules.combineAll') },
                { value: 'any', label: t('campaign.rules.combineAny') },
              ]}
              data-testid={`${testId}-combine`}
            />
          </Space>
        )}
        {draft.conditions.map((c, i) => (
          <ConditionLine
            key={i}
            draft={c}
            fields={fields}
            otherRepeat={draftsRepeat(draft.conditions.filter((_, j) => j !== i), fields)}
            onChange={(next) => setCondition(i, next)}
            onRemove={draft.conditions.length > 1 ? () => setDraft((d) => ({ ...d, conditions: d.conditions.filter((_, j) => j !== i) })) : undefined}
            testId={i === 0 ? testId : `${testId}-c${i}`}
          />
        ))}
        {draft.conditions.length < MAX_CONDITIONS && (
          <Button size="small" type="dashed" onClick={() => setDraft((d) => ({ ...d, conditions: [...d.conditions, {}] }))} data-testid={`${testId}-add-condition`}>
            {t('campaign.rules.addCondition')}
          </Button>
        )}
        <Row gutter={[8, 8]}>
          <Col xs={24} md={10}>
            {label('campaign.rules.level')}
            <Select<AlertLevel> value={draft.level} onChange={(level) => setDraft((d) => ({ ...d, level }))} options={ALERT_LEVELS.map((l) => ({ value: l, label: t(`campaign.alertLevel.${l}`) }))} style={{ width: '100%' }} data-testid={`${testId}-level`} />
          </Col>
          <Col xs={24} md={14}>
            {label('campaign.rules.action')}
            <Select<string> value={draft.action} onChange={(action) => setDraft((d) => ({ ...d, action }))} options={actionOptions} style={{ width: '100%' }} data-testid={`${testId}-action`} />
          </Col>
          <Col xs={24} md={12}>
            {label('campaign.rules.messageZh')}
            <Input value={draft.zh} onChange={(e) => setDraft((d) => ({ ...d, zh: e.target.value }))} maxLength={500} placeholder={complete ? autoMessage(fields, draft, 'zh-CN') : undefined} data-testid={`${testId}-zh`} />
          </Col>
          <Col xs={24} md={12}>
            {label('campaign.rules.messageEn')}
            <Input value={draft.en} onChange={(e) => setDraft((d) => ({ ...d, en: e.target.value }))} maxLength={500} placeholder={complete ? autoMessage(fields, draft, 'en') : undefined} data-testid={`${testId}-en`} />
          </Col>
        </Row>
        {repeat && <Alert type="info" showIcon title={t('campaign.rules.eachItem', { list: fieldLabel({ label: fields.find((f) => f.forEach === repeat)!.within! }, locale) })} />}
        <Space>
          <Button type="primary" disabled={!condition} onClick={save} data-testid={`${testId}-ok`}>{t(initial ? 'campaign.rules.save' : 'campaign.rules.addOne')}</Button>
          <Button onClick={onCancel} data-testid={`${testId}-cancel`}>{t('common.cancel')}</Button>
        </Space>
      </Space>
    </Card>
  );
}

/**
 * The create / edit form of a record page, its fields from the config: each checked by its
 * contract schema, required when the schema says so. Saving puts the server's field errors on
 * their fields; a version conflict (someone saved first) offers to reload the record.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select, Space, Switch } from 'antd';
import type { FormInstance, FormRule } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { isApiError } from '../../api/client';
import { errorText } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { fieldProblems } from '../errors/field-errors';
import { contractRule } from '../fields/contract-rules';
import { GridSelect } from '../fields/GridSelect';
import { PointField } from '../fields/PointField';
import { SecretPhoneField } from '../fields/SecretPhoneField';
import { fieldNames, fieldRequired, visibleFields } from './derive';
import type { FieldContext, FieldSpec, FormValues, RecordBase, RecordPageConfig } from './types';

/**
 * The form addressed by plain field names: the server names fields as strings, which the typed
 * name paths of FormInstance<V> cannot express (antd's own untyped FormInstance can).
 */
type NamedForm = Pick<FormInstance, 'getFieldsError' | 'setFields' | 'scrollToField' | 'resetFields' | 'submit'>;

interface Props<R extends RecordBase, V extends FormValues> {
  config: RecordPageConfig<R, V>;
  /** null: a new record. */
  record: R | null;
  onSaved: (record: R, created: boolean) => void;
  onClose: () => void;
}

export function RecordFormDrawer<R extends RecordBase, V extends FormValues>({ config, record, onSaved, onClose }: Props<R, V>) {
  const { t, locale } = useI18n();
  const me = useMe();
  const client = useQueryClient();
  const form = config.form;
  const [antForm] = Form.useForm<V>();
  const named: NamedForm = antForm;
  const [current, setCurrent] = useState(record);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [reloading, setReloading] = useState(false);
  const watched = Form.useWatch([], { form: antForm, preserve: true }) as Partial<V> | undefined;
  const slug = config.slug;

  // After a reload the form starts again from the latest record: the Form takes the new initial
  // values when it renders, then the fields are reset to them.
  const version = current?.version;
  const shownVersion = useRef(version);
  useEffect(() => {
    if (version === shownVersion.current) return;
    shownVersion.current = version;
    named.resetFields();
  }, [version, named]);

  if (!form) return null;
  const initial = form.initialValues(current, { me });
  const ctx: FieldContext<R, V> = { t, values: watched ?? initial, record: current };

  async function submit(values: V) {
    if (!form) return;
    setSubmitting(true);
    setError(null);
    try {
      const saved = current ? await form.update?.(values, current) : await form.create?.(values);
      if (!saved) return;
      onSaved(saved, current === null);
    } catch (err) {
      if (config.source.conflictCode && isApiError(err, config.source.conflictCode)) {
        setConflict(true);
        return;
      }
      const problems = fieldProblems(err, t, locale).map((problem) => ({ ...problem, field: form.serverFields?.[problem.field] ?? problem.field }));
      const registered = new Set(named.getFieldsError().map((entry) => String(entry.name[0])));
      const onFields = problems.filter((problem) => registered.has(problem.field));
      named.setFields(onFields.map((problem) => ({ name: problem.field, errors: [problem.message] })));
      const elsewhere = problems.filter((problem) => !registered.has(problem.field));
      const first = onFields[0];
      if (first && elsewhere.length === 0) {
        setError(t('record.formError'));
        named.scrollToField(first.field);
      } else {
        setError([errorText(err, t), ...elsewhere.map((problem) => problem.message)].join('；'));
      }
    } finally {
      setSubmitting(false);
    }
  }

  async function reload() {
    if (!current) return;
    setReloading(true);
    try {
      const latest = await client.fetchQuery({
        queryKey: [...config.source.key, 'detail', current.id],
        queryFn: ({ signal }) => config.source.get(current.id, signal),
        staleTime: 0,
      });
      setCurrent(latest);
      setConflict(false);
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setReloading(false);
    }
  }

  const name = current ? config.recordName(current) : '';
  return (
    <Drawer
      open
      title={current ? t('record.editTitle', { what: config.noun(t), name }) : t('record.createTitle', { what: config.noun(t) })}
      size={form.width ?? 600}
      onClose={onClose}
      destroyOnHidden
      data-testid={`${slug}-form`}
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} disabled={conflict} onClick={() => named.submit()} data-testid={`${slug}-form-submit`}>
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('record.conflict')}
          action={
            <Button size="small" type="primary" loading={reloading} onClick={() => void reload()} data-testid={`${slug}-form-reload`}>
              {t('record.reload')}
            </Button>
          }
          style={{ marginBottom: 16 }}
          data-testid={`${slug}-form-conflict`}
        />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={`${slug}-form-error`} />}
      <Form<V> form={antForm} layout="vertical" initialValues={initial} onFinish={submit} scrollToFirstError>
        <Row gutter={16}>
          {visibleFields(form.fields, ctx).map((field) => (
            <Col key={fieldNames(field).join('+')} xs={24} sm={field.span ?? 24}>
              <FieldItem field={field} ctx={ctx} slug={slug} />
            </Col>
          ))}
        </Row>
      </Form>
    </Drawer>
  );
}

function FieldItem<R, V extends FormValues>({ field, ctx, slug }: { field: FieldSpec<R, V>; ctx: FieldContext<R, V>; slug: string }) {
  const { t } = ctx;
  const label = typeof field.label === 'function' ? field.label(t) : t(field.label);
  const testId = field.testId ? `${slug}-form-${field.testId}` : undefined;
  const required = fieldRequired(field, ctx);
  const rules: FormRule[] = [];
  if (field.schema) rules.push(contractRule(field.schema, t, { skipEmpty: field.skipEmpty?.(ctx) ?? false }));
  else if (required) rules.push({ required: true, message: t(field.requiredMessage ?? 'record.rule.required') });
  const extra = field.extra?.(ctx) ?? undefined;
  const input = field.input;
  // The form's values are typed by the config; antd's items take any field name.
  const name: string = field.name;

  switch (input.type) {
    case 'point':
      return <PointField lonSchema={input.lonSchema} latSchema={input.latSchema} required={required} testId={`${slug}-form`} />;
    case 'secretPhone':
      return <SecretPhoneField name={name} label={label} masked={input.masked(ctx.record)} schema={field.schema} testId={testId ?? `${slug}-form-${name}`} />;
    case 'switch':
      return (
        <Form.Item name={name} label={label} valuePropName="checked" extra={extra}>
          <Switch data-testid={testId} />
        </Form.Item>
      );
    default: {
      let control: ReactNode;
      switch (input.type) {
        case 'text':
          control = (
            <Input
              maxLength={input.maxLength}
              autoComplete={input.autoComplete}
              placeholder={typeof input.placeholder === 'function' ? input.placeholder(ctx) : input.placeholder}
              style={input.monospace ? { fontFamily: 'monospace' } : undefined}
              data-testid={testId}
            />
          );
          break;
        case 'textarea':
          control = <Input.TextArea rows={input.rows ?? 2} maxLength={input.maxLength} showCount={input.maxLength !== undefined} data-testid={testId} />;
          break;
        case 'number':
          control = <InputNumber min={input.min} max={input.max} precision={input.precision} style={{ width: '100%' }} data-testid={testId} />;
          break;
        case 'select':
          control = <Select mode={input.multiple ? 'multiple' : undefined} allowClear={input.allowClear} options={input.options(t)} data-testid={testId} />;
          break;
        case 'date':
          control = <DatePicker style={{ width: '100%' }} data-testid={testId} />;
          break;
        case 'grid':
          control = <GridSelect data-testid={testId} />;
          break;
        case 'custom':
          control = input.render({ ...ctx, testId: testId ?? `${slug}-form-${name}` });
          break;
      }
      return (
        <Form.Item name={name} label={label} required={required} rules={rules} extra={extra}>
          {control}
        </Form.Item>
      );
    }
  }
}


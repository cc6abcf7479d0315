/**
 * One category's settings: code and name, parent, time-limit class with the dispatch and
 * handling limits (hours or days), the extra questions asked at intake, and the default
 * department per handling level. Saves through the API with the server's field errors on
 * their fields.
 */
import { Alert, Button, Card, Col, Divider, Form, Input, Row, Select, Space, Switch, TreeSelect, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { useState } from 'react';
import {
  DEFAULT_LIMITS, HANDLING_LEVELS, LIMIT_CLASSES, type Category, type CustomField, type HandlingLevel, type LimitClass,
} from '@gridgov/contracts';
import { isApiError } from '../../../api/client';
import { ticketsApi, type CategoryInput } from '../../../api/tickets';
import { errorText } from '../../../app/feedback';
import { useI18n } from '../../../i18n/i18n';
import { levelLabel, limitClassLabel } from '../shared/labels';
import { schemaIssuePaths, serverFieldProblems } from '../../../shared/errors/field-errors';
import { categoryOptions, useDepartments } from '../shared/ticket-data';
import { LimitInput } from './LimitInput';

interface CategoryValues {
  code: string;
  name: string;
  parentId?: string | null;
  limitClass: LimitClass;
  dispatchMinutes: number;
  handleMinutes: number;
  active: boolean;
  customFields: CustomField[];
  defaultDepartments: { level: HandlingLevel; departmentId: string }[];
}

type NamedForm = Pick<FormInstance, 'setFields' | 'scrollToField'>;

const FIELD_TYPES: CustomField['type'][] = ['text', 'number', 'select', 'boolean'];

function initialValues(category: Category | null, parentId: string | null): CategoryValues {
  if (!category) {
    return { code: '', name: '', parentId, limitClass: 'general', ...DEFAULT_LIMITS.general, active: true, customFields: [], defaultDepartments: [] };
  }
  return {
    code: category.code,
    name: category.name,
    parentId: category.parentId,
    limitClass: category.limitClass,
    dispatchMinutes: category.dispatchMinutes,
    handleMinutes: category.handleMinutes,
    active: category.active,
    customFields: category.customFields.map((field) => ({ ...field, options: field.options ?? [] })),
    defaultDepartments: category.defaultDepartments.map((d) => ({ level: d.level, departmentId: d.departmentId })),
  };
}

interface Props {
  category: Category | null;
  /** For a new category: its parent. */
  parentId: string | null;
  categories: readonly Category[];
  onSaved: (category: Category) => void;
  onCancel: () => void;
}

export function CategoryForm({ category, parentId, categories, onSaved, onCancel }: Props) {
  const { t } = useI18n();
  const departments = useDepartments();
  const [form] = Form.useForm<CategoryValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const editing = category !== null;

  async function submit(values: CategoryValues) {
    setSaving(true);
    setError(null);
    const body: CategoryInput = {
      code: values.code.trim(),
      name: values.name.trim(),
      parentId: values.parentId ?? null,
      limitClass: values.limitClass,
      dispatchMinutes: values.dispatchMinutes,
      handleMinutes: values.handleMinutes,
      active: values.active,
      customFields: (values.customFields ?? []).map((field) => ({
        key: field.key.trim(),
        label: field.label.trim(),
        type: field.type,
        required: field.required ?? false,
        ...(field.type === 'select' ? { options: field.options ?? [] } : {}),
      })),
      defaultDepartments: values.defaultDepartments ?? [],
    };
    try {
      if (category) {
        const { code: _code, ...update } = body;
        onSaved(await ticketsApi.updateCategory(category.id, update));
      } else {
        onSaved(await ticketsApi.createCategory(body));
      }
    } catch (err) {
      const named: NamedForm = form;
      const issues = schemaIssuePaths(err);
      const paths = issues.length ? issues : serverFieldProblems(err).map((p): (string | number)[] => [p.field]);
      const conflict: (string | number)[][] = isApiError(err, 'CONFLICT') ? [['code']] : [];
      const all = [...paths, ...conflict];
      named.setFields(all.map((name) => ({ name, errors: [errorText(err, t)] })));
      setError(errorText(err, t));
      const first = all[0];
      if (first) named.scrollToField(first);
    } finally {
      setSaving(false);
    }
  }

  const parentOptions = categoryOptions(categories.filter((c) => c.id !== category?.id), true);
  const departmentOptions = (departments ?? []).map((d) => ({ value: d.id, label: `${d.name}（${d.regionName}）` }));

  return (
    <Card
      size="small"
      title={editing ? t('ticket.config.editTitle', { name: category.name }) : t('ticket.config.createTitle')}
      data-testid="category-form"
      extra={
        <Space>
          <Button onClick={onCancel}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={() => form.submit()} data-testid="category-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="category-form-error" />}
      <Form<CategoryValues> form={form} layout="vertical" initialValues={initialValues(category, parentId)} onFinish={submit} scrollToFirstError>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="code"
              label={t('ticket.config.code')}
              extra={editing ? t('ticket.config.codeFixed') : t('ticket.config.codeHint')}
              rules={[
                { required: true, message: t('common.required') },
                { pattern: /^[a-z][a-z0-9_.]{1,63}$/, message: t('ticket.config.codeRule') },
              ]}
            >
              <Input disabled={editing} data-testid="category-form-code" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="name" label={t('ticket.config.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { max: 40 }]}>
              <Input maxLength={40} data-testid="category-form-name" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="parentId" label={t('ticket.config.parent')}>
              <TreeSelect<string> allowClear treeData={parentOptions} treeDefaultExpandAll placeholder={t('ticket.config.noParent')} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="active" label={t('ticket.config.active')} valuePropName="checked">
              <Switch data-testid="category-form-active" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="limitClass" label={t('ticket.config.limitClass')} extra={t('ticket.config.limitClassHint')}>
              <Select<LimitClass>
                options={LIMIT_CLASSES.map((value) => ({ value, label: limitClassLabel(t, value) }))}
                onChange={(value) => form.setFieldsValue({ ...DEFAULT_LIMITS[value] })}
                data-testid="category-form-limit-class"
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="dispatchMinutes" label={t('ticket.config.dispatchLimit')} rules={[{ required: true, message: t('common.required') }]}>
              <LimitInput data-testid="category-form-dispatch" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="handleMinutes" label={t('ticket.config.handleLimit')} rules={[{ required: true, message: t('common.required') }]}>
              <LimitInput data-testid="category-form-handle" />
            </Form.Item>
          </Col>
        </Row>

        <Divider titlePlacement="start" plain>
          {t('ticket.config.customFields')}
        </Divider>
        <Typography.Paragraph type="secondary">{t('ticket.config.customFieldsHint')}</Typography.Paragraph>
        <Form.List name="customFields">
          {(fields, { add, remove }) => (
            <div data-testid="category-form-custom-fields">
              {fields.map((field) => (
                <CustomFieldRow key={field.key} form={form} index={field.name} onRemove={() => remove(field.name)} />
              ))}
              <Button type="dashed" onClick={() => add({ key: '', label: '', type: 'text', required: false, options: [] })} disabled={fields.length >= 20}>
                {t('ticket.config.addField')}
              </Button>
            </div>
          )}
        </Form.List>

        <Divider titlePlacement="start" plain>
          {t('ticket.config.defaultDepartments')}
        </Divider>
        <Typography.Paragraph type="secondary">{t('ticket.config.defaultDepartmentsHint')}</Typography.Paragraph>
        <Form.List name="defaultDepartments">
          {(fields, { add, remove }) => (
            <div data-testid="category-form-departments">
              {fields.map((field) => (
                <Space key={field.key} align="start" style={{ display: 'flex' }}>
                  <Form.Item name={[field.name, 'level']} rules={[{ required: true, message: t('common.required') }]}>
                    <Select<HandlingLevel> options={HANDLING_LEVELS.map((level) => ({ value: level, label: levelLabel(t, level) }))} style={{ width: 110 }} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'departmentId']} rules={[{ required: true, message: t('common.required') }]}>
                    <Select<string> showSearch={{ optionFilterProp: 'label' }} options={departmentOptions} style={{ width: 320 }} placeholder={t('ticket.form.departmentsPlaceholder')} />
                  </Form.Item>
                  <Button type="link" danger onClick={() => remove(field.name)}>
                    {t('common.delete')}
                  </Button>
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({ level: 'county' })} disabled={fields.length >= 5}>
                {t('ticket.config.addDepartment')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

function CustomFieldRow({ form, index, onRemove }: { form: FormInstance<CategoryValues>; index: number; onRemove: () => void }) {
  const { t } = useI18n();
  const type = Form.useWatch(['customFields', index, 'type'], form);
  return (
    <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 8px 0', marginBottom: 8 }}>
      <Space align="start" wrap>
        <Form.Item
          name={[index, 'key']}
          label={t('ticket.config.fieldKey')}
          rules={[
            { required: true, message: t('common.required') },
            { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('ticket.config.fieldKeyRule') },
          ]}
        >
          <Input style={{ width: 130 }} placeholder="time_of_day" />
        </Form.Item>
        <Form.Item name={[index, 'label']} label={t('ticket.config.fieldLabel')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input maxLength={40} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name={[index, 'type']} label={t('ticket.config.fieldType')}>
          <Select<CustomField['type']> options={FIELD_TYPES.map((value) => ({ value, label: t(`ticket.config.type.${value}`) }))} style={{ width: 100 }} />
        </Form.Item>
        {type === 'select' && (
          <Form.Item name={[index, 'options']} label={t('ticket.config.fieldOptions')} rules={[{ required: true, message: t('common.required') }]}>
            <Select<string[]> mode="tags" open={false} style={{ width: 220 }} placeholder={t('ticket.config.fieldOptionsHint')} />
          </Form.Item>
        )}
        <Form.Item name={[index, 'required']} label={t('ticket.config.fieldRequired')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item label=" ">
          <Button type="link" danger onClick={onRemove}>
            {t('common.delete')}
          </Button>
        </Form.Item>
      </Space>
    </div>
  );
}

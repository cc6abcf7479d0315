/**
 * The kind of problem: suggestions read from the description (the first is taken unless the
 * resident picks another), or any category from the list; then the category's extra questions.
 */
import { Form, Input, InputNumber, Select, Switch, Tag, Typography } from 'antd';
import type { Category, CustomField, IntakeCheck } from '@gridgov/contracts';
import { useI18n } from '../i18n/i18n';

interface Props {
  categories: Category[];
  suggestions: IntakeCheck['suggestions'];
  /** The category the resident picked, if any. */
  chosen: string | null;
  onChoose: (categoryId: string | null) => void;
  testId: string;
}

/** The category the report will be filed under: the one picked, else the first suggestion. */
export function effectiveCategory(categories: Category[], suggestions: IntakeCheck['suggestions'], chosen: string | null): Category | null {
  const id = chosen ?? suggestions[0]?.categoryId;
  return categories.find((category) => category.id === id) ?? null;
}

/** Leaf categories grouped under their parents, for the select. */
function categoryOptions(categories: Category[]) {
  const active = categories.filter((category) => category.active);
  const parents = active.filter((category) => category.parentId === null);
  return parents.map((parent) => {
    const children = active.filter((category) => category.parentId === parent.id);
    const leaves = children.length ? children : [parent];
    return { label: parent.name, title: parent.name, options: leaves.map((leaf) => ({ value: leaf.id, label: leaf.name })) };
  });
}

export function CategoryPicker({ categories, suggestions, chosen, onChoose, testId }: Props) {
  const { t } = useI18n();
  const selected = chosen ?? suggestions[0]?.categoryId ?? null;
  const suggested = new Set(suggestions.map((s) => s.categoryId));
  const category = effectiveCategory(categories, suggestions, chosen);
  return (
    <div data-testid={testId}>
      {suggestions.length > 0 ? (
        <div className="gg-portal-chips" data-testid={`${testId}-suggestions`}>
          <Typography.Text type="secondary">{t('portal.report.suggested')}</Typography.Text>
          {suggestions.map((suggestion) => (
            <Tag.CheckableTag
              key={suggestion.categoryId}
              checked={selected === suggestion.categoryId}
              onChange={() => onChoose(suggestion.categoryId)}
              className="gg-portal-chip"
              data-testid={`${testId}-suggestion`}
            >
              {suggestion.name}
            </Tag.CheckableTag>
          ))}
        </div>
      ) : (
        <Typography.Text type="secondary" className="gg-portal-hint">
          {t('portal.report.categoryAuto')}
        </Typography.Text>
      )}
      <Select
        allowClear
        placeholder={t('portal.report.categoryOther')}
        value={chosen && !suggested.has(chosen) ? chosen : undefined}
        onChange={(value?: string) => onChoose(value ?? null)}
        options={categoryOptions(categories)}
        style={{ width: '100%', marginTop: 8 }}
        data-testid={`${testId}-select`}
      />
      {category?.customFields.map((field) => <CustomFieldItem key={`${category.id}-${field.key}`} field={field} />)}
    </div>
  );
}

function CustomFieldItem({ field }: { field: CustomField }) {
  const { t } = useI18n();
  const rules = field.required ? [{ required: true, message: t('portal.report.fieldRequired', { label: field.label }) }] : [];
  const name = ['customFields', field.key];
  if (field.type === 'boolean') {
    return (
      <Form.Item name={name} label={field.label} valuePropName="checked" style={{ marginTop: 12, marginBottom: 0 }}>
        <Switch />
      </Form.Item>
    );
  }
  return (
    <Form.Item name={name} label={field.label} rules={rules} style={{ marginTop: 12, marginBottom: 0 }}>
      {field.type === 'number' ? (
        <InputNumber style={{ width: '100%' }} inputMode="numeric" />
      ) : field.type === 'select' ? (
        <Select options={(field.options ?? []).map((option) => ({ value: option, label: option }))} />
      ) : (
        <Input maxLength={500} />
      )}
    </Form.Item>
  );
}

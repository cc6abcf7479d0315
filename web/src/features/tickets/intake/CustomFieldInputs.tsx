/** The extra questions of a category (customFields), as form items under `customFields.<key>`. */
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import type { CustomField } from '@gridgov/contracts';
import { useI18n } from '../../../i18n/i18n';

export function CustomFieldInputs({ fields }: { fields: readonly CustomField[] }) {
  const { t } = useI18n();
  if (fields.length === 0) return null;
  return (
    <div data-testid="intake-custom-fields">
      {fields.map((field) => {
        const rules = field.required && field.type !== 'boolean' ? [{ required: true, message: t('common.required') }] : [];
        const testId = `intake-custom-${field.key}`;
        return (
          <Form.Item
            key={field.key}
            name={['customFields', field.key]}
            label={field.label}
            rules={rules}
            valuePropName={field.type === 'boolean' ? 'checked' : 'value'}
          >
            {field.type === 'number' ? (
              <InputNumber style={{ width: 200 }} data-testid={testId} />
            ) : field.type === 'select' ? (
              <Select allowClear options={(field.options ?? []).map((option) => ({ value: option, label: option }))} style={{ width: 240 }} data-testid={testId} />
            ) : field.type === 'boolean' ? (
              <Switch data-testid={testId} />
            ) : (
              <Input maxLength={500} data-testid={testId} />
            )}
          </Form.Item>
        );
      })}
    </div>
  );
}

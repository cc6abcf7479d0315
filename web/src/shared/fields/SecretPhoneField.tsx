/**
 * A phone that the API only takes, never gives back in full: empty keeps the stored number,
 * a tick removes it. The field is named like the contract (`phone`, `contactPhone`).
 */
import { Checkbox, Form, Input } from 'antd';
import type { z } from 'zod';
import { useI18n } from '../../i18n/i18n';
import { contractRule } from './contract-rules';

interface Props {
  /** As the contract names it (`phone`, `contactPhone`); the tick is `<name>Clear`. */
  name: string;
  label: string;
  /** The stored number, masked (null: none stored or a new record). */
  masked: string | null | undefined;
  schema?: z.ZodType;
  testId: string;
}

export function SecretPhoneField({ name, label, masked, schema, testId }: Props) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name={name} label={label} rules={schema ? [contractRule(schema, t)] : []} extra={masked ? t('record.keepPhone', { masked }) : undefined}>
        <Input maxLength={20} autoComplete="off" placeholder={masked ?? undefined} data-testid={testId} />
      </Form.Item>
      {masked && (
        <Form.Item name={`${name}Clear`} valuePropName="checked" style={{ marginTop: -12 }}>
          <Checkbox>{t('record.clearPhone')}</Checkbox>
        </Form.Item>
      )}
    </>
  );
}

/** The patch for a write-only phone: a new number, null to remove it, or nothing to keep it. */
export function phonePatch(entered: string | undefined, clear: boolean | undefined): { value?: string | null } {
  const phone = entered?.trim();
  if (phone) return { value: phone };
  return clear ? { value: null } : {};
}

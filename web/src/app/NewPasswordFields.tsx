/** A new password and its confirmation, as form items: shared by "change password" and "reset password". */
import { Form, Input } from 'antd';
import { useI18n } from '../i18n/i18n';

export function NewPasswordFields({ name, testIdPrefix, hint }: { name: string; testIdPrefix: string; /** Under the field; default: the sessions end. */ hint?: string }) {
  const { t } = useI18n();
  return (
    <>
      <Form.Item name={name} label={t('password.new')} extra={hint ?? t('password.rule')} rules={[{ required: true, message: t('common.required') }]}>
        <Input.Password autoComplete="new-password" data-testid={`${testIdPrefix}-new`} />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: (_rule, value: string | undefined) =>
              !value || value === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${testIdPrefix}-confirm`} />
      </Form.Item>
    </>
  );
}

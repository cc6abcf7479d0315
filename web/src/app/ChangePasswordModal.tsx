import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { authApi } from '../api/auth';
import { useI18n } from '../i18n/i18n';
import { errorText } from './feedback';
import { useSession } from './session';
import { NewPasswordFields } from './NewPasswordFields';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

interface Props {
  open: boolean;
  /** The account must change its password before doing anything else: no way to dismiss. */
  forced: boolean;
  onClose: () => void;
}

export function ChangePasswordModal({ open, forced, onClose }: Props) {
  const { t } = useI18n();
  const { endSession, logout } = useSession();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: Values) {
    setSubmitting(true);
    setError(null);
    try {
      await authApi.changePassword({ currentPassword: values.currentPassword, newPassword: values.newPassword });
      form.resetFields();
      // The server ends every session of the account: sign in again with the new password.
      endSession(t('password.changed'));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open={open}
      title={t('password.title')}
      onCancel={forced ? undefined : onClose}
      closable={!forced}
      keyboard={!forced}
      mask={{ closable: !forced }}
      destroyOnHidden
      footer={[
        forced ? (
          <Button key="logout" onClick={() => void logout()} data-testid="change-password-logout">
            {t('header.logout')}
          </Button>
        ) : (
          <Button key="cancel" onClick={onClose}>
            {t('common.cancel')}
          </Button>
        ),
        <Button
          key="submit"
          type="primary"
          htmlType="submit"
          form="change-password-form"
          loading={submitting}
          data-testid="change-password-submit"
        >
          {t('password.submit')}
        </Button>,
      ]}
      data-testid="change-password-modal"
    >
      {forced && <Alert type="warning" showIcon title={t('password.mustChange')} style={{ marginBottom: 16 }} />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="change-password-error" />}
      <Form<Values> id="change-password-form" form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.Password autoComplete="current-password" data-testid="change-password-current" />
        </Form.Item>
        <NewPasswordFields name="newPassword" testIdPrefix="change-password" />
      </Form>
    </Modal>
  );
}

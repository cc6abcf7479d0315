import { Alert, Form, Modal } from 'antd';
import { useState } from 'react';
import type { User } from '@gridgov/contracts';
import { errorText } from '../../app/feedback';
import { withTestId } from '../../app/test-id';
import { NewPasswordFields } from '../../app/NewPasswordFields';
import { usersApi } from '../../api/users';
import { useI18n } from '../../i18n/i18n';

interface Values {
  password: string;
  confirm: string;
}

export function ResetPasswordModal({ user, onClose, onDone }: { user: User; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(values: Values) {
    setSubmitting(true);
    setError(null);
    try {
      await usersApi.resetPassword(user.id, values.password);
      onDone();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      okText={t('users.resetPassword')}
      okButtonProps={withTestId({ loading: submitting }, 'reset-password-submit')}
      onOk={() => form.submit()}
      onCancel={onClose}
    >
      <Alert type="info" showIcon title={t('users.resetPasswordInfo')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="reset-password-error" />}
      <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <NewPasswordFields name="password" testIdPrefix="reset-password" />
      </Form>
    </Modal>
  );
}

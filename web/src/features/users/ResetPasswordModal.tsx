import { Alert, Form, Modal } from 'antd';
import { useState } from 'react';
import { ADMIN_ROLES, type User } from '@gridgov/contracts';
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
  // An admin account's password is never set by someone else: a new enrolment code instead.
  const admin = ADMIN_ROLES.includes(user.role);

  async function submit(values: Partial<Values>) {
    setSubmitting(true);
    setError(null);
    try {
      await usersApi.resetPassword(user.id, admin ? undefined : values.password);
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
      okText={admin ? t('users.resetAdmin') : t('users.resetPassword')}
      okButtonProps={withTestId({ loading: submitting }, 'reset-password-submit')}
      onOk={() => (admin ? void submit({}) : form.submit())}
      onCancel={onClose}
    >
      <Alert type="info" showIcon title={t(admin ? 'users.resetAdminInfo' : 'users.resetPasswordInfo')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="reset-password-error" />}
      {!admin && (
        <Form<Values> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <NewPasswordFields name="password" testIdPrefix="reset-password" />
        </Form>
      )}
    </Modal>
  );
}

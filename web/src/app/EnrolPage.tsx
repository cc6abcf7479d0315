import { Alert, Button, Descriptions, Form, Input, QRCode, Typography } from 'antd';
import { useState } from 'react';
import type { EnrolmentInfo } from '@gridgov/contracts';
import { authApi } from '../api/auth';
import { isApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { formatDateTime, roleLabel } from './labels';
import { errorText } from './feedback';
import { AuthCard } from './LoginPage';
import { NewPasswordFields } from './NewPasswordFields';
import { useSession } from './session';

interface Values {
  newPassword: string;
  confirm: string;
  totp: string;
}

/**
 * An admin account's first (or reset) sign-in: the holder enters the one-time code the operators
 * gave them, binds an authenticator app to the secret shown, and chooses their own password.
 * Whoever created the account never sees any of it.
 */
export function EnrolPage({ initialCode }: { initialCode: string }) {
  const { t, locale } = useI18n();
  const { signIn } = useSession();
  const [code, setCode] = useState(initialCode);
  const [info, setInfo] = useState<EnrolmentInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function inspect() {
    setSubmitting(true);
    setError(null);
    try {
      setInfo(await authApi.inspectEnrolment({ code }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  async function complete(values: Values) {
    setSubmitting(true);
    setError(null);
    try {
      const answer = await authApi.completeEnrolment({ code, newPassword: values.newPassword, totp: values.totp });
      signIn(answer.user);
    } catch (err) {
      if (isApiError(err, 'AUTH_ENROLMENT_INVALID')) setInfo(null);
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AuthCard subtitle={t('enrol.title')}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="enrol-error" />}
      {!info ? (
        <Form layout="vertical" onFinish={() => void inspect()} requiredMark={false} data-testid="enrol-code-form">
          <Typography.Paragraph>{t('enrol.intro')}</Typography.Paragraph>
          <Form.Item label={t('enrol.code')} required>
            <Input value={code} onChange={(e) => setCode(e.target.value)} autoFocus autoComplete="off" placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX" data-testid="enrol-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} disabled={code.trim().length < 24} data-testid="enrol-code-submit">
            {t('enrol.next')}
          </Button>
        </Form>
      ) : (
        <Form<Values> layout="vertical" onFinish={(v) => void complete(v)} requiredMark={false} data-testid="enrol-form">
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 12 }}
            items={[
              { key: 'username', label: t('login.username'), children: <span data-testid="enrol-username">{info.username}</span> },
              { key: 'name', label: t('users.displayName'), children: info.displayName },
              { key: 'role', label: t('users.role'), children: roleLabel(t, info.role) },
              { key: 'until', label: t('enrol.validUntil'), children: formatDateTime(info.expiresAt, locale) },
            ]}
          />
          <Typography.Paragraph>{t('login.enrollIntro')}</Typography.Paragraph>
          <div style={{ display: 'flex', justifyContent: 'center', marginBottom: 12 }}>
            <QRCode value={info.otpauthUri} size={168} />
          </div>
          <Typography.Paragraph style={{ marginBottom: 4 }}>{t('login.enrollSecret')}</Typography.Paragraph>
          <Typography.Paragraph copyable={{ text: info.totpSecret }}>
            <Typography.Text code data-testid="totp-secret">
              {info.totpSecret}
            </Typography.Text>
          </Typography.Paragraph>
          <NewPasswordFields name="newPassword" testIdPrefix="enrol-password" hint={t('enrol.passwordHint')} />
          <Form.Item name="totp" label={t('login.totp')} rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpInvalid') }]}>
            <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="enrol-totp" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="enrol-submit">
            {t('enrol.submit')}
          </Button>
        </Form>
      )}
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <a href="#/login">{t('login.backToPassword')}</a>
      </div>
    </AuthCard>
  );
}

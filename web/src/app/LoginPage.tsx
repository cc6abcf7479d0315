import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { InputRef } from 'antd';
import { authApi } from '../api/auth';
import { isApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { PortalLoginLinks } from '../portal/PortalLoginLinks';
import { errorText } from './feedback';
import { LanguageSwitch } from './LanguageSwitch';
import { useSession } from './session';
import { TotpEnrollment, type Enrollment } from './TotpEnrollment';

interface Credentials {
  username: string;
  password: string;
  totp?: string;
}

export function LoginPage({ notice }: { notice: string | null }) {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [form] = Form.useForm<Credentials>();
  const [totpRequired, setTotpRequired] = useState(false);
  const [enrollment, setEnrollment] = useState<Enrollment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hint, setHint] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const totpRef = useRef<InputRef>(null);

  async function submit(values: Credentials) {
    setSubmitting(true);
    setError(null);
    try {
      const answer = await authApi.login({
        username: values.username.trim(),
        password: values.password,
        totp: totpRequired && values.totp ? values.totp : undefined,
      });
      if (answer.status === 'ok') {
        signIn(answer.user);
      } else {
        setEnrollment({ token: answer.enrollmentToken, secret: answer.secret, otpauthUri: answer.otpauthUri });
      }
    } catch (err) {
      if (isApiError(err, 'AUTH_TOTP_REQUIRED')) {
        // Password accepted; the account needs its second factor.
        setTotpRequired(true);
        setHint(err.message);
        setTimeout(() => totpRef.current?.focus(), 0);
      } else {
        setError(errorText(err, t));
        form.setFieldValue('totp', undefined);
      }
    } finally {
      setSubmitting(false);
    }
  }

  function restart(message?: string) {
    setEnrollment(null);
    setTotpRequired(false);
    setHint(null);
    setError(message ?? null);
    form.setFieldsValue({ password: '', totp: undefined });
  }

  return (
    <div
      style={{
        minHeight: '100%',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #e8f0fb 0%, #f5f7fa 60%)',
        padding: 16,
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch />
      </div>
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }} data-testid="login-title">
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {enrollment ? t('login.enrollTitle') : t('login.subtitle')}
        </Typography.Paragraph>
        {notice && !error && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {enrollment ? (
          <TotpEnrollment enrollment={enrollment} onDone={signIn} onRestart={restart} />
        ) : (
          <Form<Credentials> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            {totpRequired && (
              <>
                {hint && <Alert type="warning" showIcon title={hint} style={{ marginBottom: 16 }} data-testid="login-totp-hint" />}
                <Form.Item
                  name="totp"
                  label={t('login.totp')}
                  rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpInvalid') }]}
                >
                  <Input
                    ref={totpRef}
                    inputMode="numeric"
                    autoComplete="one-time-code"
                    maxLength={6}
                    data-testid="login-totp"
                  />
                </Form.Item>
              </>
            )}
            <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        )}
        {!enrollment && <PortalLoginLinks />}
      </Card>
    </div>
  );
}

import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { authApi } from '../api/auth';
import { useI18n } from '../i18n/i18n';
import { PortalLoginLinks } from '../portal/PortalLoginLinks';
import { errorText } from './feedback';
import { LanguageSwitch } from './LanguageSwitch';
import { useSession } from './session';

interface Credentials {
  username: string;
  password: string;
  totp?: string;
}

/** A centred card on the sign-in background: the login and the enrolment pages. */
export function AuthCard({ subtitle, children }: { subtitle: string; children: ReactNode }) {
  const { t } = useI18n();
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
          {subtitle}
        </Typography.Paragraph>
        {children}
      </Card>
    </div>
  );
}

/**
 * Sign-in. The authenticator code field is always there: the server answers a right password
 * without its code exactly like a wrong password, so the page cannot wait to be asked for it.
 */
export function LoginPage({ notice }: { notice: string | null }) {
  const { t } = useI18n();
  const { signIn } = useSession();
  const [form] = Form.useForm<Credentials>();
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(values: Credentials) {
    setSubmitting(true);
    setError(null);
    try {
      const answer = await authApi.login({
        username: values.username.trim(),
        password: values.password,
        totp: values.totp?.trim() || undefined,
      });
      signIn(answer.user);
    } catch (err) {
      setError(errorText(err, t));
      form.setFieldValue('totp', undefined);
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <AuthCard subtitle={t('login.subtitle')}>
      {notice && !error && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form<Credentials> form={form} layout="vertical" onFinish={submit} requiredMark={false} data-testid="login-form">
        <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
          <Input autoComplete="username" autoFocus data-testid="login-username" />
        </Form.Item>
        <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
          <Input.Password autoComplete="current-password" data-testid="login-password" />
        </Form.Item>
        <Form.Item name="totp" label={t('login.totp')} extra={t('login.totpHint')} rules={[{ pattern: /^\d{6}$/, message: t('login.totpInvalid') }]}>
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="login-totp" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
          {t('login.submit')}
        </Button>
      </Form>
      <div style={{ textAlign: 'center', marginTop: 12 }}>
        <a href="#/enrol" data-testid="login-enrol-link">
          {t('enrol.link')}
        </a>
      </div>
      <PortalLoginLinks />
    </AuthCard>
  );
}

import { Button, Form, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Me } from '@gridgov/contracts';
import { authApi } from '../api/auth';
import { isApiError } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { errorText } from './feedback';

export interface Enrollment {
  token: string;
  secret: string;
  otpauthUri: string;
}

interface Props {
  enrollment: Enrollment;
  onDone: (me: Me) => void;
  /** Back to the password step, e.g. when the enrolment token has expired. */
  onRestart: (message?: string) => void;
}

/** First sign-in of an admin role: bind an authenticator app, then confirm with its code. */
export function TotpEnrollment({ enrollment, onDone, onRestart }: Props) {
  const { t } = useI18n();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ totp }: { totp: string }) {
    setSubmitting(true);
    setError(null);
    try {
      const answer = await authApi.enrollTotp({ enrollmentToken: enrollment.token, totp });
      onDone(answer.user);
    } catch (err) {
      if (isApiError(err, 'AUTH_TOTP_ENROLLMENT_INVALID')) onRestart(err.message);
      else setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <div data-testid="totp-enrollment">
      <Typography.Paragraph>{t('login.enrollIntro')}</Typography.Paragraph>
      <div style={{ display: 'flex', justifyContent: 'center', marginBottom: 12 }}>
        <QRCode value={enrollment.otpauthUri} size={168} />
      </div>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('login.enrollSecret')}</Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: enrollment.secret }}>
        <Typography.Text code data-testid="totp-secret">
          {enrollment.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph style={{ marginBottom: 4 }}>{t('login.enrollUri')}</Typography.Paragraph>
      <Typography.Paragraph
        copyable={{ text: enrollment.otpauthUri }}
        type="secondary"
        style={{ fontSize: 12, wordBreak: 'break-all' }}
        data-testid="totp-uri"
      >
        {enrollment.otpauthUri}
      </Typography.Paragraph>
      <Form<{ totp: string }> layout="vertical" onFinish={submit} requiredMark={false}>
        <Form.Item
          name="totp"
          label={t('login.totp')}
          rules={[{ required: true, pattern: /^\d{6}$/, message: t('login.totpInvalid') }]}
          validateStatus={error ? 'error' : undefined}
          help={error ?? undefined}
        >
          <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus data-testid="totp-enroll-code" />
        </Form.Item>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="totp-enroll-submit">
            {t('login.enrollSubmit')}
          </Button>
          <Button type="link" block onClick={() => onRestart()}>
            {t('login.backToPassword')}
          </Button>
        </Space>
      </Form>
    </div>
  );
}

/**
 * The form as people will see it, at desk width or in a phone-sized frame (375 px), filled in
 * live with the same engine as the server; the alerts the answers raise; and, for a saved
 * version, the server's own check of the answers with its errors put on their fields.
 */
import { Alert, Button, Card, Segmented, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { FormDefinition } from '@gridgov/contracts';
import type { ApiError } from '../../api/client';
import { formsApi } from '../../api/forms';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { FormRenderer, localAttachments, RaisedAlerts, useFormAnswers } from '../../shared/forms';
import { serverFieldErrors } from '../../shared/forms/answer-paths';

interface Props {
  definition: FormDefinition;
  /** The saved version the server can check answers against; null while unsaved. */
  saved: { key: string; version: number } | null;
}

export const PHONE_WIDTH = 375;

export function FormPreview({ definition, saved }: Props) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const form = useFormAnswers(definition);
  const attachments = useMemo(() => localAttachments(), []);
  const [width, setWidth] = useState<'desk' | 'phone'>('desk');
  const [checking, setChecking] = useState(false);
  const [serverOk, setServerOk] = useState(false);

  const check = async () => {
    if (!saved) return;
    form.submit();
    setChecking(true);
    setServerOk(false);
    try {
      await formsApi.validate(saved.key, saved.version, form.answers);
      setServerOk(true);
      feedback.success(t('formsConfig.checkOk'));
    } catch (error) {
      if (form.showServerErrors(error)) feedback.warnings([{ code: 'FORM_ANSWERS_INVALID', message: t('formsConfig.checkFailed', { n: serverFieldErrors((error as ApiError).details).size }) }]);
      else feedback.error(error);
    } finally {
      setChecking(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('formsConfig.preview')}
      extra={
        <Segmented
          size="small"
          value={width}
          onChange={(value) => setWidth(value as 'desk' | 'phone')}
          options={[
            { value: 'desk', label: <span data-testid="forms-preview-desk">{t('formsConfig.desk')}</span> },
            { value: 'phone', label: <span data-testid="forms-preview-phone">{t('formsConfig.phone')}</span> },
          ]}
        />
      }
      data-testid="forms-preview"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('formsConfig.previewUploads')}
      </Typography.Paragraph>
      <div
        style={
          width === 'phone'
            ? { width: PHONE_WIDTH, maxWidth: '100%', margin: '0 auto 16px', padding: 12, border: '8px solid #1f2937', borderRadius: 24 }
            : undefined
        }
        data-testid="forms-preview-frame"
        data-width={width}
      >
        <FormRenderer form={form} attachments={attachments} testId="preview" />
      </div>
      <Typography.Title level={5}>{t('form.alerts')}</Typography.Title>
      {form.alerts.length === 0 ? (
        <Alert type="success" title={t('formsConfig.noAlerts')} data-testid="preview-alerts-none" />
      ) : (
        <RaisedAlerts definition={definition} alerts={form.alerts} testId="preview-alerts" />
      )}
      <Space style={{ marginTop: 12 }} wrap>
        <Button type="primary" onClick={() => void check()} loading={checking} disabled={!saved} data-testid="forms-preview-check">
          {t('formsConfig.check')}
        </Button>
        <Button
          onClick={() => {
            form.reset();
            setServerOk(false);
          }}
          data-testid="forms-preview-reset"
        >
          {t('formsConfig.resetAnswers')}
        </Button>
        {serverOk && <Typography.Text type="success" data-testid="forms-preview-check-ok">{t('formsConfig.checkOk')}</Typography.Text>}
      </Space>
    </Card>
  );
}

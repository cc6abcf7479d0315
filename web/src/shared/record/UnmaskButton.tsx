/**
 * "查看完整信息": asks why, then fetches the full ID number / phone through the audited,
 * rate-limited unmask endpoint. Shown only to users with register:unmask.
 */
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { unmaskRequest, type RegisterKind } from '@gridgov/contracts';
import { errorText } from '../../app/feedback';
import { useSession } from '../../app/session';
import { withTestId } from '../../app/test-id';
import { registersApi, type UnmaskField, type UnmaskResponse } from '../../api/registers';
import { useI18n } from '../../i18n/i18n';
import { contractRule } from '../fields/contract-rules';

interface Props {
  kind: RegisterKind;
  id: string;
  fields: readonly UnmaskField[];
  testId: string;
  onUnmasked: (values: UnmaskResponse) => void;
}

export function UnmaskButton({ kind, id, fields, testId, onUnmasked }: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const [open, setOpen] = useState(false);
  if (!can('register:unmask') || fields.length === 0) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`${testId}-unmask`}>
        {t('reg.unmask')}
      </Button>
      {open && (
        <UnmaskModal
          kind={kind}
          id={id}
          fields={fields}
          testId={testId}
          onClose={() => setOpen(false)}
          onUnmasked={(values) => {
            setOpen(false);
            onUnmasked(values);
          }}
        />
      )}
    </>
  );
}

function UnmaskModal({ kind, id, fields, testId, onClose, onUnmasked }: Props & { onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ reason }: { reason: string }) {
    setSubmitting(true);
    setError(null);
    try {
      onUnmasked(await registersApi.unmask(kind, id, { reason: reason.trim(), fields: [...fields] }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open
      title={t('reg.unmask')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('reg.unmaskConfirm')}
      confirmLoading={submitting}
      okButtonProps={withTestId({}, `${testId}-unmask-confirm`)}
      destroyOnHidden
      data-testid={`${testId}-unmask-modal`}
    >
      <Alert type="info" showIcon title={t('reg.unmaskIntro')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={`${testId}-unmask-error`} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('reg.unmaskReason')} rules={[contractRule(unmaskRequest.shape.reason, t)]} required>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('reg.unmaskReasonPlaceholder')} data-testid={`${testId}-unmask-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

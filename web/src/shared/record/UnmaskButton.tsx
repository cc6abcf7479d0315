/**
 * "查看完整信息": asks why, then fetches the full values (an ID number, a phone) through the
 * module's audited, rate-limited reveal. Shown only to users who hold `needs`.
 */
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { errorText } from '../../app/feedback';
import { useSession } from '../../app/session';
import { withTestId } from '../../app/test-id';
import { useI18n } from '../../i18n/i18n';
import { contractRule } from '../fields/contract-rules';
import { holds, type Need } from '../permissions';

export type Revealed = Record<string, string | null | undefined>;

interface Props {
  needs: Need;
  /** The fields to reveal (those the record holds). */
  fields: readonly string[];
  reveal: (request: { reason: string; fields: string[] }) => Promise<Revealed>;
  /** The contract's rule for the reason. */
  reasonSchema: z.ZodType;
  testId: string;
  onUnmasked: (values: Revealed) => void;
}

export function UnmaskButton({ needs, fields, reveal, reasonSchema, testId, onUnmasked }: Props) {
  const { t } = useI18n();
  const { me } = useSession();
  const [open, setOpen] = useState(false);
  if (!holds(needs, me?.permissions ?? []) || fields.length === 0) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`${testId}-unmask`}>
        {t('record.unmask')}
      </Button>
      {open && (
        <UnmaskModal
          fields={fields}
          reveal={reveal}
          reasonSchema={reasonSchema}
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

function UnmaskModal({ fields, reveal, reasonSchema, testId, onClose, onUnmasked }: Omit<Props, 'needs'> & { onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit({ reason }: { reason: string }) {
    setSubmitting(true);
    setError(null);
    try {
      onUnmasked(await reveal({ reason: reason.trim(), fields: [...fields] }));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open
      title={t('record.unmask')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('record.unmaskConfirm')}
      confirmLoading={submitting}
      okButtonProps={withTestId({}, `${testId}-unmask-confirm`)}
      destroyOnHidden
      data-testid={`${testId}-unmask-modal`}
    >
      <Alert type="info" showIcon title={t('record.unmaskIntro')} style={{ marginBottom: 16 }} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid={`${testId}-unmask-error`} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="reason" label={t('record.unmaskReason')} rules={[contractRule(reasonSchema, t)]} required>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('record.unmaskReasonPlaceholder')} data-testid={`${testId}-unmask-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

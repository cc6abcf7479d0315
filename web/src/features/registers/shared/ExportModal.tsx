/**
 * 导出: exports the list with its current filters, as xlsx or csv; full personal data only with
 * register:unmask and a reason. A large export waits for a second person's approval.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Form, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { createExportRequest, type RegisterKind } from '@gridgov/contracts';
import { errorText, useFeedback } from '../../../app/feedback';
import { navigate } from '../../../app/router';
import { useSession } from '../../../app/session';
import { withTestId } from '../../../app/test-id';
import type { RegisterFilters } from '../../../api/registers';
import { transferKeys } from '../../../api/keys';
import { exportsApi } from '../../../api/transfers';
import { useI18n } from '../../../i18n/i18n';
import { contractRule } from '../../../shared/fields/contract-rules';
import { registerLabel } from './labels';

interface Props {
  kind: RegisterKind;
  filters: RegisterFilters;
  /** Records the list shows for these filters. */
  total: number | null;
  /** The register holds personal data that can be exported in full. */
  hasPersonalData: boolean;
  onClose: () => void;
}

interface Values {
  format: 'xlsx' | 'csv';
  unmask: boolean;
  reason?: string;
}

const reasonSchema = createExportRequest.shape.reason.unwrap();

export function ExportModal({ kind, filters, total, hasPersonalData, onClose }: Props) {
  const { t } = useI18n();
  const { can } = useSession();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const unmask = Form.useWatch('unmask', form);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayUnmask = hasPersonalData && can('register:unmask');

  async function submit(values: Values) {
    setSubmitting(true);
    setError(null);
    try {
      const job = await exportsApi.create({
        register: kind,
        format: values.format,
        filters,
        unmask: mayUnmask && values.unmask,
        reason: mayUnmask && values.unmask ? values.reason?.trim() : undefined,
      });
      const text = job.status === 'pending_approval' ? t('export.pending') : job.status === 'ready' ? t('export.ready') : t('export.queued');
      feedback.success(text);
      void client.invalidateQueries({ queryKey: transferKeys.all });
      onClose();
      navigate('/registers/exports');
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <Modal
      open
      title={t('export.title', { register: registerLabel(t, kind) })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('export.submit')}
      confirmLoading={submitting}
      okButtonProps={withTestId({}, 'export-submit')}
      destroyOnHidden
      data-testid="export-modal"
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="export-error" />}
      <Form<Values> form={form} layout="vertical" initialValues={{ format: 'xlsx', unmask: false }} onFinish={submit}>
        <Form.Item label={t('export.scope')}>
          <Typography.Text>
            {t('export.scopeCurrent')}
            {total !== null && `（${t('export.scopeCount', { n: total })}）`}
          </Typography.Text>
        </Form.Item>
        <Form.Item name="format" label={t('export.format')}>
          <Radio.Group
            options={[
              { value: 'xlsx', label: 'Excel (.xlsx)' },
              { value: 'csv', label: 'CSV (.csv)' },
            ]}
            data-testid="export-format"
          />
        </Form.Item>
        {mayUnmask && (
          <>
            <Form.Item name="unmask" valuePropName="checked" extra={t('export.unmaskHint')}>
              <Checkbox data-testid="export-unmask">{t('export.unmask')}</Checkbox>
            </Form.Item>
            {unmask && (
              <Form.Item name="reason" label={t('export.reason')} required rules={[contractRule(reasonSchema, t)]}>
                <Input.TextArea rows={2} maxLength={200} showCount placeholder={t('export.reasonPlaceholder')} data-testid="export-reason" />
              </Form.Item>
            )}
          </>
        )}
      </Form>
    </Modal>
  );
}

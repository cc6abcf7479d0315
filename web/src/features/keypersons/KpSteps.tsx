/** The steps the archive offers the viewer now (the server's `actions`): risk change, hand-over, confirm or refuse; each with its reason. */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { KP_MANAGEMENT_LEVELS, KP_RELEASED_PRISONER, KP_RISK_LEVELS, type KpAction, type KpDetail } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { withTestId } from '../../app/test-id';
import { navigate } from '../../app/router';
import { useI18n } from '../../i18n/i18n';
import { enumOptions } from '../../shared/labels';
import { GridSelect } from '../../shared/fields/GridSelect';
import type { DetailPartProps } from '../../shared/record-page/types';
import { keypersonKeys, keypersonsApi } from './keypersons-api';
import { currentPurpose } from './purpose';

interface StepValues {
  riskLevel?: string;
  managementLevel?: string;
  toGridId?: string;
  reason?: string;
  note?: string;
}

export function KpSteps({ record, onChange }: DetailPartProps<KpDetail>) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [open, setOpen] = useState<KpAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<StepValues>();
  const run = async (action: KpAction, values: StepValues) => {
    setBusy(true);
    try {
      const body: Record<string, unknown> = { version: record.version };
      for (const [k, v] of Object.entries(values)) if (typeof v === 'string' && v.trim()) body[k] = v.trim();
      await keypersonsApi.step(record.id, action, body);
      feedback.success(t(`kp.done.${action}`));
      setOpen(null);
      form.resetFields();
      await client.invalidateQueries({ queryKey: keypersonKeys.all, predicate: (q) => q.queryKey[1] !== 'detail' });
      try {
        onChange(await keypersonsApi.get(record.id, currentPurpose()));
      } catch {
        // Handed over out of the viewer's scope: nothing more to show.
      }
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      {record.canVisit && (
        <Button type="primary" data-testid="keypersons-log-visit" onClick={() => navigate(`/keypersons/visit?id=${record.id}`)}>
          {t('kp.visit.log')}
        </Button>
      )}
      {record.actions.map((action) => (
        <Button key={action} data-testid={`keypersons-step-${action}`} danger={action === 'refuse'} onClick={() => setOpen(action)}>
          {t(`kp.action.${action}`)}
        </Button>
      ))}
      <Modal
        open={open !== null}
        title={open ? t(`kp.action.${open}`) : ''}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        confirmLoading={busy}
        okButtonProps={withTestId({}, 'keypersons-step-ok')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(values) => open && void run(open, values)} initialValues={{ riskLevel: record.riskLevel, managementLevel: record.managementLevel ?? undefined }}>
          {open === 'change_risk' && (
            <>
              <Form.Item name="riskLevel" label={t('kp.field.risk')}>
                <Select data-testid="keypersons-step-risk" options={enumOptions(t, 'kpRisk', KP_RISK_LEVELS)} />
              </Form.Item>
              {record.categoryCode === KP_RELEASED_PRISONER && (
                <Form.Item name="managementLevel" label={t('kp.field.management')}>
                  <Select data-testid="keypersons-step-management" options={enumOptions(t, 'kpManagement', KP_MANAGEMENT_LEVELS)} />
                </Form.Item>
              )}
            </>
          )}
          {open === 'handover' && (
            <Form.Item name="toGridId" label={t('kp.action.toGrid')} rules={[{ required: true, message: t('common.required') }]}>
              <GridSelect />
            </Form.Item>
          )}
          {(open === 'change_risk' || open === 'handover') && (
            <Form.Item name="reason" label={t('kp.action.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input.TextArea data-testid="keypersons-step-reason" rows={3} maxLength={500} />
            </Form.Item>
          )}
          {(open === 'accept' || open === 'refuse') && (
            <Form.Item name="note" label={t('kp.action.note')} rules={open === 'refuse' ? [{ required: true, whitespace: true, message: t('common.required') }] : []}>
              <Input.TextArea data-testid="keypersons-step-note" rows={3} maxLength={500} />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </Space>
  );
}

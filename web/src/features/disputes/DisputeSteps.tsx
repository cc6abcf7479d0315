/**
 * The steps a dispute offers the viewer now (from the server's `actions`), each a small form
 * built from the action's input schema in the contracts (DISPUTE_ACTION_INPUTS), and the
 * agreement's download once there is one.
 */
import { Button, DatePicker, Form, Input, Modal, Select, Space, Switch, type ButtonProps } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { DISPUTE_ACTION_INPUTS, DISPUTE_ACTIONS, type Dispute, type DisputeAction } from '@gridgov/contracts';
import { api } from '../../api/client';
import { ticketQueries } from '../../api/tickets';
import { saveFile } from '../../api/transfers';
import { useFeedback } from '../../app/feedback';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import type { DetailPartProps } from '../../shared/record-page/types';
import { innerSchema, schemaRequires } from '../../shared/schema';
import { disputesApi } from './disputes-api';

type Shape = Record<string, z.ZodType>;
const DATE_FIELDS = new Set(['heldOn', 'fulfilmentDeadline', 'evaluatedOn']);
const LONG_FIELDS = new Set(['notes', 'terms', 'outcome', 'opinion', 'note', 'attendees']);

export function DisputeSteps({ record, onChange }: DetailPartProps<Dispute>) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [open, setOpen] = useState<DisputeAction | null>(null);
  const [downloading, setDownloading] = useState(false);
  const steps = DISPUTE_ACTIONS.filter((a) => record.actions.includes(a));
  const download = async () => {
    setDownloading(true);
    try {
      saveFile(await disputesApi.agreement(record.id));
    } catch (error) {
      feedback.error(error);
    } finally {
      setDownloading(false);
    }
  };
  return (
    <Space wrap style={{ marginBottom: 16 }}>
      {steps.map((step) => (
        <Button key={step} data-testid={`disputes-step-${step}`} type={step === 'close' || step === 'agree' ? 'primary' : 'default'} danger={step === 'fail'} onClick={() => setOpen(step)}>
          {t(`dispute.action.${step}`)}
        </Button>
      ))}
      {record.agreement && (
        <Button data-testid="disputes-agreement" loading={downloading} onClick={download}>
          {t('dispute.agreementDownload')}
        </Button>
      )}
      {open && <StepDialog record={record} action={open} onClose={() => setOpen(null)} onDone={(saved) => { setOpen(null); onChange(saved); }} />}
    </Space>
  );
}

function StepDialog({ record, action, onClose, onDone }: { record: Dispute; action: DisputeAction; onClose: () => void; onDone: (d: Dispute) => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Record<string, unknown>>();
  const [busy, setBusy] = useState(false);
  const shape = (DISPUTE_ACTION_INPUTS[action] as unknown as { shape: Shape }).shape;
  const fields = Object.keys(shape).filter((k) => k !== 'version');
  const departments = useQuery({ queryKey: ['departments', 'options'], queryFn: () => api.get<{ id: string; name: string }[] | { items: { id: string; name: string }[] }>('/departments'), enabled: action === 'assign', meta: { silent: true } });
  const categories = useQuery({ ...ticketQueries.categories(), enabled: action === 'escalate', meta: { silent: true } });
  const categoryOptions = (categories.data ?? []).filter((c) => c.active).map((c) => ({ value: c.id, label: c.name }));
  const departmentOptions = (Array.isArray(departments.data) ? departments.data : (departments.data?.items ?? [])).map((d) => ({ value: d.id, label: d.name }));
  const submit = async () => {
    const values = await form.validateFields();
    const body: Record<string, unknown> = { version: record.version };
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined || v === null || v === '') continue;
      body[k] = DATE_FIELDS.has(k) && typeof v === 'object' && v !== null && 'format' in v ? (v as { format: (f: string) => string }).format('YYYY-MM-DD') : v;
    }
    setBusy(true);
    try {
      onDone(await disputesApi.step(record.id, action, body));
      feedback.success(t('dispute.done'));
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  const input = (key: string, schema: z.ZodType) => {
    const inner = innerSchema(schema);
    if (key === 'categoryId') return <Select allowClear showSearch optionFilterProp="label" options={categoryOptions} data-testid={`disputes-step-field-${key}`} />;
    if (key === 'departmentId') return <Select allowClear showSearch optionFilterProp="label" options={departmentOptions} data-testid={`disputes-step-field-${key}`} />;
    if (DATE_FIELDS.has(key)) return <DatePicker data-testid={`disputes-step-field-${key}`} />;
    if (inner instanceof z.ZodBoolean) return <Switch data-testid={`disputes-step-field-${key}`} />;
    if (inner instanceof z.ZodEnum) return <Select data-testid={`disputes-step-field-${key}`} options={(inner.options as string[]).map((o) => ({ value: o, label: t(`dispute.${key}.${o}` as MessageKey) }))} />;
    if (LONG_FIELDS.has(key)) return <Input.TextArea rows={3} data-testid={`disputes-step-field-${key}`} />;
    return <Input data-testid={`disputes-step-field-${key}`} />;
  };
  return (
    <Modal open title={t(`dispute.action.${action}`)} onCancel={onClose} onOk={submit} confirmLoading={busy} okButtonProps={{ 'data-testid': 'disputes-step-ok' } as ButtonProps} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={Object.fromEntries(fields.filter((k) => innerSchema(shape[k]!) instanceof z.ZodBoolean).map((k) => [k, true]))}>
        {fields.map((key) => (
          <Form.Item key={key} name={key} label={t(`dispute.field.${key}` as MessageKey)} rules={schemaRequires(shape[key]!) ? [{ required: true, message: t('common.required') }] : []} valuePropName={innerSchema(shape[key]!) instanceof z.ZodBoolean ? 'checked' : 'value'}>
            {input(key, shape[key]!)}
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

/** A case's steps (from the server's `actions`), tracing again, and a contact named in an interview. */
import { Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import type { Dayjs } from 'dayjs';
import type { CaseAction, CaseDetail } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { holds } from '../../shared/permissions';
import type { DetailPartProps } from '../../shared/record-page/types';
import { tracingApi } from './tracing-api';

function InterviewContact({ record, onDone, onClose }: { record: CaseDetail; onDone: (c: CaseDetail) => void; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ name: string; idNumber: string; exposedAt: Dayjs; note: string }>();
  const [busy, setBusy] = useState(false);
  const save = async (v: { name: string; idNumber: string; exposedAt: Dayjs; note: string }) => {
    setBusy(true);
    try {
      onDone(await tracingApi.addContact(record.id, { person: { name: v.name.trim(), idNumber: v.idNumber.trim() }, exposedAt: v.exposedAt.toISOString(), note: v.note.trim() }));
      feedback.success(t('case.contactAdded'));
      onClose();
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open title={t('case.addContact')} onCancel={onClose} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'cases-contact-save' } as Record<string, string>}>
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)}>
        <Form.Item name="name" label={t('case.field.name')} rules={[{ required: true, whitespace: true, message: t('case.nameRequired') }]}>
          <Input maxLength={50} data-testid="cases-contact-name" />
        </Form.Item>
        <Form.Item name="idNumber" label={t('case.field.idNumber')} rules={[{ required: true, whitespace: true, message: t('case.idRequired') }]}>
          <Input maxLength={40} autoComplete="off" data-testid="cases-contact-id" />
        </Form.Item>
        <Form.Item name="exposedAt" label={t('case.field.exposedAt')} rules={[{ required: true, message: t('case.exposedAtRequired') }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="cases-contact-at" />
        </Form.Item>
        <Form.Item name="note" label={t('case.field.interviewNote')} rules={[{ required: true, whitespace: true, message: t('case.noteRequired') }]}>
          <Input.TextArea rows={2} maxLength={500} data-testid="cases-contact-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function CaseSteps({ record, onChange }: DetailPartProps<CaseDetail>) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const me = useMe();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const manages = holds('case:manage', me.permissions) && record.status !== 'excluded';
  if (!manages && record.actions.length === 0) return null;
  const busyWith = async (key: string, work: () => Promise<void>) => {
    setBusy(key);
    try {
      await work();
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(null);
    }
  };
  const step = (action: CaseAction) =>
    busyWith(action, async () => {
      const note = text.trim() || undefined;
      onChange(await tracingApi.step(record, action, action === 'exclude' ? { reason: note } : { note }));
      setText('');
      feedback.success(t('case.done'));
    });
  const trace = () =>
    busyWith('trace', async () => {
      const r = await tracingApi.trace(record.id);
      feedback.success(t('case.traced', { close: r.close, secondary: r.secondary, added: r.added, reexposed: r.reexposed }));
      onChange(await tracingApi.getCase(record.id));
    });
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {record.actions.length > 0 && <Input.TextArea data-testid="cases-step-text" rows={2} maxLength={500} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('case.stepText')} />}
      <Space wrap>
        {record.actions.map((action) => (
          <Button key={action} data-testid={`cases-step-${action}`} type={action === 'confirm' ? 'primary' : 'default'} danger={action === 'exclude'} loading={busy === action} disabled={action === 'exclude' && !text.trim()} onClick={() => void step(action)}>
            {t(`case.action.${action}`)}
          </Button>
        ))}
        {manages && (
          <Button data-testid="cases-trace" loading={busy === 'trace'} onClick={() => void trace()}>
            {t('case.trace')}
          </Button>
        )}
        {manages && record.status !== 'closed' && (
          <Button data-testid="cases-add-contact" onClick={() => setAdding(true)}>
            {t('case.addContact')}
          </Button>
        )}
      </Space>
      {adding && <InterviewContact record={record} onDone={onChange} onClose={() => setAdding(false)} />}
    </Space>
  );
}

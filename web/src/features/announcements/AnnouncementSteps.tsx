/** The steps an announcement offers the viewer now (from the server's `actions`), with a note where the step takes one. */
import { Button, Input, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import type { ZodType } from 'zod';
import { ANNOUNCEMENT_ACTION_INPUTS, type Announcement, type AnnouncementAction } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { schemaRequires } from '../../shared/schema';
import type { DetailPartProps } from '../../shared/record-page/types';
import { announcementsApi } from './announcements-api';

/** The steps shown as buttons (editing is the page's own form). */
const STEPS = ['submit', 'publish', 'return', 'withdraw'] as const satisfies readonly AnnouncementAction[];
type Step = (typeof STEPS)[number];

export function AnnouncementSteps({ record, onChange }: DetailPartProps<Announcement>) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<Step | null>(null);
  const steps = STEPS.filter((s) => record.actions.includes(s));
  if (steps.length === 0) return null;
  const needsNote = (s: Step) => {
    const schema = (ANNOUNCEMENT_ACTION_INPUTS[s].shape as Record<string, ZodType | undefined>).note;
    return schema !== undefined && schemaRequires(schema);
  };
  const run = async (step: Step) => {
    setBusy(step);
    try {
      const saved = await announcementsApi.step(record.id, step, { version: record.version, ...(note.trim() ? { note: note.trim() } : {}) });
      feedback.success(t(`announcement.done.${step}`));
      setNote('');
      onChange(saved);
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {steps.some(needsNote) && (
        <Input.TextArea data-testid="announcements-step-note" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('announcement.notePlaceholder')} />
      )}
      <Space wrap>
        {steps.map((step) => (
          <Popconfirm key={step} title={t(`announcement.confirm.${step}`)} onConfirm={() => run(step)} disabled={needsNote(step) && !note.trim()}>
            <Button
              data-testid={`announcements-step-${step}`}
              type={step === 'publish' || step === 'submit' ? 'primary' : 'default'}
              danger={step === 'withdraw'}
              loading={busy === step}
              disabled={needsNote(step) && !note.trim()}
              title={needsNote(step) && !note.trim() ? t('announcement.noteNeeded') : undefined}
            >
              {t(`announcement.action.${step}`)}
            </Button>
          </Popconfirm>
        ))}
      </Space>
    </Space>
  );
}

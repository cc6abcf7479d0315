/**
 * The steps a record's workflow offers the viewer now (the server's `actions`), as buttons with a
 * confirmation, and a note box when a shown step's input schema requires or takes a note. A
 * module gives its action inputs, labels and the call; the test ids are `<slug>-step-<action>`
 * and `<slug>-step-note`.
 */
import { Button, Input, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import type { ZodObject, ZodType } from 'zod';
import { useFeedback } from '../../app/feedback';
import { useI18n, type Translate } from '../../i18n/i18n';
import { schemaRequires } from '../schema';

export interface WorkflowStepsProps<R extends { id: string; version: number; actions: readonly string[] }, A extends string> {
  record: R;
  onChange: (record: R) => void;
  slug: string;
  /** The steps shown as buttons, in this order (editing is the page's own form). */
  steps: readonly A[];
  /** Each step's input schema (the contract's `*_ACTION_INPUTS`). */
  inputs: Readonly<Record<A, ZodObject>>;
  label: (t: Translate, step: A) => string;
  confirm: (t: Translate, step: A) => string;
  done: (t: Translate, step: A) => string;
  notePlaceholder: (t: Translate) => string;
  noteNeeded: (t: Translate) => string;
  run: (step: A, body: { version: number; note?: string }) => Promise<R>;
  primary?: readonly A[];
  danger?: readonly A[];
}

export function WorkflowSteps<R extends { id: string; version: number; actions: readonly string[] }, A extends string>(props: WorkflowStepsProps<R, A>) {
  const { record, slug, inputs } = props;
  const { t } = useI18n();
  const feedback = useFeedback();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<A | null>(null);
  const steps = props.steps.filter((s) => record.actions.includes(s));
  if (steps.length === 0) return null;
  const noteSchema = (s: A) => (inputs[s].shape as Record<string, ZodType | undefined>).note;
  const needsNote = (s: A) => {
    const schema = noteSchema(s);
    return schema !== undefined && schemaRequires(schema);
  };
  const run = async (step: A) => {
    setBusy(step);
    try {
      const saved = await props.run(step, { version: record.version, ...(note.trim() ? { note: note.trim() } : {}) });
      feedback.success(props.done(t, step));
      setNote('');
      props.onChange(saved);
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      {steps.some((s) => noteSchema(s) !== undefined) && (
        <Input.TextArea data-testid={`${slug}-step-note`} rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} placeholder={props.notePlaceholder(t)} />
      )}
      <Space wrap>
        {steps.map((step) => {
          const missing = needsNote(step) && !note.trim();
          return (
            <Popconfirm key={step} title={props.confirm(t, step)} onConfirm={() => run(step)} disabled={missing}>
              <Button
                data-testid={`${slug}-step-${step}`}
                type={props.primary?.includes(step) ? 'primary' : 'default'}
                danger={props.danger?.includes(step)}
                loading={busy === step}
                disabled={missing}
                title={missing ? props.noteNeeded(t) : undefined}
              >
                {props.label(t, step)}
              </Button>
            </Popconfirm>
          );
        })}
      </Space>
    </Space>
  );
}

/** The steps a warning offers the viewer now (from the server's `actions`): a note where the step needs one, a department to assign to. */
import { Button, Input, Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { WarningAction } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import type { DetailPartProps } from '../../shared/record-page/types';
import { warningKeys, warningsApi, type WarningRecord } from './warnings-api';

const NEEDS_TEXT: readonly WarningAction[] = ['handle', 'mark_false_positive'];

export function WarningSteps({ record, onChange }: DetailPartProps<WarningRecord>) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [text, setText] = useState('');
  const [department, setDepartment] = useState<string | undefined>();
  const [busy, setBusy] = useState<WarningAction | null>(null);
  const canAssign = record.actions.includes('assign');
  const departments = useQuery({ queryKey: warningKeys.departments, queryFn: ({ signal }) => warningsApi.departments(signal), enabled: canAssign });
  if (record.actions.length === 0) return null;
  const run = async (action: WarningAction) => {
    setBusy(action);
    try {
      const note = text.trim() || undefined;
      const body = action === 'mark_false_positive' ? { version: record.version, reason: note } : action === 'assign' ? { version: record.version, departmentId: department, note } : { version: record.version, note };
      await warningsApi.step(record.id, action, body);
      feedback.success(t('warning.done'));
      setText('');
      onChange(await warningsApi.get(record.id));
    } catch (error) {
      feedback.error(error);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }}>
      <Input.TextArea data-testid="warnings-step-text" rows={2} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('warning.text')} />
      {canAssign && (
        <Select
          data-testid="warnings-step-department"
          style={{ width: '100%' }}
          placeholder={t('warning.assignHint')}
          value={department}
          onChange={setDepartment}
          showSearch
          optionFilterProp="label"
          options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        />
      )}
      <Space wrap>
        {record.actions.map((action) => {
          const missing = (NEEDS_TEXT.includes(action) && !text.trim()) || (action === 'assign' && !department);
          return (
            <Button
              key={action}
              data-testid={`warnings-step-${action}`}
              type={action === 'acknowledge' || action === 'close' ? 'primary' : 'default'}
              danger={action === 'mark_false_positive'}
              loading={busy === action}
              disabled={missing}
              onClick={() => void run(action)}
            >
              {t(`warning.action.${action}`)}
            </Button>
          );
        })}
      </Space>
    </Space>
  );
}

/** One of a record's buttons (in its row or the detail's header): asks first when the action says so. */
import { Button, Popconfirm, type ButtonProps } from 'antd';
import { useI18n } from '../../i18n/i18n';
import type { RowAction } from './derive';
import type { RecordBase } from './types';

interface Props<R extends RecordBase> {
  action: RowAction<R>;
  record: R;
  /** The record's name, for the confirmation's title. */
  name: string;
  onRun: (action: RowAction<R>, record: R) => void;
  testId: string;
  button?: Pick<ButtonProps, 'type' | 'size'>;
}

export function RowActionButton<R extends RecordBase>({ action, record, name, onRun, testId, button }: Props<R>) {
  const { t } = useI18n();
  const shown = (
    <Button {...button} danger={action.danger} onClick={action.confirm ? undefined : () => onRun(action, record)} data-testid={testId}>
      {t(action.label)}
    </Button>
  );
  if (!action.confirm) return shown;
  return (
    <Popconfirm
      title={t(action.confirm.title, { name })}
      description={action.confirm.description ? t(action.confirm.description) : undefined}
      okButtonProps={{ danger: action.danger }}
      onConfirm={() => onRun(action, record)}
    >
      {shown}
    </Popconfirm>
  );
}

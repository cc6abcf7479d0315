/** A declaration's flags: the form's alert rules it tripped (or 正常). */
import { Space, Tag } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';

export function AlertTags({ abnormal, keys, testId }: { abnormal: boolean; keys: readonly string[]; testId?: string }) {
  const { t } = useI18n();
  if (!abnormal) return <Tag color="green" data-testid={testId}>{t('declaration.normal')}</Tag>;
  return (
    <Space size={4} wrap data-testid={testId}>
      <Tag color="red">{t('declaration.abnormal')}</Tag>
      {keys.map((k) => (
        <Tag key={k} color="orange">{enumLabel(t, 'declarationAlert', k)}</Tag>
      ))}
    </Space>
  );
}

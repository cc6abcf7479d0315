/** 导出: my export requests. */
import { Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n';
import { ExportList } from './ExportList';

export default function ExportsPage() {
  const { t } = useI18n();
  return (
    <div data-testid="exports-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('export.mine')}
      </Typography.Title>
      <ExportList view="mine" />
    </div>
  );
}

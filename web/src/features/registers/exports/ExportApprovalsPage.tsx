/** 待审批: others' export requests that need my approval (two-person rule). */
import { Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n';
import { ExportList } from './ExportList';

export default function ExportApprovalsPage() {
  const { t } = useI18n();
  return (
    <div data-testid="export-approvals-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('export.approvals')}
      </Typography.Title>
      <ExportList view="approvals" />
    </div>
  );
}

/** The venue code (场所码), shown large with a QR code that visitors scan to check in. */
import { Card, QRCode, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../../i18n/i18n';
import { fieldLabel } from '../shared/labels';
import type { RegisterRecord } from '../../../api/registers';
import type { DetailPartProps } from '../../../shared/record-page/types';

export function VenueCode({ record }: DetailPartProps<RegisterRecord<'venue'>>) {
  const { t } = useI18n();
  return (
    <Card size="small" style={{ marginBottom: 12, background: '#f6f9ff', borderColor: '#c7d8f5' }} data-testid="venues-code-card">
      <Space size="large" align="center">
        <QRCode value={record.venueCode} size={104} bordered={false} />
        <div>
          <Typography.Text type="secondary">{fieldLabel(t, 'venue', 'venueCode')}</Typography.Text>
          <Typography.Title level={2} copyable style={{ margin: '2px 0 4px', fontFamily: 'monospace', letterSpacing: 2 }} data-testid="venues-code">
            {record.venueCode}
          </Typography.Title>
          <Space size={4} wrap>
            {record.keyPlace && <Tag color="red">{t('reg.map.keyPlace')}</Tag>}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('venue.codeHint')}
            </Typography.Text>
          </Space>
        </div>
      </Space>
    </Card>
  );
}

/**
 * The venue code (场所码), shown large with a QR code that visitors scan to check in (it opens the
 * portal's check-in page for this venue), the printable poster, and for `checkin:read` the
 * venue's check-ins.
 */
import { Card, QRCode, Space, Tag, Typography } from 'antd';
import { useSession } from '../../../app/session';
import { useI18n } from '../../../i18n/i18n';
import { checkinUrl } from '../../checkins/checkins-api';
import { VenueCheckins } from '../../checkins/VenueCheckins';
import { VenuePoster } from '../../checkins/VenuePoster';
import { fieldLabel } from '../shared/labels';
import type { RegisterRecord } from '../../../api/registers';
import type { DetailPartProps } from '../../../shared/record-page/types';

export function VenueCode({ record }: DetailPartProps<RegisterRecord<'venue'>>) {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <>
    <Card size="small" style={{ marginBottom: 12, background: '#f6f9ff', borderColor: '#c7d8f5' }} data-testid="venues-code-card">
      <Space size="large" align="center">
        <QRCode value={checkinUrl(record.venueCode)} size={104} bordered={false} data-testid="venues-code-qr" />
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
            <VenuePoster name={record.name} code={record.venueCode} />
          </Space>
        </div>
      </Space>
    </Card>
    {can('checkin:read') && <VenueCheckins venueId={record.id} />}
    </>
  );
}

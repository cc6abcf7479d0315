/**
 * The printable poster of a venue (场所码海报): its name, a large QR code that opens the
 * portal's check-in page for this venue, and the code in print for those who type it. The poster
 * opens in a dialog; printing prints the poster alone (`gg-print-poster`, see poster.css).
 */
import { Button, Modal, QRCode, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import { checkinUrl } from './checkins-api';
import './poster.css';

export function VenuePoster({ name, code }: { name: string; code: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="venues-poster-open">{t('checkin.poster')}</Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        width={520}
        footer={<Button type="primary" onClick={() => window.print()} data-testid="venues-poster-print">{t('checkin.print')}</Button>}
        destroyOnHidden
      >
        <div className="gg-print-poster" data-testid="venues-poster">
          <Typography.Title level={2} style={{ marginBottom: 4 }}>{t('checkin.posterScan')}</Typography.Title>
          <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="venues-poster-name">{name}</Typography.Title>
          <QRCode value={checkinUrl(code)} size={280} errorLevel="M" style={{ margin: '0 auto' }} />
          <Typography.Paragraph style={{ marginTop: 12 }}>
            {t('checkin.posterTitle')}：<Typography.Text strong style={{ fontFamily: 'monospace', fontSize: 24, letterSpacing: 2 }}>{code}</Typography.Text>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('checkin.posterHint')}</Typography.Paragraph>
        </div>
      </Modal>
    </>
  );
}

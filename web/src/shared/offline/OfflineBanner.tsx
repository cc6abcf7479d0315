/** Says the console is offline (and how many submissions wait to be sent). */
import { Alert } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { useOfflineQueue } from './queue';

export function OfflineBanner() {
  const { t } = useI18n();
  const { online, items } = useOfflineQueue();
  const waiting = items.filter((item) => item.state !== 'refused').length;
  if (online) return null;
  return (
    <Alert
      type="warning"
      showIcon
      banner
      title={t('offline.banner', { n: waiting })}
      data-testid="offline-banner"
      data-waiting={waiting}
    />
  );
}

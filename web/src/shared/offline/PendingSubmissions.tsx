/**
 * The "to send (n)" list of the signed-in account's queued submissions: what each is, its state
 * (waiting for the network, sending, refused with the server's message), and what the person
 * may do: send now, fix (when the page can put it back in its form) or discard (after a word).
 */
import { Button, Card, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../format';
import { useOfflineQueue } from './queue';
import type { QueuedSubmission } from './store';

interface Props {
  /** Only this kind's submissions (all kinds when absent). */
  kind?: string;
  /** Puts a submission back in the page's form to fix it (shown for refused ones). */
  onEdit?: (item: QueuedSubmission) => void;
}

const STATE_COLOR = { waiting: 'gold', sending: 'processing', refused: 'error' } as const;

export function PendingSubmissions({ kind, onEdit }: Props) {
  const { t, locale } = useI18n();
  const queue = useOfflineQueue();
  const items = kind ? queue.items.filter((item) => item.kind === kind) : queue.items;
  if (items.length === 0) return null;
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      title={<span data-testid="offline-queue-title">{t('offline.queue.title', { n: items.length })}</span>}
      extra={
        queue.online && (
          <Button size="small" onClick={() => void queue.flush()} data-testid="offline-queue-send">
            {t('offline.queue.sendNow')}
          </Button>
        )
      }
      data-testid="offline-queue"
      data-count={items.length}
    >
      <List
        size="small"
        dataSource={items}
        renderItem={(item) => (
          <List.Item
            key={item.id}
            data-testid={`offline-item-${item.id}`}
            data-state={item.state}
            actions={[
              ...(item.state === 'refused' && onEdit
                ? [
                    <Button key="edit" size="small" type="link" onClick={() => onEdit(item)} data-testid="offline-item-edit">
                      {t('offline.queue.edit')}
                    </Button>,
                  ]
                : []),
              ...(item.state === 'refused' && queue.online
                ? [
                    <Button key="retry" size="small" type="link" onClick={() => void queue.retry(item.id)} data-testid="offline-item-retry">
                      {t('offline.queue.retry')}
                    </Button>,
                  ]
                : []),
              <Popconfirm key="discard" title={t('offline.queue.discardConfirm')} onConfirm={() => void queue.discard(item.id)} okButtonProps={{ danger: true }}>
                <Button size="small" type="link" danger disabled={item.state === 'sending'} data-testid="offline-item-discard">
                  {t('offline.queue.discard')}
                </Button>
              </Popconfirm>,
            ]}
          >
            <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
              <Typography.Text ellipsis style={{ maxWidth: '100%' }} data-testid="offline-item-summary">
                {item.summary}
              </Typography.Text>
              <Space size={6} wrap>
                <Tag color={STATE_COLOR[item.state]} data-testid="offline-item-state">
                  {t(`offline.state.${item.state}`)}
                </Tag>
                <Typography.Text type="secondary">{formatDateTime(new Date(item.createdAt).toISOString(), locale)}</Typography.Text>
                {item.files.length > 0 && <Typography.Text type="secondary">{t('offline.queue.files', { n: item.files.length })}</Typography.Text>}
              </Space>
              {item.error && item.state !== 'sending' && (
                <Typography.Text type={item.state === 'refused' ? 'danger' : 'secondary'} data-testid="offline-item-error">
                  {item.error.message}
                </Typography.Text>
              )}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

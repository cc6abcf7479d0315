/**
 * The bell in the header: how many notifications are unread, the latest ones in a popover,
 * marking one (by opening what it is about) or all read. Polled every minute.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Popover, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ticketKeys } from '../../../api/keys';
import { ticketQueries, ticketsApi, type NotificationItem } from '../../../api/tickets';
import { formatDateTime } from '../../../app/labels';
import { navigate } from '../../../app/router';
import { useFeedback } from '../../../app/feedback';
import { useI18n } from '../../../i18n/i18n';
import { useMe } from '../../../app/session';
import { subjectLink } from '../../../app/routes';
import { ticketLink } from '../shared/use-open-ticket';

const POLL_MS = 60_000;
const SHOWN = 20;

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" style={{ display: 'block' }}>
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

export function NotificationBell() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const list = useQuery({ ...ticketQueries.notifications(), refetchInterval: POLL_MS }).data ?? null;
  const load = () => void client.invalidateQueries({ queryKey: ticketKeys.notifications() });

  async function openItem(item: NotificationItem) {
    setOpen(false);
    try {
      if (!item.read) await ticketsApi.markRead(item.id);
    } catch (err) {
      feedback.error(err);
    }
    load();
    const link = item.subjectType === 'ticket' ? ticketLink(item.subjectId, me.permissions) : subjectLink(item.subjectType, item.subjectId, me.permissions);
    if (link) navigate(link);
  }

  async function readAll() {
    try {
      await ticketsApi.markAllRead();
      load();
    } catch (err) {
      feedback.error(err);
    }
  }

  const unread = list?.unread ?? 0;
  const items = list?.items.slice(0, SHOWN) ?? [];
  const content = (
    <div style={{ width: 360, maxWidth: 'calc(100vw - 40px)' }} data-testid="notifications">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text strong>{t('ticket.notify.title', { n: unread })}</Typography.Text>
        <Button type="link" size="small" disabled={unread === 0} onClick={() => void readAll()} data-testid="notifications-read-all">
          {t('ticket.notify.readAll')}
        </Button>
      </Space>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ticket.notify.empty')} />
      ) : (
        <div style={{ maxHeight: 420, overflow: 'auto' }}>
          {items.map((item) => (
            <div
              key={item.id}
              role="button"
              tabIndex={0}
              onClick={() => void openItem(item)}
              onKeyDown={(event) => {
                if (event.key === 'Enter') void openItem(item);
              }}
              data-testid={`notification-${item.id}`}
              data-read={item.read}
              style={{ padding: '8px 6px', borderTop: '1px solid #f0f0f0', cursor: 'pointer', background: item.read ? undefined : '#f0f7ff' }}
            >
              <Space size={6} align="start">
                {!item.read && <Badge status="processing" />}
                <div>
                  <Typography.Text strong={!item.read} style={{ display: 'block' }}>
                    {item.title}
                  </Typography.Text>
                  {item.about && (
                    <Typography.Text style={{ display: 'block', fontSize: 13 }} data-testid={`notification-about-${item.id}`}>
                      {item.about.urgent && (
                        <Tag color="red" style={{ marginInlineEnd: 6 }}>
                          {t('notice.urgent')}
                        </Tag>
                      )}
                      {[item.about.what, item.about.where].filter(Boolean).join(' · ')}
                      {item.about.dueAt && (
                        <Typography.Text type={item.about.urgent ? 'danger' : 'secondary'} style={{ display: 'block', fontSize: 12 }}>
                          {t('notice.due', { time: formatDateTime(item.about.dueAt, locale) })}
                        </Typography.Text>
                      )}
                    </Typography.Text>
                  )}
                  {item.body && (
                    <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
                      {item.body}
                    </Typography.Paragraph>
                  )}
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {formatDateTime(item.createdAt, locale)}
                  </Typography.Text>
                </div>
              </Space>
            </div>
          ))}
        </div>
      )}
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) load();
      }}
      content={content}
    >
      <Badge count={unread} size="small" overflowCount={99}>
        <Button type="text" size="small" icon={<BellIcon />} aria-label={t('ticket.notify.bell')} data-testid="header-notifications" data-unread={unread} />
      </Badge>
    </Popover>
  );
}

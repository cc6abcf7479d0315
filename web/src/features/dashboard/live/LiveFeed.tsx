/**
 * The live feed panel: new tickets and state changes within the place, newest first. Each entry
 * links to the ticket when the viewer may read tickets.
 */
import { Badge, Tag } from 'antd';
import type { TicketAction, TicketStatus } from '@gridgov/contracts';
import { TICKET_ACTIONS, TICKET_STATUSES } from '@gridgov/contracts';
import { pathWithQuery } from '../../../app/routes';
import { useI18n } from '../../../i18n/i18n';
import { actionLabel, statusLabel } from '../../tickets/shared/labels';
import { formatClock } from '../format';
import { useLook } from '../look';
import type { FeedItem, LiveStatus } from './use-live-feed';
import type { TicketLabel } from './use-ticket-labels';

interface Props {
  items: readonly FeedItem[];
  status: LiveStatus;
  labelOf: (item: FeedItem) => TicketLabel;
  gridName: (gridId: string | undefined) => string | undefined;
  canOpen: boolean;
}

const isAction = (value: string | undefined): value is TicketAction => (TICKET_ACTIONS as readonly string[]).includes(value ?? '');
const isStatus = (value: string | undefined): value is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(value ?? '');

export function LiveStatusBadge({ status }: { status: LiveStatus }) {
  const { t } = useI18n();
  const badge = status === 'open' ? 'processing' : status === 'connecting' ? 'warning' : 'error';
  const text = status === 'open' ? t('dashboard.feed.live') : status === 'connecting' ? t('dashboard.feed.connecting') : t('dashboard.feed.closed');
  return <Badge status={badge} text={<span className="gg-live-status">{text}</span>} data-testid="live-status" data-status={status} />;
}

export function LiveFeed({ items, labelOf, gridName, canOpen }: Props) {
  const { t, locale } = useI18n();
  const { big } = useLook();
  if (items.length === 0) {
    return (
      <div className="gg-feed-empty" data-testid="live-feed" data-count={0}>
        {t('dashboard.feed.empty')}
      </div>
    );
  }
  return (
    <ol className="gg-feed" data-testid="live-feed" data-count={items.length}>
      {items.map((item) => {
        const label = labelOf(item);
        const created = item.type === 'ticket.created';
        const what = created
          ? t('dashboard.feed.created')
          : [isAction(item.action) ? actionLabel(t, item.action) : item.action, isStatus(item.status) ? statusLabel(t, item.status) : item.status]
              .filter(Boolean)
              .join(' → ');
        const grid = gridName(item.gridId);
        const number = label.number ?? t('dashboard.feed.ticket');
        return (
          <li key={item.key} className={`gg-feed-item${created ? ' created' : ''}`} data-testid="live-item" data-ticket-id={item.ticketId} data-type={item.type}>
            <time dateTime={item.at}>{formatClock(item.at, locale)}</time>
            <div className="gg-feed-body">
              <div className="gg-feed-line">
                <Tag color={created ? (big ? 'blue' : 'processing') : 'default'} className="gg-feed-tag">
                  {what}
                </Tag>
                {item.emergency && (
                  <Tag color="red" className="gg-feed-tag">
                    {t('ticket.emergency')}
                  </Tag>
                )}
                {canOpen ? (
                  <a className="gg-feed-number" href={`#${pathWithQuery('/tickets/all', { id: item.ticketId })}`}>
                    {number}
                  </a>
                ) : (
                  <span className="gg-feed-number">{number}</span>
                )}
              </div>
              {(label.categoryName || grid) && <div className="gg-feed-meta">{[label.categoryName, grid].filter(Boolean).join(' · ')}</div>}
            </div>
          </li>
        );
      })}
    </ol>
  );
}

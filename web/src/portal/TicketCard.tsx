/** One report in a list: number, public status, category, the first lines of the text, when. */
import { Tag, Typography } from 'antd';
import type { Ticket } from '@gridgov/contracts';
import { formatDateTime } from '../app/labels';
import { navigate } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { PUBLIC_STATUS_COLOR, publicStatusLabel } from './labels';
import { ticketPath } from './paths';

export function TicketCard({ ticket }: { ticket: Ticket }) {
  const { t, locale } = useI18n();
  // Lists carry no per-ticket actions: a closed report of one's own without a rating awaits one.
  const toRate = ticket.actions.includes('rate') || (ticket.status === 'closed' && ticket.rating === null);
  return (
    <a
      href={`#${ticketPath(ticket.id)}`}
      className="gg-portal-card"
      data-testid="portal-ticket-card"
      data-number={ticket.number}
      data-status={ticket.publicStatus}
      onClick={(event) => {
        event.preventDefault();
        navigate(ticketPath(ticket.id));
      }}
    >
      <div className="gg-portal-card-head">
        <Typography.Text strong>{ticket.categoryName}</Typography.Text>
        <span className="gg-portal-card-tags">
          {toRate && (
            <Tag color="gold" data-testid="portal-ticket-card-rate">
              {t('portal.mine.toRate')}
            </Tag>
          )}
          <Tag color={PUBLIC_STATUS_COLOR[ticket.publicStatus]} data-testid="portal-ticket-card-status">
            {publicStatusLabel(t, ticket.publicStatus)}
          </Tag>
        </span>
      </div>
      <Typography.Paragraph ellipsis={{ rows: 2 }} className="gg-portal-card-text">
        {ticket.description}
      </Typography.Paragraph>
      <div className="gg-portal-card-meta">
        <span>{ticket.number}</span>
        <span>{formatDateTime(ticket.createdAt, locale)}</span>
      </div>
    </a>
  );
}

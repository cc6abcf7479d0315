/**
 * One of the resident's reports: what was reported, its public status and timeline; 评价 when
 * the ticket offers `rate`, 重新打开 (with a reason) when it offers `reopen`.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Image, Rate, Result, Spin, Tag, Typography } from 'antd';
import type { Ticket } from '@gridgov/contracts';
import { isApiError } from '../api/client';
import { ticketKeys } from '../api/keys';
import { portalApi, portalQueries } from '../api/portal';
import { ticketChanged } from '../api/tickets';
import { formatDateTime } from '../app/labels';
import { navigate } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { PUBLIC_STATUS_COLOR, publicStatusLabel } from './labels';
import { PORTAL_PATHS } from './paths';
import { PublicTimeline } from './PublicTimeline';
import { RatePanel, ReopenPanel } from './ReporterActions';

export default function TicketDetailPage({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const MISSING = ['NOT_FOUND', 'VALIDATION_FAILED'] as const;
  const found = useQuery({ ...portalQueries.detail(id), meta: { handledCodes: MISSING } });
  const timeline = useQuery({ ...portalQueries.timeline(id), meta: { handledCodes: MISSING } });
  const ticket = found.data ?? null;
  const events = timeline.data ?? null;
  const missing = isApiError(found.error, ...MISSING);

  /** After rating or reopening: the answer, then the timeline with the new step. */
  const acted = (next: Ticket) => void ticketChanged(client, next);
  /** Someone acted on the ticket meanwhile: read it again. */
  const reload = () => void client.invalidateQueries({ queryKey: ticketKeys.detail(id) });

  if (missing) {
    return (
      <Result
        status="404"
        title={t('portal.detail.notFound')}
        extra={
          <Button type="primary" size="large" onClick={() => navigate(PORTAL_PATHS.mine)}>
            {t('portal.nav.mine')}
          </Button>
        }
        data-testid="portal-detail-missing"
      />
    );
  }
  if (!ticket || !events) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  return (
    <div data-testid="portal-detail" data-status={ticket.publicStatus}>
      <section className="gg-portal-section">
        <div className="gg-portal-section-head">
          <Typography.Text strong className="gg-portal-detail-category">
            {ticket.categoryName}
          </Typography.Text>
          <Tag color={PUBLIC_STATUS_COLOR[ticket.publicStatus]} className="gg-portal-status" data-testid="portal-detail-status">
            {publicStatusLabel(t, ticket.publicStatus)}
          </Tag>
        </div>
        <Typography.Paragraph className="gg-portal-detail-text" data-testid="portal-detail-description">
          {ticket.description}
        </Typography.Paragraph>
        {ticket.photos.length > 0 && (
          <Image.PreviewGroup>
            <div className="gg-portal-photos" data-testid="portal-detail-photos">
              {ticket.photos.map((photo) => (
                <Image key={photo.id} src={portalApi.photoUrl(photo.id)} alt={photo.name} className="gg-portal-photo-img" />
              ))}
            </div>
          </Image.PreviewGroup>
        )}
        <dl className="gg-portal-facts">
          <dt>{t('portal.detail.number')}</dt>
          <dd data-testid="portal-detail-number">{ticket.number}</dd>
          <dt>{t('portal.detail.createdAt')}</dt>
          <dd>{formatDateTime(ticket.createdAt, locale)}</dd>
          {ticket.address && (
            <>
              <dt>{t('portal.detail.address')}</dt>
              <dd>{ticket.address}</dd>
            </>
          )}
          {ticket.gridName && (
            <>
              <dt>{t('portal.detail.grid')}</dt>
              <dd>{ticket.gridName}</dd>
            </>
          )}
          {ticket.closedAt && (
            <>
              <dt>{t('portal.detail.closedAt')}</dt>
              <dd>{formatDateTime(ticket.closedAt, locale)}</dd>
            </>
          )}
        </dl>
      </section>

      {ticket.rating !== null && (
        <section className="gg-portal-section" data-testid="portal-detail-rating">
          <div className="gg-portal-section-head">
            <Typography.Text strong>{t('portal.rate.mine')}</Typography.Text>
          </div>
          <Rate disabled value={ticket.rating} className="gg-portal-stars" />
          {ticket.ratingComment && <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>{ticket.ratingComment}</Typography.Paragraph>}
        </section>
      )}
      {ticket.actions.includes('rate') && (
        <RatePanel send={(rating, note) => portalApi.rate(ticket.id, { version: ticket.version, rating, note }).then(acted)} onConflict={reload} />
      )}
      {ticket.actions.includes('reopen') && (
        <ReopenPanel reopenUntil={ticket.reopenUntil} send={(note) => portalApi.reopen(ticket.id, { version: ticket.version, note }).then(acted)} onConflict={reload} />
      )}

      <section className="gg-portal-section">
        <div className="gg-portal-section-head">
          <Typography.Text strong>{t('portal.detail.progress')}</Typography.Text>
        </div>
        <PublicTimeline
          testId="portal-timeline"
          steps={events.map((event) => ({
            key: String(event.seq),
            action: event.action,
            at: event.at,
            note: event.note,
            departmentName: event.departmentName,
            attachments: event.attachments,
          }))}
        />
      </section>
    </div>
  );
}


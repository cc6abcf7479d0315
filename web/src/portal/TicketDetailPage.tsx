/**
 * One of the resident's reports: what was reported, its public status and timeline; 评价 when
 * the ticket offers `rate`, 重新打开 (with a reason) when it offers `reopen`.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Image, Input, Rate, Result, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Ticket } from '@gridgov/contracts';
import { isApiError } from '../api/client';
import { ticketKeys } from '../api/keys';
import { portalApi, portalQueries } from '../api/portal';
import { ticketChanged } from '../api/tickets';
import { errorText, useFeedback } from '../app/feedback';
import { formatDateTime } from '../app/labels';
import { navigate } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { PUBLIC_STATUS_COLOR, publicStatusLabel } from './labels';
import { PORTAL_PATHS } from './paths';
import { PublicTimeline } from './PublicTimeline';

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
      {ticket.actions.includes('rate') && <RatePanel ticket={ticket} onDone={acted} onConflict={reload} />}
      {ticket.actions.includes('reopen') && <ReopenPanel ticket={ticket} onDone={acted} onConflict={reload} />}

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

interface ActionProps {
  ticket: Ticket;
  onDone: (ticket: Ticket) => void;
  /** Someone acted on the ticket meanwhile: load it again. */
  onConflict: () => void;
}

function RatePanel({ ticket, onDone, onConflict }: ActionProps) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [rating, setRating] = useState(0);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    setSaving(true);
    setError(null);
    try {
      const next = await portalApi.rate(ticket.id, { version: ticket.version, rating, note: note.trim() || undefined });
      feedback.success(t('portal.rate.thanks'));
      onDone(next);
    } catch (err) {
      setError(errorText(err, t));
      if (isApiError(err, 'TICKET_VERSION_CONFLICT', 'TICKET_TRANSITION_INVALID')) onConflict();
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="gg-portal-section" data-testid="portal-rate">
      <div className="gg-portal-section-head">
        <Typography.Text strong>{t('portal.rate.title')}</Typography.Text>
      </div>
      <Typography.Paragraph type="secondary">{t('portal.rate.hint')}</Typography.Paragraph>
      <div className="gg-portal-rate-row">
        <Rate value={rating} onChange={setRating} className="gg-portal-stars" data-testid="portal-rate-stars" />
        {rating > 0 && <Typography.Text>{t(`portal.rate.level${rating as 1 | 2 | 3 | 4 | 5}`)}</Typography.Text>}
      </div>
      <Input.TextArea
        value={note}
        onChange={(event) => setNote(event.target.value)}
        autoSize={{ minRows: 3, maxRows: 6 }}
        maxLength={1000}
        placeholder={t('portal.rate.notePlaceholder')}
        style={{ marginTop: 12 }}
        data-testid="portal-rate-note"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
      <Button type="primary" block size="large" disabled={rating === 0} loading={saving} onClick={() => void send()} style={{ marginTop: 12 }} data-testid="portal-rate-submit">
        {t('portal.rate.submit')}
      </Button>
    </section>
  );
}

function ReopenPanel({ ticket, onDone, onConflict }: ActionProps) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send() {
    setSaving(true);
    setError(null);
    try {
      const next = await portalApi.reopen(ticket.id, { version: ticket.version, note: reason.trim() });
      feedback.success(t('portal.reopen.done'));
      setOpen(false);
      onDone(next);
    } catch (err) {
      setError(errorText(err, t));
      if (isApiError(err, 'TICKET_VERSION_CONFLICT', 'TICKET_TRANSITION_INVALID')) onConflict();
    } finally {
      setSaving(false);
    }
  }

  const until = ticket.reopenUntil ? formatDateTime(ticket.reopenUntil, locale) : null;
  return (
    <section className="gg-portal-section" data-testid="portal-reopen">
      {!open ? (
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {until ? t('portal.reopen.until', { until }) : t('portal.reopen.hint')}
          </Typography.Paragraph>
          <Button block size="large" onClick={() => setOpen(true)} data-testid="portal-reopen-open">
            {t('portal.reopen.button')}
          </Button>
        </>
      ) : (
        <>
          <div className="gg-portal-section-head">
            <Typography.Text strong>{t('portal.reopen.title')}</Typography.Text>
          </div>
          <Input.TextArea
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={1000}
            placeholder={t('portal.reopen.placeholder')}
            data-testid="portal-reopen-reason"
          />
          {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} />}
          <div className="gg-portal-actions gg-portal-actions-row">
            <Button size="large" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="primary" danger size="large" disabled={!reason.trim()} loading={saving} onClick={() => void send()} data-testid="portal-reopen-submit">
              {t('portal.reopen.submit')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

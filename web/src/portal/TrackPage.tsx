/**
 * Following a report without an account: the tracking link, or the receipt number plus the
 * phone given with the report, shows its public status and timeline; once resolved, the
 * reporter rates or reopens it here as a resident with an account would. Without a token, the
 * lookup boxes and the reports filed from this device.
 */
import { Alert, Button, Empty, Input, Rate, Result, Spin, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { PublicTicket, PublicTicketAccess } from '@gridgov/contracts';
import { isApiError } from '../api/client';
import { ticketKeys } from '../api/keys';
import { portalApi, portalQueries } from '../api/portal';
import { errorText } from '../app/feedback';
import { formatDateTime } from '../app/labels';
import { navigate } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { PUBLIC_STATUS_COLOR, publicStatusLabel } from './labels';
import { PORTAL_PATHS, trackPath } from './paths';
import { PublicTimeline } from './PublicTimeline';
import { RatePanel, ReopenPanel } from './ReporterActions';
import { trackedReports } from './tracked';

/** The token from a pasted tracking link, or the text itself. */
function tokenOf(input: string): string {
  const text = input.trim();
  const marker = `${PORTAL_PATHS.track}/`;
  const at = text.indexOf(marker);
  if (at < 0) return text;
  const rest = text.slice(at + marker.length).split(/[?#&\s]/)[0] ?? '';
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/** The receipt number plus phone lookup; the answer is shown in place (the phone never goes into the address bar). */
function ReceiptLookup() {
  const { t } = useI18n();
  const [number, setNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [found, setFound] = useState<{ ticket: PublicTicket; access: PublicTicketAccess } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function lookUp() {
    const access = { number: number.trim(), phone: phone.trim() };
    setBusy(true);
    setError(null);
    try {
      setFound({ ticket: await portalApi.lookup(access), access });
    } catch (err) {
      setFound(null);
      setError(isApiError(err, 'NOT_FOUND', 'VALIDATION_FAILED') ? t('portal.track.receiptNotFound') : errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  if (found) {
    return (
      <>
        <PublicTicketView ticket={found.ticket} access={found.access} onChanged={(ticket) => setFound({ ...found, ticket })} />
        <section className="gg-portal-section">
          <Button block size="large" onClick={() => setFound(null)} data-testid="portal-receipt-again">
            {t('portal.track.again')}
          </Button>
        </section>
      </>
    );
  }
  return (
    <section className="gg-portal-section" data-testid="portal-receipt-lookup">
      <div className="gg-portal-section-head">
        <Typography.Text strong>{t('portal.track.receiptTitle')}</Typography.Text>
      </div>
      <Typography.Paragraph type="secondary">{t('portal.track.receiptHint')}</Typography.Paragraph>
      <Input size="large" value={number} onChange={(event) => setNumber(event.target.value)} placeholder={t('portal.track.receiptNumber')} maxLength={32} data-testid="portal-receipt-number" />
      <Input
        size="large"
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
        placeholder={t('portal.track.receiptPhone')}
        inputMode="tel"
        maxLength={20}
        style={{ marginTop: 8 }}
        data-testid="portal-receipt-phone"
      />
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="portal-receipt-error" />}
      <Button
        type="primary"
        block
        size="large"
        disabled={number.trim().length < 3 || phone.trim().length < 5}
        loading={busy}
        onClick={() => void lookUp()}
        style={{ marginTop: 12 }}
        data-testid="portal-receipt-go"
      >
        {t('portal.track.go')}
      </Button>
    </section>
  );
}

export function TrackLookupPage() {
  const { t, locale } = useI18n();
  const [value, setValue] = useState('');
  const [saved] = useState(trackedReports);
  const token = tokenOf(value);
  return (
    <div data-testid="portal-track-lookup">
      <ReceiptLookup />
      <section className="gg-portal-section">
        <div className="gg-portal-section-head">
          <Typography.Text strong>{t('portal.track.lookupTitle')}</Typography.Text>
        </div>
        <Typography.Paragraph type="secondary">{t('portal.track.lookupHint')}</Typography.Paragraph>
        <Input.TextArea
          value={value}
          onChange={(event) => setValue(event.target.value)}
          autoSize={{ minRows: 2, maxRows: 4 }}
          placeholder={t('portal.track.placeholder')}
          data-testid="portal-track-input"
        />
        <Button type="primary" block size="large" disabled={!token} onClick={() => navigate(trackPath(token))} style={{ marginTop: 12 }} data-testid="portal-track-go">
          {t('portal.track.go')}
        </Button>
      </section>
      <section className="gg-portal-section">
        <div className="gg-portal-section-head">
          <Typography.Text strong>{t('portal.track.device')}</Typography.Text>
        </div>
        {saved.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.track.deviceEmpty')} />
        ) : (
          <div className="gg-portal-list" data-testid="portal-track-saved">
            {saved.map((entry) => (
              <a key={entry.token} href={`#${trackPath(entry.token)}`} className="gg-portal-card gg-portal-card-row">
                <Typography.Text strong>{entry.number}</Typography.Text>
                <Typography.Text type="secondary">{formatDateTime(entry.createdAt, locale)}</Typography.Text>
              </a>
            ))}
          </div>
        )}
      </section>
    </div>
  );
}

export function TrackPage({ token }: { token: string }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const MISSING = ['NOT_FOUND', 'VALIDATION_FAILED'] as const;
  const tracked = useQuery({ ...portalQueries.tracked(token), meta: { handledCodes: MISSING } });
  const ticket = tracked.data ?? null;
  const missing = isApiError(tracked.error, ...MISSING);

  if (missing) {
    return (
      <Result
        status="404"
        title={t('portal.track.notFound')}
        subTitle={t('portal.track.notFoundHint')}
        extra={
          <Button type="primary" size="large" onClick={() => navigate(PORTAL_PATHS.track)}>
            {t('portal.track.again')}
          </Button>
        }
        data-testid="portal-track-missing"
      />
    );
  }
  if (!ticket) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  return <PublicTicketView ticket={ticket} access={{ token }} onChanged={(next) => client.setQueryData(ticketKeys.tracked(token), next)} />;
}

/** A report as its anonymous reporter sees it: status, what was reported, the public steps, and rating or reopening once resolved. */
function PublicTicketView({ ticket, access, onChanged }: { ticket: PublicTicket; access: PublicTicketAccess; onChanged: (ticket: PublicTicket) => void }) {
  const { t, locale } = useI18n();
  return (
    <div data-testid="portal-track" data-status={ticket.publicStatus}>
      <section className="gg-portal-section">
        <div className="gg-portal-section-head">
          <Typography.Text strong className="gg-portal-detail-category">
            {ticket.categoryName}
          </Typography.Text>
          <Tag color={PUBLIC_STATUS_COLOR[ticket.publicStatus]} className="gg-portal-status" data-testid="portal-track-status">
            {publicStatusLabel(t, ticket.publicStatus)}
          </Tag>
        </div>
        <Typography.Paragraph className="gg-portal-detail-text" data-testid="portal-track-description">
          {ticket.description}
        </Typography.Paragraph>
        <dl className="gg-portal-facts">
          <dt>{t('portal.detail.number')}</dt>
          <dd data-testid="portal-track-number">{ticket.number}</dd>
          <dt>{t('portal.detail.createdAt')}</dt>
          <dd>{formatDateTime(ticket.createdAt, locale)}</dd>
          {ticket.address && (
            <>
              <dt>{t('portal.detail.address')}</dt>
              <dd>{ticket.address}</dd>
            </>
          )}
        </dl>
      </section>
      {ticket.rating !== null && (
        <section className="gg-portal-section" data-testid="portal-track-rating">
          <div className="gg-portal-section-head">
            <Typography.Text strong>{t('portal.rate.mine')}</Typography.Text>
          </div>
          <Rate disabled value={ticket.rating} className="gg-portal-stars" />
        </section>
      )}
      {ticket.actions.includes('rate') && <RatePanel send={(rating, note) => portalApi.publicRate(access, rating, note).then(onChanged)} />}
      {ticket.actions.includes('reopen') && <ReopenPanel reopenUntil={ticket.reopenUntil} send={(note) => portalApi.publicReopen(access, note).then(onChanged)} />}
      <section className="gg-portal-section">
        <div className="gg-portal-section-head">
          <Typography.Text strong>{t('portal.detail.progress')}</Typography.Text>
        </div>
        <PublicTimeline
          testId="portal-track-timeline"
          steps={ticket.timeline.map((step, index) => ({
            key: `${index}-${step.at}`,
            action: step.action,
            at: step.at,
            note: step.note,
            departmentName: step.departmentName,
          }))}
        />
      </section>
    </div>
  );
}

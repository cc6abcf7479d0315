/**
 * Following a report without an account: the tracking link shows its public status and
 * timeline. Without a token, a box for the link (or its code) and the reports filed from
 * this device.
 */
import { Button, Empty, Input, Result, Spin, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { portalQueries } from '../api/portal';
import { formatDateTime } from '../app/labels';
import { navigate } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { PUBLIC_STATUS_COLOR, publicStatusLabel } from './labels';
import { PORTAL_PATHS, trackPath } from './paths';
import { PublicTimeline } from './PublicTimeline';
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

export function TrackLookupPage() {
  const { t, locale } = useI18n();
  const [value, setValue] = useState('');
  const [saved] = useState(trackedReports);
  const token = tokenOf(value);
  return (
    <div data-testid="portal-track-lookup">
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
  const { t, locale } = useI18n();
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

/** After submitting: the ticket number, and for anonymous reports the tracking link to keep. */
import { Button, Result, Typography } from 'antd';
import { navigate } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { ticketPath, trackPath } from './paths';
import type { Submitted } from './ReportPage';

function trackingUrl(token: string): string {
  return `${window.location.origin}${window.location.pathname}#${trackPath(token)}`;
}

export function SubmittedResult({ submitted, onAgain }: { submitted: Submitted; onAgain: () => void }) {
  const { t } = useI18n();
  const number = submitted.ticket.number;
  return (
    <Result
      status="success"
      className="gg-portal-result"
      title={t('portal.submitted.title')}
      subTitle={
        <>
          <div className="gg-portal-number">
            {t('portal.submitted.number')}
            <Typography.Text strong copyable={{ text: number }} data-testid="portal-submitted-number">
              {number}
            </Typography.Text>
          </div>
          <div>{submitted.kind === 'account' ? t('portal.submitted.accountHint') : t('portal.submitted.publicHint')}</div>
          {submitted.kind === 'public' && submitted.ticket.trackingToken && (
            <Typography.Paragraph
              className="gg-portal-link"
              copyable={{ text: trackingUrl(submitted.ticket.trackingToken) }}
              data-testid="portal-submitted-link"
            >
              {trackingUrl(submitted.ticket.trackingToken)}
            </Typography.Paragraph>
          )}
        </>
      }
      extra={
        <div className="gg-portal-actions">
          <Button
            type="primary"
            block
            size="large"
            data-testid="portal-submitted-view"
            onClick={() =>
              navigate(submitted.kind === 'account' ? ticketPath(submitted.ticket.id) : trackPath(submitted.ticket.trackingToken ?? ''))
            }
          >
            {t('portal.submitted.view')}
          </Button>
          <Button block size="large" onClick={onAgain} data-testid="portal-submitted-again">
            {t('portal.submitted.again')}
          </Button>
        </div>
      }
      data-testid="portal-submitted"
    />
  );
}

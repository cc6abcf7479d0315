/**
 * What a reporter does with a resolved report: rate it (评价), or reopen it with a reason
 * (重新打开). Shared by the signed-in resident's report page and the anonymous tracking page;
 * the page says how the answer is sent.
 */
import { Alert, Button, Input, Rate, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../api/client';
import { errorText, useFeedback } from '../app/feedback';
import { formatDateTime } from '../app/labels';
import { useI18n } from '../i18n/i18n';

interface ActionProps {
  /** Someone acted on the ticket meanwhile: load it again. */
  onConflict?: () => void;
}

/** Sends a reporter's action: the saving flag, the error to show, thanks on success, a reload on a conflict. */
function useReporterAction(onConflict: (() => void) | undefined, thanksKey: 'portal.rate.thanks' | 'portal.reopen.done') {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(action: () => Promise<void>): Promise<boolean> {
    setSaving(true);
    setError(null);
    try {
      await action();
      feedback.success(t(thanksKey));
      return true;
    } catch (err) {
      setError(errorText(err, t));
      if (isApiError(err, 'TICKET_VERSION_CONFLICT', 'TICKET_TRANSITION_INVALID')) onConflict?.();
      return false;
    } finally {
      setSaving(false);
    }
  }
  return { saving, error, run };
}

export function RatePanel({ send: sendRating, onConflict }: ActionProps & { send: (rating: number, note: string | undefined) => Promise<void> }) {
  const { t } = useI18n();
  const [rating, setRating] = useState(0);
  const [note, setNote] = useState('');
  const { saving, error, run } = useReporterAction(onConflict, 'portal.rate.thanks');
  const send = () => run(() => sendRating(rating, note.trim() || undefined));

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
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="portal-rate-error" />}
      <Button type="primary" block size="large" disabled={rating === 0} loading={saving} onClick={() => void send()} style={{ marginTop: 12 }} data-testid="portal-rate-submit">
        {t('portal.rate.submit')}
      </Button>
    </section>
  );
}

export function ReopenPanel({ reopenUntil, send: sendReopen, onConflict }: ActionProps & { reopenUntil: string | null; send: (note: string) => Promise<void> }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const { saving, error, run } = useReporterAction(onConflict, 'portal.reopen.done');
  const send = async () => {
    if (await run(() => sendReopen(reason.trim()))) setOpen(false);
  };

  const until = reopenUntil ? formatDateTime(reopenUntil, locale) : null;
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

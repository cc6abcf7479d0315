/**
 * 场所码登记 on the portal: a signed-in resident types a venue code or opens the address a
 * venue's QR code holds (`#/checkin/<code>`, which the console sends on to `#/portal/checkin/<code>`), sees the venue's name, checks in, and later
 * checks out. Checking in elsewhere closes the open check-in (the server's rule). Below, the
 * resident's own check-ins of the last 14 days; nobody else's are ever shown here.
 */
import { Alert, Button, Card, Empty, Form, Input, List, Result, Spin, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CheckinVenue } from '@gridgov/contracts';
import { errorText } from '../app/feedback';
import { formatDateTime } from '../app/labels';
import { navigate, useLocation } from '../app/router';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { enumLabel } from '../shared/labels';
import { checkinKeys, checkinsApi, codeFrom } from '../features/checkins/checkins-api';
import { venueCode } from '@gridgov/contracts';
import { loginPath } from './paths';

export default function CheckinPage({ code }: { code: string | null }) {
  const { t, locale } = useI18n();
  const { me } = useSession();
  const location = useLocation();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState(code ?? '');
  const [wanted, setWanted] = useState<string | null>(code ? codeFrom(code) : null);
  const [notice, setNotice] = useState<string | null>(null);
  /** A typed code that is not one (checked here with the API's own rule, before asking). */
  const [badCode, setBadCode] = useState(false);
  const resident = me?.role === 'resident';

  const venue = useQuery({ queryKey: [...checkinKeys.all, 'venue', wanted], queryFn: ({ signal }) => checkinsApi.venue(wanted!, signal), enabled: resident && wanted !== null, retry: false });
  const mine = useQuery({ queryKey: checkinKeys.mine, queryFn: ({ signal }) => checkinsApi.mine(signal), enabled: resident });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: checkinKeys.mine });
  const checkIn = useMutation({
    mutationFn: (v: CheckinVenue) => checkinsApi.checkIn(v.code),
    onSuccess: (c) => {
      setNotice(t('portal.checkin.done', { venue: c.venueName }));
      setWanted(null);
      setTyped('');
      refresh();
    },
  });
  const checkOut = useMutation({
    mutationFn: () => checkinsApi.checkOut(),
    onSuccess: (c) => {
      setNotice(t('portal.checkin.outDone', { venue: c.venueName }));
      refresh();
    },
  });

  if (!resident) {
    return (
      <Result
        status="info"
        title={t('portal.checkin.loginFirst')}
        extra={<Button type="primary" size="large" onClick={() => navigate(loginPath(location.path))} data-testid="portal-checkin-login">{t('portal.login')}</Button>}
        data-testid="portal-checkin-anonymous"
      />
    );
  }

  const current = mine.data?.current ?? null;
  const error = checkIn.error ?? checkOut.error ?? venue.error;
  return (
    <div data-testid="portal-checkin">
      {notice && <Alert type="success" showIcon className="gg-portal-block" title={notice} closable={{ onClose: () => setNotice(null) }} data-testid="portal-checkin-notice" />}
      {error != null && <Alert type="error" showIcon className="gg-portal-block" title={errorText(error, t)} data-testid="portal-checkin-error" />}
      {current && (
        <Card className="gg-portal-block" size="small" title={t('portal.checkin.current')} data-testid="portal-checkin-current">
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="portal-checkin-current-venue">{current.venueName}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('portal.checkin.since', { time: formatDateTime(current.checkedInAt, locale) })}</Typography.Paragraph>
          <Button block danger size="large" loading={checkOut.isPending} onClick={() => checkOut.mutate()} data-testid="portal-checkin-checkout">
            {t('portal.checkin.checkout')}
          </Button>
        </Card>
      )}
      <Card className="gg-portal-block" size="small">
        <Form layout="vertical" onFinish={() => {
            checkIn.reset();
            setNotice(null);
            const found = venueCode.safeParse(codeFrom(typed));
            setBadCode(!found.success);
            setWanted(found.success ? found.data : null);
          }}
        >
          <Form.Item label={t('portal.checkin.codeLabel')} validateStatus={badCode ? 'error' : undefined} help={badCode ? t('portal.checkin.codeInvalid') : undefined}>
            <Input value={typed} onChange={(e) => { setTyped(e.target.value); setBadCode(false); }} placeholder={t('portal.checkin.codePlaceholder')} autoCapitalize="characters" maxLength={200} data-testid="portal-checkin-code" />
          </Form.Item>
          <Button block size="large" htmlType="submit" disabled={!typed.trim()} data-testid="portal-checkin-find">{t('portal.checkin.find')}</Button>
        </Form>
        {venue.isFetching && <Spin style={{ display: 'block', marginTop: 12 }} />}
        {venue.data && wanted && (
          <div style={{ marginTop: 16 }} data-testid="portal-checkin-venue">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="portal-checkin-venue-name">{venue.data.name}</Typography.Title>
            {venue.data.address && <Typography.Text type="secondary">{venue.data.address}</Typography.Text>}
            <Button block type="primary" size="large" style={{ marginTop: 12 }} loading={checkIn.isPending} onClick={() => checkIn.mutate(venue.data)} data-testid="portal-checkin-confirm">
              {t('portal.checkin.confirm')}
            </Button>
          </div>
        )}
      </Card>
      <Card className="gg-portal-block" size="small" title={t('portal.checkin.recent')}>
        {mine.data && mine.data.recent.length === 0 ? (
          <Empty description={t('portal.checkin.none')} />
        ) : (
          <List
            loading={mine.isLoading}
            dataSource={mine.data?.recent ?? []}
            data-testid="portal-checkin-recent"
            renderItem={(c) => (
              <List.Item key={`${c.venueCode}-${c.checkedInAt}`}>
                <List.Item.Meta
                  title={c.venueName}
                  description={`${formatDateTime(c.checkedInAt, locale)} – ${c.checkedOutAt ? formatDateTime(c.checkedOutAt, locale) : t('portal.checkin.open')}`}
                />
                <Tag>{enumLabel(t, 'checkinSource', c.source)}</Tag>
              </List.Item>
            )}
          />
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>{t('portal.checkin.privacy')}</Typography.Paragraph>
      </Card>
    </div>
  );
}

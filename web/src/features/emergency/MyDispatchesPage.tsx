/**
 * A team member's phone page (`#/emergency/dispatches`): the dispatches under way that the reader
 * sees (a member: their teams'), each with where to go and the steps they may take (接令, 到达,
 * 完成), a map of the places, and the team's position reported from the phone — once on a tap,
 * and every two minutes while the page is open and sharing is on.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Empty, List, Space, Switch, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { DispatchAction, DispatchSummary } from '@gridgov/contracts';
import { ApiError, api } from '../../api/client';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { enumLabel } from '../../shared/labels';
import { emergencyApi, emergencyKeys } from './emergency-api';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));

const SHARE_EVERY_MS = 2 * 60_000;
const STEPS: readonly DispatchAction[] = ['acknowledge', 'arrive', 'complete'];

/** The phone's position, or why there is none. */
function currentPosition(): Promise<{ lng: number; lat: number }> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new Error('unavailable'));
    navigator.geolocation.getCurrentPosition((p) => resolve({ lng: p.coords.longitude, lat: p.coords.latitude }), reject, { enableHighAccuracy: true, timeout: 15_000, maximumAge: 30_000 });
  });
}

export default function MyDispatchesPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const [sharing, setSharing] = useState(true);
  const [lastShared, setLastShared] = useState<{ at: string; lng: number; lat: number } | null>(null);
  const [noPosition, setNoPosition] = useState(false);
  const dispatches = useQuery({ queryKey: emergencyKeys.dispatches, queryFn: () => emergencyApi.dispatches(), refetchInterval: 30_000 });
  const list = dispatches.data ?? [];
  const step = useMutation({
    mutationFn: ({ d, action }: { d: DispatchSummary; action: DispatchAction }) => emergencyApi.dispatchStep(d, action),
    onSuccess: () => client.invalidateQueries({ queryKey: emergencyKeys.dispatches }),
    onError: (error) => feedback.error(error),
  });
  // The teams on a dispatch the reader may step (a member's own): their positions come from this phone.
  const ownTeams = [...new Set(list.filter((d) => d.actions.some((a) => STEPS.includes(a as DispatchAction))).map((d) => d.teamId))];
  const share = useCallback(async (teamIds: readonly string[]) => {
    if (teamIds.length === 0) return;
    try {
      const at = await currentPosition();
      await Promise.all(teamIds.map((id) => api.post(`/emergency/teams/${id}/position`, at)));
      setNoPosition(false);
      setLastShared({ at: new Date().toISOString(), ...at });
    } catch (error) {
      if (error instanceof ApiError) feedback.error(error);
      else setNoPosition(true);
    }
  }, [feedback]);
  const teamsKey = ownTeams.join(',');
  useEffect(() => {
    if (!sharing || teamsKey === '') return;
    const teamIds = teamsKey.split(',');
    void share(teamIds);
    const timer = setInterval(() => void share(teamIds), SHARE_EVERY_MS);
    return () => clearInterval(timer);
  }, [sharing, teamsKey, share]);

  const points = [
    ...list.filter((d) => d.place).map((d) => ({ id: d.id, lon: d.place!.lng, lat: d.place!.lat, label: `${d.eventNo} ${d.taskTitle}`, color: '#cf1322' })),
    ...(lastShared ? [{ id: 'me', lon: lastShared.lng, lat: lastShared.lat, label: t('emergency.my.here'), color: '#1677ff' }] : []),
  ];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="my-dispatches">
      <Typography.Title level={4} style={{ margin: 0 }}>{t('emergency.my.title')}</Typography.Title>
      {ownTeams.length > 0 && (
        <Card size="small">
          <Space wrap>
            <Switch checked={sharing} onChange={setSharing} data-testid="my-dispatches-sharing" />
            <span>{t('emergency.my.share')}</span>
            <Button size="small" onClick={() => void share(ownTeams)} data-testid="my-dispatches-share-now">{t('emergency.my.shareNow')}</Button>
            {lastShared && <Typography.Text type="secondary" data-testid="my-dispatches-shared-at">{t('emergency.my.sharedAt', { at: formatDateTime(lastShared.at, locale) })}</Typography.Text>}
          </Space>
          {noPosition && <Alert style={{ marginTop: 8 }} type="warning" showIcon message={t('emergency.my.noPosition')} />}
        </Card>
      )}
      {points.length > 0 && (
        <Suspense fallback={null}>
          <PointsMap points={points} onOpen={() => undefined} testId="my-dispatches-map" height={220} />
        </Suspense>
      )}
      <List<DispatchSummary>
        loading={dispatches.isLoading}
        dataSource={list}
        locale={{ emptyText: <Empty description={t('emergency.my.none')} /> }}
        renderItem={(d) => (
          <Card size="small" style={{ marginBottom: 8 }} data-testid={`dispatch-${d.id}`} title={<span>{d.eventNo} · {d.taskTitle}</span>} extra={<Tag>{enumLabel(t, 'dispatchStatus', d.status)}</Tag>}>
            <div>{d.eventTitle} · {d.teamName}</div>
            {d.place && <div><Typography.Text type="secondary">{d.place.address ?? `${d.place.lng.toFixed(5)}, ${d.place.lat.toFixed(5)}`}</Typography.Text></div>}
            <div><Typography.Text type="secondary">{t('emergency.my.sentAt', { at: formatDateTime(d.dispatchedAt, locale) })}</Typography.Text></div>
            <Space style={{ marginTop: 8 }} wrap>
              {STEPS.filter((a) => d.actions.includes(a)).map((a) => (
                <Button key={a} type="primary" size="large" loading={step.isPending} onClick={() => step.mutate({ d, action: a })} data-testid={`dispatch-${a}`}>
                  {t(`emergency.dispatch.${a}`)}
                </Button>
              ))}
            </Space>
          </Card>
        )}
      />
    </Space>
  );
}

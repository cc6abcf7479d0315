/**
 * The supplies of one emergency event, for its command view: the requests made for it that the
 * reader sees (most urgent first), with units asked, allocated and issued, and their sites for the map.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Progress, Table } from 'antd';
import type { SupplyRequestSummary } from '@gridgov/contracts';
import { navigate } from '../../app/router';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import type { MapPoint } from '../../shared/map/PointsMap';
import { holds } from '../../shared/permissions';
import { suppliesApi, suppliesKeys } from './supplies-api';

/** The event's requests, when the reader may read requests at all. */
export function useEventRequests(eventId: string) {
  const me = useMe();
  const allowed = holds(['supplies:read', 'supplies:approve', 'supplies:request'], me.permissions);
  const params = { eventId, pageSize: 100 };
  return useQuery({ queryKey: suppliesKeys.requests(params), queryFn: ({ signal }) => suppliesApi.requests(params, signal), enabled: allowed && Boolean(eventId), refetchInterval: 30_000, meta: { silent: true } });
}

export const requestSitePoints = (requests: readonly SupplyRequestSummary[], label: (r: SupplyRequestSummary) => string): MapPoint[] =>
  requests.map((r) => ({ id: `request-${r.id}`, lon: r.lng, lat: r.lat, label: label(r), color: '#d48806' }));

export function EventSupplies({ requests }: { requests: readonly SupplyRequestSummary[] }) {
  const { t } = useI18n();
  const asked = requests.reduce((n, r) => n + r.totals.quantity, 0);
  const issued = requests.reduce((n, r) => n + r.totals.issued, 0);
  return (
    <Card size="small" title={t('supplies.event.title')} data-testid="emergency-supplies"
      extra={asked > 0 ? <Progress size="small" style={{ width: 140 }} percent={Math.round((issued / asked) * 100)} format={() => `${issued} / ${asked}`} /> : null}>
      <Table<SupplyRequestSummary> rowKey="id" size="small" pagination={false} dataSource={[...requests]} scroll={{ x: 'max-content' }} locale={{ emptyText: t('supplies.event.none') }}
        onRow={(r) => ({ onClick: () => navigate(`/supplies/requests?id=${r.id}`), style: { cursor: 'pointer' } })}
        columns={[
          { key: 'site', title: t('supplies.request.site'), dataIndex: 'siteName' },
          { key: 'status', title: t('supplies.status'), dataIndex: 'status', render: (s: SupplyRequestSummary['status']) => enumLabel(t, 'supplyRequestStatus', s) },
          { key: 'units', title: t('supplies.event.units'), render: (_: unknown, r) => `${r.totals.quantity} / ${r.totals.allocated} / ${r.totals.issued}` },
        ]} />
    </Card>
  );
}

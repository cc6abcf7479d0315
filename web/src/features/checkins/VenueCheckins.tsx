/**
 * A venue's check-ins on its record page, for `checkin:read`: asked for a purpose first (sent
 * with every read, audited by the server), then the last 14 days' check-ins, the people masked.
 */
import { Card, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { VenueCheckin } from '@gridgov/contracts';
import { formatDateTime } from '../../app/labels';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { PurposeGate } from '../../shared/purpose/PurposeGate';
import { purposeStore } from '../../shared/purpose/purpose';
import { checkinKeys, checkinsApi } from './checkins-api';

export const checkinPurpose = purposeStore('checkins');

function CheckinTable({ venueId }: { venueId: string }) {
  const { t, locale } = useI18n();
  const [page, setPage] = useState(1);
  const purpose = checkinPurpose.current();
  const list = useQuery({ queryKey: [...checkinKeys.all, 'venue', venueId, purpose, page], queryFn: ({ signal }) => checkinsApi.ofVenue(venueId, purpose, page, signal) });
  return (
    <Table<VenueCheckin>
      size="small"
      rowKey={(c) => `${c.checkedInAt}-${c.personMasked ?? ''}-${c.source}`}
      loading={list.isLoading}
      dataSource={list.data?.items ?? []}
      pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, size: 'small' }}
      data-testid="venue-checkins-table"
      columns={[
        { key: 'person', title: t('checkin.field.person'), render: (_v, c) => c.personMasked ?? t('checkin.documentOnly') },
        { key: 'in', title: t('checkin.field.in'), render: (_v, c) => formatDateTime(c.checkedInAt, locale) },
        { key: 'out', title: t('checkin.field.out'), render: (_v, c) => (c.checkedOutAt ? formatDateTime(c.checkedOutAt, locale) : t('portal.checkin.open')) },
        { key: 'source', title: t('checkin.field.source'), render: (_v, c) => <Tag>{enumLabel(t, 'checkinSource', c.source)}</Tag> },
      ]}
    />
  );
}

export function VenueCheckins({ venueId }: { venueId: string }) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('checkin.venueList')} style={{ marginBottom: 12 }} data-testid="venue-checkins">
      <PurposeGate store={checkinPurpose} testId="venue-checkins" introKey="checkin.purposeIntro">
        <CheckinTable venueId={venueId} />
      </PurposeGate>
    </Card>
  );
}

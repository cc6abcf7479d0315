/** 我的反映: the resident's own reports with their public status, in the order the server lists them. */
import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Empty, Segmented, Spin } from 'antd';
import { useState } from 'react';
import type { PublicStatus, Ticket } from '@gridgov/contracts';
import { portalQueries } from '../api/portal';
import { navigate } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { PORTAL_PATHS } from './paths';
import { TicketCard } from './TicketCard';

const PAGE_SIZE = 20;
type Filter = 'all' | 'open' | PublicStatus;

function matches(ticket: Ticket, filter: Filter): boolean {
  if (filter === 'all') return true;
  if (filter === 'open') return ticket.publicStatus === 'received' || ticket.publicStatus === 'in_progress';
  return ticket.publicStatus === filter;
}

export default function MyReportsPage() {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  const mine = useInfiniteQuery(portalQueries.mine(PAGE_SIZE));
  const items = mine.data ? mine.data.pages.flatMap((page) => page.items) : mine.isError ? [] : null;

  if (items === null) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const shown = items.filter((ticket) => matches(ticket, filter));
  return (
    <div data-testid="portal-mine">
      <Segmented<Filter>
        block
        value={filter}
        onChange={setFilter}
        className="gg-portal-block"
        options={[
          { value: 'all', label: t('portal.mine.all') },
          { value: 'open', label: t('portal.mine.open') },
          { value: 'resolved', label: t('portal.status.resolved') },
        ]}
        data-testid="portal-mine-filter"
      />
      {shown.length === 0 ? (
        <Empty description={items.length === 0 ? t('portal.mine.empty') : t('portal.mine.emptyFilter')} className="gg-portal-empty">
          {items.length === 0 && (
            <Button type="primary" size="large" onClick={() => navigate(PORTAL_PATHS.report)}>
              {t('portal.nav.report')}
            </Button>
          )}
        </Empty>
      ) : (
        <div className="gg-portal-list" data-testid="portal-mine-list">
          {shown.map((ticket) => (
            <TicketCard key={ticket.id} ticket={ticket} />
          ))}
        </div>
      )}
      {mine.hasNextPage && (
        <Button block size="large" loading={mine.isFetchingNextPage} onClick={() => void mine.fetchNextPage()} className="gg-portal-more">
          {t('portal.mine.more')}
        </Button>
      )}
    </div>
  );
}

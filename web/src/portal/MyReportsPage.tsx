/** 我的反映: the resident's own reports with their public status, in the order the server lists them. */
import { Button, Empty, Segmented, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { PublicStatus, Ticket } from '@gridgov/contracts';
import { portalApi } from '../api/portal';
import { useFeedback } from '../app/feedback';
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
  const feedback = useFeedback();
  const [items, setItems] = useState<Ticket[] | null>(null);
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [filter, setFilter] = useState<Filter>('all');

  const load = useCallback(
    (next: number, signal?: AbortSignal) => {
      setLoading(true);
      portalApi
        .mine(next, PAGE_SIZE, signal)
        .then((answer) => {
          setItems((prev) => (next === 1 ? answer.items : [...(prev ?? []), ...answer.items]));
          setTotal(answer.total);
          setPage(next);
        })
        .catch((err: unknown) => {
          feedback.error(err);
          if (!signal?.aborted) setItems((prev) => prev ?? []);
        })
        .finally(() => setLoading(false));
    },
    [feedback],
  );

  useEffect(() => {
    const controller = new AbortController();
    load(1, controller.signal);
    return () => controller.abort();
  }, [load]);

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
      {items.length < total && (
        <Button block size="large" loading={loading} onClick={() => load(page + 1)} className="gg-portal-more">
          {t('portal.mine.more')}
        </Button>
      )}
    </div>
  );
}

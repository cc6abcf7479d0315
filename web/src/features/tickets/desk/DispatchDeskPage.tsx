/**
 * 调度台: the command centre's desk. The queue (what waits at the operator's level) beside a map
 * of every open ticket in scope, coloured by status with emergencies ringed; counts by status
 * on top. Clicking a queue entry or a point opens the ticket. Read again every minute.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Statistic, Switch, Typography } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import type { Ticket } from '@gridgov/contracts';
import { ticketKeys } from '../../../api/keys';
import { ticketsApi } from '../../../api/tickets';
import { formatDateTime } from '../../../app/labels';
import { useI18n } from '../../../i18n/i18n';
import { TicketDrawer } from '../detail/TicketDrawer';
import { OPEN_STATUSES, STATUS_HEX, statusLabel } from '../shared/labels';
import { StatusTag, TicketBadges, TicketDue } from '../shared/TicketTags';
import { useOpenTicket } from '../shared/use-open-ticket';
import { useCategoryName } from '../shared/ticket-data';

// MapLibre is large: loaded with the map only.
const TicketMap = lazy(() => import('./TicketMap'));

const REFRESH_MS = 60_000;
const MAP_PAGE = 200;

interface DeskData {
  queue: Ticket[];
  queueTotal: number;
  open: Ticket[];
  truncated: boolean;
  at: string;
}

async function loadDesk(signal: AbortSignal): Promise<DeskData> {
  const [queue, ...byStatus] = await Promise.all([
    ticketsApi.list({ view: 'queue', pageSize: 50 }, signal),
    ...OPEN_STATUSES.map((status) => ticketsApi.list({ view: 'all', status, pageSize: MAP_PAGE }, signal)),
  ]);
  return {
    queue: queue.items,
    queueTotal: queue.total,
    open: byStatus.flatMap((page) => page.items),
    truncated: byStatus.some((page) => page.total > page.items.length),
    at: new Date().toISOString(),
  };
}

export default function DispatchDeskPage() {
  const { t, locale } = useI18n();
  const { openId, open, close } = useOpenTicket();
  const [emergencyOnly, setEmergencyOnly] = useState(false);
  const desk = useQuery({ queryKey: ticketKeys.desk(), queryFn: ({ signal }) => loadDesk(signal), refetchInterval: REFRESH_MS });
  const data = desk.data ?? null;
  const reload = () => void desk.refetch();
  const shown = useMemo(() => (data ? data.open.filter((ticket) => !emergencyOnly || ticket.emergency) : []), [data, emergencyOnly]);
  const queue = data ? data.queue.filter((ticket) => !emergencyOnly || ticket.emergency) : [];
  const count = (pick: (ticket: Ticket) => boolean) => data?.open.filter(pick).length ?? 0;

  return (
    <div data-testid="desk-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space orientation="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('menu.dispatchDesk')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('ticket.hint.desk')}</Typography.Text>
        </Space>
        <Space wrap>
          <Space size={6}>
            <Switch checked={emergencyOnly} onChange={setEmergencyOnly} data-testid="desk-emergency-only" />
            <Typography.Text>{t('ticket.desk.emergencyOnly')}</Typography.Text>
          </Space>
          {data && <Typography.Text type="secondary">{t('ticket.desk.updatedAt', { at: formatDateTime(data.at, locale) })}</Typography.Text>}
          <Button onClick={reload} data-testid="desk-refresh">
            {t('ticket.refresh')}
          </Button>
        </Space>
      </Space>

      <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="desk-stats">
        {OPEN_STATUSES.map((status) => (
          <Col key={status} xs={12} md={6} xl={3}>
            <Card size="small">
              <Statistic title={statusLabel(t, status)} value={count((ticket) => ticket.status === status)} styles={{ content: { color: STATUS_HEX[status] } }} />
            </Card>
          </Col>
        ))}
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic title={t('ticket.overdue')} value={count((ticket) => ticket.overdue)} styles={{ content: { color: '#cf1322' } }} />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic title={t('ticket.emergency')} value={count((ticket) => ticket.emergency)} styles={{ content: { color: '#cf1322' } }} />
          </Card>
        </Col>
        <Col xs={12} md={6} xl={3}>
          <Card size="small">
            <Statistic title={t('ticket.supervised')} value={count((ticket) => ticket.supervised)} />
          </Card>
        </Col>
      </Row>

      <Row gutter={12}>
        <Col xs={24} xl={9}>
          <Card
            size="small"
            title={t('ticket.desk.queue', { n: data?.queueTotal ?? 0 })}
            styles={{ body: { padding: 0, height: 600, overflow: 'auto' } }}
            data-testid="desk-queue"
          >
            {!data ? (
              <Spin style={{ display: 'block', margin: '80px auto' }} />
            ) : queue.length === 0 ? (
              <Empty style={{ marginTop: 80 }} description={t('ticket.desk.queueEmpty')} />
            ) : (
              queue.map((ticket) => <QueueEntry key={ticket.id} ticket={ticket} active={ticket.id === openId} onOpen={open} />)
            )}
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Card size="small" title={t('ticket.desk.map', { n: shown.length })} styles={{ body: { padding: 8 } }}>
            {data?.truncated && <Alert type="warning" showIcon title={t('ticket.desk.truncated', { n: MAP_PAGE })} style={{ marginBottom: 8 }} />}
            <Suspense fallback={<Spin style={{ display: 'block', margin: '120px auto' }} />}>
              {data ? <TicketMap tickets={shown} onOpen={open} height={584} /> : <Spin style={{ display: 'block', margin: '120px auto' }} />}
            </Suspense>
          </Card>
        </Col>
      </Row>
      {openId && <TicketDrawer id={openId} onClose={close} onOpenTicket={open} />}
    </div>
  );
}

function QueueEntry({ ticket, active, onOpen }: { ticket: Ticket; active: boolean; onOpen: (id: string) => void }) {
  const categoryName = useCategoryName();
  return (
    <div
      role="button"
      tabIndex={0}
      onClick={() => onOpen(ticket.id)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen(ticket.id);
      }}
      data-testid={`desk-queue-item-${ticket.id}`}
      style={{
        padding: '10px 12px',
        borderBottom: '1px solid #f0f0f0',
        borderInlineStart: `3px solid ${ticket.emergency ? '#ef4444' : STATUS_HEX[ticket.status]}`,
        background: active ? '#e6f0fb' : undefined,
        cursor: 'pointer',
      }}
    >
      <Space style={{ width: '100%', justifyContent: 'space-between' }} size={6}>
        <Space size={6}>
          <Typography.Text strong>{ticket.number}</Typography.Text>
          <StatusTag status={ticket.status} />
          <TicketBadges ticket={ticket} />
        </Space>
        <TicketDue ticket={ticket} />
      </Space>
      <div style={{ marginTop: 4 }}>
        <Typography.Text type="secondary">{categoryName(ticket)}</Typography.Text>
        {/* Where it is: the grid, or the region of a ticket filed outside any grid. */}
        {(ticket.gridName ?? ticket.regionName) && <Typography.Text type="secondary"> · {ticket.gridName ?? ticket.regionName}</Typography.Text>}
      </div>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '2px 0 0' }}>
        {ticket.description}
      </Typography.Paragraph>
    </div>
  );
}

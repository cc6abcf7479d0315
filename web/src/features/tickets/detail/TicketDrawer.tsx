/**
 * One ticket: its fields, the departments it was given to (lead and assisting, with their
 * status and due time), the full timeline, and the buttons of what the caller may do now. After
 * an action the ticket and its timeline are read again; when someone else acted first the
 * drawer reloads and says so.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Rate, Space, Spin, Table, Tag, Typography } from 'antd';
import type { DescriptionsProps, TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import type { Ticket } from '@gridgov/contracts';
import { ticketKeys } from '../../../api/keys';
import { ticketChanged, ticketQueries } from '../../../api/tickets';
import { useFeedback } from '../../../app/feedback';
import { formatDateTime } from '../../../app/labels';
import { useI18n } from '../../../i18n/i18n';
import { ActionModal } from './ActionModal';
import { Attachments } from '../shared/Attachments';
import { actionLabel, ASSIGNMENT_TAG, assignmentLabel, sourceLabel, type Transition } from '../shared/labels';
import { useCategories, useCategoryName } from '../shared/ticket-data';
import { TicketActions } from './TicketActions';
import { Countdown, LevelTag, StatusTag, TicketBadges, TicketDue } from '../shared/TicketTags';
import { TicketTimeline } from './TicketTimeline';
import { useEventCallback } from '../../../shared/hooks/use-event-callback';
import { holds, type Need } from '../../../shared/permissions';
import { useMe } from '../../../app/session';

const DISPUTE_READ: Need = ['dispute:read', 'dispute:write', 'dispute:manage', 'dispute:mediate'];

interface Props {
  id: string;
  onClose: () => void;
  /** Open another ticket (the one this was merged into). */
  onOpenTicket?: (id: string) => void;
}

type Assignment = Ticket['assignments'][number];

function answerText(value: unknown, yes: string, no: string): string {
  if (typeof value === 'boolean') return value ? yes : no;
  if (value === null || value === undefined || value === '') return '—';
  return String(value);
}

export function TicketDrawer({ id, onClose, onOpenTicket }: Props) {
  const { t, locale } = useI18n();
  const me = useMe();
  const categoryName = useCategoryName();
  const feedback = useFeedback();
  const client = useQueryClient();
  const categories = useCategories();
  const query = useQuery(ticketQueries.detail(id));
  const ticket = query.data ?? null;
  const [acting, setActing] = useState<Transition | null>(null);
  const [notice, setNotice] = useState<{ id: string; text: string } | null>(null);
  /** The ticket and its timeline, read again. */
  const load = () => void client.invalidateQueries({ queryKey: ticketKeys.detail(id) });

  // A ticket that cannot be read (gone, or out of scope) closes the drawer; the message bar says why.
  const failed = query.isError && !query.data;
  const close = useEventCallback(onClose);
  useEffect(() => {
    if (failed) close();
  }, [failed, close]);

  const category = ticket ? categories?.find((c) => c.id === ticket.categoryId) : undefined;
  const customItems: DescriptionsProps['items'] = ticket
    ? Object.entries(ticket.customFields).map(([key, value]) => ({
        key: `custom-${key}`,
        label: category?.customFields.find((f) => f.key === key)?.label ?? key,
        children: answerText(value, t('ticket.yes'), t('ticket.no')),
      }))
    : [];

  const items: DescriptionsProps['items'] = ticket
    ? [
        {
          key: 'number',
          label: t('ticket.field.number'),
          children: (
            <Typography.Text data-testid="ticket-detail-number" copyable={{ text: ticket.number }}>
              {ticket.number}
            </Typography.Text>
          ),
        },
        { key: 'category', label: t('ticket.field.category'), children: <span data-testid="ticket-detail-category">{categoryName(ticket)}</span> },
        { key: 'description', label: t('ticket.field.description'), span: 2, children: <span style={{ whiteSpace: 'pre-wrap' }}>{ticket.description}</span> },
        { key: 'address', label: t('ticket.field.address'), children: ticket.address ?? '—' },
        { key: 'grid', label: t('ticket.field.grid'), children: ticket.gridName ?? '—' },
        {
          key: 'point',
          label: t('ticket.field.point'),
          children: ticket.lon !== null && ticket.lat !== null ? `${ticket.lon.toFixed(6)}, ${ticket.lat.toFixed(6)}` : '—',
        },
        { key: 'region', label: t('ticket.field.region'), children: <span data-testid="ticket-detail-region">{ticket.regionName || '—'}</span> },
        { key: 'source', label: t('ticket.field.source'), children: sourceLabel(t, ticket.source) },
        ...(ticket.origin
          ? [
              {
                key: 'origin',
                label: t('ticket.field.origin'),
                // The number only; a reader who may read disputes opens it (the server still checks the scope).
                children: (
                  <span data-testid="ticket-detail-origin">
                    {t(`ticket.origin.${ticket.origin.type === 'dispute' ? 'dispute' : 'other'}`)}{' '}
                    {ticket.origin.type === 'dispute' && holds(DISPUTE_READ, me.permissions) ? <a href={`#/disputes?id=${ticket.origin.id}`}>{ticket.origin.number}</a> : ticket.origin.number}
                  </span>
                ),
              },
            ]
          : []),
        {
          key: 'reporter',
          label: t('ticket.field.reporter'),
          children: [ticket.reporterName, ticket.reporterPhoneMasked].filter(Boolean).join(' ') || '—',
        },
        { key: 'createdAt', label: t('ticket.field.createdAt'), children: formatDateTime(ticket.createdAt, locale) },
        { key: 'updatedAt', label: t('ticket.field.updatedAt'), children: formatDateTime(ticket.updatedAt, locale) },
        {
          key: 'dispatchDueAt',
          label: t('ticket.field.dispatchDueAt'),
          children: ticket.dispatchDueAt ? formatDateTime(ticket.dispatchDueAt, locale) : '—',
        },
        {
          key: 'handleDueAt',
          label: t('ticket.field.handleDueAt'),
          children: ticket.handleDueAt ? formatDateTime(ticket.handleDueAt, locale) : '—',
        },
        ...(ticket.closedAt ? [{ key: 'closedAt', label: t('ticket.field.closedAt'), children: formatDateTime(ticket.closedAt, locale) }] : []),
        ...(ticket.rating !== null
          ? [
              {
                key: 'rating',
                label: t('ticket.field.rating'),
                children: (
                  <Space>
                    <Rate disabled value={ticket.rating} style={{ fontSize: 14 }} />
                    {ticket.ratingComment}
                  </Space>
                ),
              },
            ]
          : []),
        ...(ticket.duplicateOf
          ? [
              {
                key: 'duplicateOf',
                label: t('ticket.field.duplicateOf'),
                children: (
                  <Typography.Link onClick={() => ticket.duplicateOf && onOpenTicket?.(ticket.duplicateOf)}>{t('ticket.openMerged')}</Typography.Link>
                ),
              },
            ]
          : []),
        ...customItems,
        ...(ticket.photos.length ? [{ key: 'photos', label: t('ticket.field.photos'), span: 2, children: <Attachments items={ticket.photos} /> }] : []),
      ]
    : [];

  const assignmentColumns: TableColumnsType<Assignment> = [
    { key: 'department', title: t('ticket.assign.department'), dataIndex: 'departmentName' },
    {
      key: 'role',
      title: t('ticket.assign.role'),
      width: 80,
      render: (_v, a) => <Tag color={a.lead ? 'blue' : undefined}>{a.lead ? t('ticket.lead') : t('ticket.assist')}</Tag>,
    },
    {
      key: 'status',
      title: t('ticket.assign.status'),
      width: 100,
      render: (_v, a) => <Tag color={ASSIGNMENT_TAG[a.status]}>{assignmentLabel(t, a.status)}</Tag>,
    },
    {
      key: 'due',
      title: t('ticket.assign.due'),
      width: 170,
      render: (_v, a) => (a.status === 'pending' || a.status === 'handling' ? <Countdown at={a.dueAt} /> : formatDateTime(a.dueAt, locale)),
    },
    { key: 'note', title: t('ticket.assign.note'), dataIndex: 'note', ellipsis: true, render: (note: string | null) => note ?? '—' },
  ];

  return (
    <Drawer
      open
      size={820}
      onClose={onClose}
      title={ticket ? t('ticket.detailTitle', { number: ticket.number }) : t('ticket.detail')}
      data-testid="ticket-detail"
      extra={
        ticket && (
          <Button size="small" onClick={load} data-testid="ticket-reload">
            {t('ticket.reload')}
          </Button>
        )
      }
    >
      {!ticket ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <div data-testid="ticket-detail-body" data-status={ticket.status} data-version={ticket.version}>
          <Space wrap size={8} style={{ marginBottom: 12 }}>
            <StatusTag status={ticket.status} />
            <LevelTag level={ticket.level} />
            <TicketBadges ticket={ticket} />
            <TicketDue ticket={ticket} quiet />
          </Space>
          {notice?.id === id && (
            <Alert
              type="warning"
              showIcon
              closable={{ onClose: () => setNotice(null) }}
              title={notice.text}
              description={t('ticket.reloaded')}
              style={{ marginBottom: 12 }}
              data-testid="ticket-conflict"
            />
          )}
          <div style={{ marginBottom: 16 }}>
            <TicketActions ticket={ticket} onAction={setActing} />
          </div>
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2 }} items={items} styles={{ label: { width: 110 } }} data-testid="ticket-detail-fields" />

          {ticket.assignments.length > 0 && (
            <>
              <Typography.Title level={5} style={{ marginTop: 20 }}>
                {t('ticket.assignments')}
              </Typography.Title>
              <Table<Assignment>
                rowKey="departmentId"
                size="small"
                pagination={false}
                columns={assignmentColumns}
                dataSource={ticket.assignments}
                data-testid="ticket-assignments"
              />
            </>
          )}

          <Typography.Title level={5} style={{ marginTop: 20 }}>
            {t('ticket.timeline')}
          </Typography.Title>
          <TicketTimeline ticketId={ticket.id} />
        </div>
      )}
      {ticket && acting && (
        <ActionModal
          key={acting}
          ticket={ticket}
          action={acting}
          onCancel={() => setActing(null)}
          onDone={(updated) => {
            feedback.success(t('ticket.actionDone', { action: actionLabel(t, acting) }));
            setActing(null);
            setNotice(null);
            void ticketChanged(client, updated);
          }}
          onStale={(message) => {
            // The dialog stays open with the error; the ticket behind it is read again.
            setNotice({ id: ticket.id, text: message });
            load();
          }}
        />
      )}
    </Drawer>
  );
}

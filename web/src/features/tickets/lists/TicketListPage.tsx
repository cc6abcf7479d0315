/**
 * A list of tickets for one view (my queue, all, overdue, supervised): filters, a server-paged
 * table with status, level, badges and the running due time, and the detail drawer of the
 * ticket in the URL. Read again every minute, and after every action taken in the drawer.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Form, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { TICKET_SORT_KEYS, TICKET_STATUSES, type Ticket, type TicketSortKey, type TicketStatus } from '@gridgov/contracts';
import { ticketQueries, ticketsApi, type TicketListParams, type TicketView } from '../../../api/tickets';
import { saveFile } from '../../../api/transfers';
import { useFeedback } from '../../../app/feedback';
import { formatDateTime } from '../../../app/labels';
import { serverPagination } from '../../../app/pagination';
import { navigate } from '../../../app/router';
import { useMe, useSession } from '../../../app/session';
import { useI18n, type MessageKey } from '../../../i18n/i18n';
import { GridSelect } from '../../../shared/fields/GridSelect';
import { RegionCodeInput } from '../../../shared/regions/RegionCodeInput';
import { sortableColumn, sortFromTable, type SortState } from '../../../shared/sorting';
import { TicketDrawer } from '../detail/TicketDrawer';
import { CategorySelect } from '../../../shared/fields/CategorySelect';
import { statusLabel } from '../shared/labels';
import { LevelTag, StatusTag, TicketBadges, TicketDue } from '../shared/TicketTags';
import { useOpenTicket } from '../shared/use-open-ticket';
import { useCategoryName } from '../shared/ticket-data';
import { BatchBar } from './BatchBar';

type Filters = Omit<TicketListParams, 'view' | 'page' | 'pageSize' | 'sort' | 'order'>;

interface FilterValues {
  q?: string;
  status?: TicketStatus;
  categoryId?: string;
  region?: string;
  gridId?: string;
}

function toFilters(values: FilterValues): Filters {
  return {
    q: values.q?.trim() || undefined,
    status: values.status || undefined,
    categoryId: values.categoryId || undefined,
    region: values.region && /^\d{12}$/.test(values.region) ? values.region : undefined,
    gridId: values.gridId || undefined,
  };
}

const REFRESH_MS = 60_000;

interface Props {
  view: TicketView;
  title: MessageKey;
  hint?: MessageKey;
  slug: string;
}

export function TicketListPage({ view, title, hint, slug }: Props) {
  const { t, locale } = useI18n();
  const me = useMe();
  const { can } = useSession();
  const { openId, open, close } = useOpenTicket();
  const categoryName = useCategoryName();
  const [form] = Form.useForm<FilterValues>();
  const region = Form.useWatch('region', form);
  const [filters, setFilters] = useState<Filters>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<Ticket[]>([]);
  const batchable = can('ticket:read') || can('ticket:handle');
  const [sorting, setSorting] = useState<SortState<TicketSortKey>>({ order: 'asc' });
  const gridScoped = me.scope.gridId !== null;
  const params: TicketListParams = { view, ...filters, ...(sorting.sort ? sorting : {}), ...paging };
  const query = useQuery({ ...ticketQueries.list(params), placeholderData: keepPreviousData, refetchInterval: REFRESH_MS });
  const list = query.data ?? null;
  const reload = () => void query.refetch();
  const feedback = useFeedback();
  const [exporting, setExporting] = useState(false);
  const exportList = async () => {
    setExporting(true);
    try {
      saveFile(await ticketsApi.exportList({ view, ...filters, ...(sorting.sort ? sorting : {}) }));
    } catch (err) {
      feedback.error(err);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<Ticket> = [
    {
      key: 'number',
      title: t('ticket.field.number'),
      width: 150,
      ...sortableColumn(sorting, 'number'),
      render: (_v, ticket) => (
        <Typography.Link onClick={() => open(ticket.id)} data-testid={`${slug}-open-${ticket.id}`} style={{ whiteSpace: 'nowrap' }}>
          {ticket.number}
        </Typography.Link>
      ),
    },
    { key: 'category', title: t('ticket.field.category'), width: 140, ...sortableColumn(sorting, 'category'), render: (_v, ticket) => categoryName(ticket) },
    {
      key: 'description',
      title: t('ticket.field.description'),
      dataIndex: 'description',
      ellipsis: true,
      render: (text: string, ticket) => (
        <div style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
          <TicketBadges ticket={ticket} />
          <span title={text} style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {text}
          </span>
        </div>
      ),
    },
    { key: 'status', title: t('ticket.field.status'), width: 100, ...sortableColumn(sorting, 'status'), render: (_v, ticket) => <StatusTag status={ticket.status} /> },
    { key: 'level', title: t('ticket.field.level'), width: 90, ...sortableColumn(sorting, 'level'), render: (_v, ticket) => <LevelTag level={ticket.level} /> },
    { key: 'due', title: t('ticket.field.due'), width: 190, ...sortableColumn(sorting, 'due'), render: (_v, ticket) => <TicketDue ticket={ticket} /> },
    { key: 'grid', title: t('ticket.field.grid'), dataIndex: 'gridName', width: 130, ellipsis: true, render: (name: string | null) => name ?? '—' },
    { key: 'createdAt', title: t('ticket.field.createdAt'), width: 170, ...sortableColumn(sorting, 'createdAt'), render: (_v, ticket) => formatDateTime(ticket.createdAt, locale) },
  ];

  return (
    <div data-testid={`${slug}-page`}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space orientation="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t(title)}
          </Typography.Title>
          {hint && <Typography.Text type="secondary">{t(hint)}</Typography.Text>}
        </Space>
        <Space>
          <Button onClick={reload} data-testid={`${slug}-refresh`}>
            {t('ticket.refresh')}
          </Button>
          {can('ticket:export') && (
            <Button onClick={() => void exportList()} loading={exporting} disabled={!list || list.total === 0} data-testid={`${slug}-export`}>
              {t('ticket.export')}
            </Button>
          )}
          {can('ticket:report') && (
            <Button type="primary" onClick={() => navigate('/tickets/new')} data-testid={`${slug}-create`}>
              {t('menu.ticketNew')}
            </Button>
          )}
        </Space>
      </Space>
      <Card>
        <Form<FilterValues>
          form={form}
          layout="inline"
          onFinish={(values) => {
            setFilters(toFilters(values));
            setPaging((current) => ({ ...current, page: 1 }));
          }}
          style={{ marginBottom: 16, rowGap: 8 }}
          data-testid={`${slug}-filters`}
        >
          <Form.Item name="q" label={t('ticket.filter.q')}>
            <Input allowClear placeholder={t('ticket.filter.qPlaceholder')} style={{ width: 220 }} data-testid={`${slug}-filter-q`} />
          </Form.Item>
          <Form.Item name="status" label={t('ticket.field.status')}>
            <Select<TicketStatus>
              allowClear
              placeholder={t('common.all')}
              options={TICKET_STATUSES.map((status) => ({ value: status, label: statusLabel(t, status) }))}
              style={{ width: 120 }}
              data-testid={`${slug}-filter-status`}
            />
          </Form.Item>
          <Form.Item name="categoryId" label={t('ticket.field.category')}>
            <CategorySelect allowClear placeholder={t('common.all')} style={{ width: 170 }} data-testid={`${slug}-filter-category`} />
          </Form.Item>
          {!gridScoped && (
            <>
              <Form.Item name="region" label={t('ticket.field.region')}>
                <RegionCodeInput allowClear style={{ width: 220 }} data-testid={`${slug}-filter-region`} />
              </Form.Item>
              <Form.Item name="gridId" label={t('ticket.field.grid')}>
                <GridSelect allowClear region={region} placeholder={t('common.all')} style={{ width: 200 }} data-testid={`${slug}-filter-grid`} />
              </Form.Item>
            </>
          )}
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid={`${slug}-search`}>
              {t('common.search')}
            </Button>
          </Form.Item>
          <Form.Item>
            <Button
              onClick={() => {
                form.resetFields();
                setFilters({});
                setPaging((current) => ({ ...current, page: 1 }));
              }}
            >
              {t('ticket.filter.reset')}
            </Button>
          </Form.Item>
        </Form>
        {batchable && <BatchBar slug={slug} selected={selected} onDone={() => setSelected([])} />}
        <div data-testid={`${slug}-table`}>
          <Table<Ticket>
            rowKey="id"
            {...(batchable
              ? {
                  rowSelection: {
                    selectedRowKeys: selected.map((s) => s.id),
                    onChange: (_keys: React.Key[], rows: Ticket[]) => setSelected(rows),
                    preserveSelectedRowKeys: false,
                    getCheckboxProps: (ticket: Ticket) => ({ 'data-testid': `${slug}-select-${ticket.id}`, 'aria-label': t('ticket.selectRow') }),
                  },
                }
              : {})}
            size="middle"
            columns={columns}
            dataSource={list?.items ?? []}
            loading={query.isFetching}
            scroll={{ x: 1100 }}
            onRow={(ticket) => ({ onClick: () => open(ticket.id), style: { cursor: 'pointer' } })}
            pagination={serverPagination(list, paging, (page, pageSize) => setPaging({ page, pageSize }), t)}
            onChange={(_pagination, _filters, sorter, extra) => {
              if (extra.action !== 'sort') return;
              setSorting(sortFromTable(TICKET_SORT_KEYS, sorter));
              setPaging((current) => ({ ...current, page: 1 }));
            }}
          />
        </div>
      </Card>
      {openId && <TicketDrawer id={openId} onClose={close} onOpenTicket={open} />}
    </div>
  );
}

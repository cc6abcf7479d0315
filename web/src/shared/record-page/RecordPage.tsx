/**
 * The page of a record kind, from its config: a server-paged list (or another view, such as a
 * map) with filters, the detail drawer, the create / edit form, delete and the config's own
 * buttons, each offered only to users whose permissions allow it. The open record and the view
 * live in the URL (`#/registers/residents?id=...&view=map`), so a link can open either.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Segmented, Space, Spin, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Suspense, useCallback, useMemo, useState } from 'react';
import { keyParams } from '../../api/keys';
import { useFeedback } from '../../app/feedback';
import { serverPagination } from '../../app/pagination';
import { navigate, useLocation } from '../../app/router';
import { pathWithQuery } from '../../app/routes';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { abilities, filtersFromUrl, filtersToQuery, rowActions, toolbarActions, visibleColumns, visibleFilters, type RowAction, type Viewer } from './derive';
import { FilterBar, type FilterValues } from './FilterBar';
import { RecordDetailDrawer } from './RecordDetailDrawer';
import { RecordFormDrawer } from './RecordFormDrawer';
import { RowActionButton } from './RowActionButton';
import type { ActionContext, FilterQuery, FormValues, RecordBase, RecordPageConfig, ToolbarActionSpec } from './types';

type Editing<R> = { record: R | null } | null;

export function RecordPage<R extends RecordBase, V extends FormValues>({ config }: { config: RecordPageConfig<R, V> }) {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const location = useLocation();
  const { slug, source } = config;
  const viewer = useMemo<Viewer>(() => ({ permissions: me.permissions, gridScoped: me.scope.gridId !== null }), [me]);
  const can = abilities(config, viewer);
  const filters = visibleFilters(config.filters, viewer);
  const actions = rowActions(config, viewer);
  const toolbar = toolbarActions(config.toolbar, viewer);
  const views = config.views ?? [];
  const view = views.find((candidate) => candidate.key === location.query.get('view')) ?? null;
  const detailId = location.query.get('id');

  const [filterForm] = Form.useForm<FilterValues>();
  // Links from elsewhere may open the list filtered: ?grid=<id>, ?building=<id>.
  const [initialFilters] = useState<FilterValues>(() => filtersFromUrl(config.filters, location.query));
  const [query, setQuery] = useState<FilterQuery>(() => filtersToQuery(filters, initialFilters));
  const [paging, setPaging] = useState({ page: 1, pageSize: config.pageSize ?? 20 });
  const [editing, setEditing] = useState<Editing<R>>(null);
  const [dialog, setDialog] = useState<ToolbarActionSpec | null>(null);

  const list = useQuery({
    queryKey: [...source.key, 'list', keyParams({ ...query, ...paging })],
    queryFn: ({ signal }) => source.list(query, paging, signal),
    enabled: view === null,
    placeholderData: keepPreviousData,
  });

  const setUrl = useCallback(
    (patch: { view?: string; id?: string }) => {
      const current = Object.fromEntries(location.query.entries());
      navigate(pathWithQuery(location.path, { ...current, ...patch }));
    },
    [location],
  );

  /** After a write: the record in place, its kind's lists and views read again. */
  const written = useCallback(
    async (change: { saved?: R; removedId?: string }) => {
      if (source.afterWrite) return source.afterWrite(client, change);
      if (change.saved) client.setQueryData([...source.key, 'detail', change.saved.id], change.saved);
      if (change.removedId) client.removeQueries({ queryKey: [...source.key, 'detail', change.removedId] });
      return client.invalidateQueries({ queryKey: source.key, predicate: (q) => q.queryKey[source.key.length] !== 'detail' });
    },
    [client, source],
  );

  function search(values: FilterValues) {
    setQuery(filtersToQuery(filters, values));
    setPaging((current) => ({ ...current, page: 1 }));
  }

  async function remove(record: R) {
    try {
      await source.remove?.(record);
      feedback.success(t('record.deleted', { name: config.recordName(record) }));
      if (detailId === record.id) setUrl({ id: undefined });
      await written({ removedId: record.id });
    } catch (err) {
      feedback.error(err);
    }
  }

  const actionContext: ActionContext<R> = {
    open: (id) => setUrl({ id }),
    edit: (record) => setEditing({ record }),
    refresh: () => written({}),
  };

  function run(action: RowAction<R>, record: R) {
    if (action.builtin === 'open') actionContext.open(record.id);
    else if (action.builtin === 'edit') actionContext.edit(record);
    else if (action.builtin === 'delete') void remove(record);
    else void Promise.resolve(action.run?.(record, actionContext)).catch((err: unknown) => feedback.error(err));
  }

  const columns: TableColumnsType<R> = [
    ...visibleColumns(config.columns({ t, locale, me }), viewer),
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 36 + 46 * actions.length,
      render: (_value, record) => (
        <Space size={0} onClick={(event) => event.stopPropagation()}>
          {actions
            .filter((action) => !action.when || action.when(record))
            .map((action) => (
              <RowActionButton
                key={action.key}
                action={action}
                record={record}
                name={config.recordName(record)}
                onRun={run}
                testId={`${slug}-${action.key}-${record.id}`}
                button={{ type: 'link', size: 'small' }}
              />
            ))}
        </Space>
      ),
    },
  ];

  const Dialog = dialog?.Dialog;
  const View = view?.Component;
  return (
    <div data-testid={`${slug}-page`}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space size="middle" wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t(config.title)}
          </Typography.Title>
          {views.length > 0 && (
            <Segmented<string>
              value={view?.key ?? 'list'}
              onChange={(next) => setUrl({ view: next === 'list' ? undefined : next })}
              options={[
                { value: 'list', label: <span data-testid={`${slug}-view-list`}>{t('record.view.list')}</span> },
                ...views.map((each) => ({ value: each.key, label: <span data-testid={`${slug}-view-${each.key}`}>{t(each.label)}</span> })),
              ]}
            />
          )}
        </Space>
        <Space wrap>
          {toolbar.map((action) => (
            <Button
              key={action.key}
              onClick={() => (action.Dialog ? setDialog(action) : action.run?.({ query }))}
              data-testid={`${slug}-${action.key}`}
            >
              {t(action.label)}
            </Button>
          ))}
          {can.create && (
            <Button type="primary" onClick={() => setEditing({ record: null })} data-testid={`${slug}-create`}>
              {t('record.create')}
            </Button>
          )}
        </Space>
      </Space>

      <Card>
        <FilterBar slug={slug} filters={filters} form={filterForm} initialValues={initialFilters} onSearch={search} />
        {View ? (
          <Suspense fallback={<Spin style={{ display: 'block', margin: '120px auto' }} />}>
            <View
              query={query}
              slug={slug}
              open={(id) => setUrl({ id })}
              filterList={(values) => {
                filterForm.setFieldsValue(values);
                search({ ...filterForm.getFieldsValue(), ...values });
                setUrl({ view: undefined });
              }}
            />
          </Suspense>
        ) : (
          <div data-testid={`${slug}-table`}>
            <Table<R>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list.data?.items ?? []}
              loading={list.isFetching}
              scroll={{ x: 'max-content' }}
              onRow={(record) => ({ onClick: () => setUrl({ id: record.id }), style: { cursor: 'pointer' } })}
              pagination={serverPagination(list.data, paging, (page, pageSize) => setPaging({ page, pageSize }), t)}
            />
          </div>
        )}
      </Card>

      {detailId && (
        <RecordDetailDrawer
          key={detailId}
          config={config}
          id={detailId}
          viewer={viewer}
          canWrite={can.update}
          actions={actions}
          onAction={run}
          onClose={() => setUrl({ id: undefined })}
          onChanged={(record) => void written({ saved: record })}
        />
      )}
      {editing && (
        <RecordFormDrawer
          key={editing.record?.id ?? 'new'}
          config={config}
          record={editing.record}
          onClose={() => setEditing(null)}
          onSaved={(saved, created) => {
            feedback.success(t(created ? 'record.created' : 'record.updated', { name: config.recordName(saved) }));
            setEditing(null);
            void written({ saved });
            if (created) setUrl({ id: saved.id });
          }}
        />
      )}
      {Dialog && <Dialog query={query} total={list.data?.total ?? null} onClose={() => setDialog(null)} />}
    </div>
  );
}

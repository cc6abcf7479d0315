/**
 * The page of one register: a server-paged list (or a map) with filters, the detail drawer, the
 * create / edit form, soft delete, and the import and export entries. Buttons follow the user's
 * permissions; the open record and the view live in the URL (#/registers/residents?id=...).
 */
import { Button, Card, Form, Popconfirm, Segmented, Space, Spin, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import type { RegisterKind } from '@gridgov/contracts';
import { useFeedback } from '../../../app/feedback';
import { serverPagination } from '../../../app/pagination';
import { navigate, useLocation } from '../../../app/router';
import { pathWithQuery } from '../../../app/routes';
import { useSession } from '../../../app/session';
import { registersApi, type RegisterFilters, type RegisterRecord } from '../../../api/registers';
import type { Page } from '../../../api/types';
import { useI18n } from '../../../i18n/i18n';
import { ExportModal } from './ExportModal';
import { RecordDrawer } from './RecordDrawer';
import { RegisterFilterForm, toFilters, type FilterValues } from './RegisterFilterForm';
import type { RegisterConfig } from './register-config';

// MapLibre is large: loaded only when the map is opened.
const RegisterMap = lazy(() => import('../map/RegisterMap'));

type Editing<K extends RegisterKind> = { record: RegisterRecord<K> | null } | null;

export function RegisterPage<K extends RegisterKind>({ config }: { config: RegisterConfig<K> }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const feedback = useFeedback();
  const location = useLocation();
  const { kind, slug, Form: RecordForm } = config;
  const canWrite = can('register:write');
  const view = config.map && location.query.get('view') === 'map' ? 'map' : 'list';
  const detailId = location.query.get('id');

  const [filterForm] = Form.useForm<FilterValues>();
  // Links from elsewhere may open the list filtered: ?grid=<id>, ?building=<id>.
  const [initialFilters] = useState<FilterValues>(() => ({
    gridId: location.query.get('grid') ?? undefined,
    buildingId: location.query.get('building') ?? undefined,
  }));
  const [filters, setFilters] = useState<RegisterFilters>(() => toFilters(initialFilters));
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [list, setList] = useState<Page<RegisterRecord<K>> | null>(null);
  const [loading, setLoading] = useState(false);
  const [reloadKey, setReloadKey] = useState(0);
  const [editing, setEditing] = useState<Editing<K>>(null);
  const [updated, setUpdated] = useState<RegisterRecord<K> | null>(null);
  const [exporting, setExporting] = useState(false);

  const setQuery = useCallback(
    (patch: { view?: string; id?: string }) => {
      const current = Object.fromEntries(location.query.entries());
      navigate(pathWithQuery(location.path, { ...current, ...patch }));
    },
    [location],
  );

  useEffect(() => {
    if (view !== 'list') return;
    const controller = new AbortController();
    setLoading(true);
    registersApi
      .list(kind, { ...filters, ...paging }, controller.signal)
      .then(setList)
      .catch((err: unknown) => feedback.error(err))
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [kind, view, filters, paging, reloadKey, feedback]);

  const reload = () => setReloadKey((key) => key + 1);

  function search(values: FilterValues) {
    setFilters(toFilters(values));
    setPaging((current) => ({ ...current, page: 1 }));
  }

  async function remove(record: RegisterRecord<K>) {
    try {
      await registersApi.remove(kind, record.id);
      feedback.success(t('reg.deleted', { name: config.recordName(record) }));
      if (detailId === record.id) setQuery({ id: undefined });
      reload();
    } catch (err) {
      feedback.error(err);
    }
  }

  const columns: TableColumnsType<RegisterRecord<K>> = [
    ...config.columns({ t, locale }),
    { key: 'grid', title: t('reg.grid'), dataIndex: 'gridName', ellipsis: true },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: canWrite ? 170 : 80,
      render: (_value, record) => (
        <Space size={0} onClick={(event) => event.stopPropagation()}>
          <Button type="link" size="small" onClick={() => setQuery({ id: record.id })} data-testid={`${slug}-open-${record.id}`}>
            {t('reg.detail')}
          </Button>
          {canWrite && (
            <>
              <Button type="link" size="small" onClick={() => setEditing({ record })} data-testid={`${slug}-edit-${record.id}`}>
                {t('common.edit')}
              </Button>
              <Popconfirm
                title={t('reg.deleteConfirm', { name: config.recordName(record) })}
                description={t('reg.deleteHint')}
                okButtonProps={{ danger: true }}
                onConfirm={() => remove(record)}
              >
                <Button type="link" size="small" danger data-testid={`${slug}-delete-${record.id}`}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div data-testid={`${slug}-page`}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space size="middle" wrap>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t(config.title)}
          </Typography.Title>
          {config.map && (
            <Segmented<'list' | 'map'>
              value={view}
              onChange={(next) => setQuery({ view: next === 'map' ? 'map' : undefined })}
              options={[
                { value: 'list', label: <span data-testid={`${slug}-view-list`}>{t('reg.view.list')}</span> },
                { value: 'map', label: <span data-testid={`${slug}-view-map`}>{t('reg.view.map')}</span> },
              ]}
            />
          )}
        </Space>
        <Space wrap>
          {can('register:import') && (
            <Button onClick={() => navigate(pathWithQuery('/registers/imports', { register: kind }))} data-testid={`${slug}-import`}>
              {t('reg.import')}
            </Button>
          )}
          {can('register:export') && (
            <Button onClick={() => setExporting(true)} data-testid={`${slug}-export`}>
              {t('reg.export')}
            </Button>
          )}
          {canWrite && (
            <Button type="primary" onClick={() => setEditing({ record: null })} data-testid={`${slug}-create`}>
              {t('reg.create')}
            </Button>
          )}
        </Space>
      </Space>

      <Card>
        <RegisterFilterForm
          slug={slug}
          filters={config.filters}
          searchPlaceholder={config.searchPlaceholder}
          form={filterForm}
          initialValues={initialFilters}
          onSearch={search}
        />
        {view === 'map' && config.map ? (
          <Suspense fallback={<Spin style={{ display: 'block', margin: '120px auto' }} />}>
            <RegisterMap
              kind={kind}
              mode={config.map}
              filters={filters}
              slug={slug}
              reloadKey={reloadKey}
              onOpen={(id) => setQuery({ id })}
              onGrid={(gridId) => {
                filterForm.setFieldsValue({ gridId });
                search({ ...filterForm.getFieldsValue(), gridId });
                setQuery({ view: undefined });
              }}
            />
          </Suspense>
        ) : (
          <div data-testid={`${slug}-table`}>
            <Table<RegisterRecord<K>>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={list?.items ?? []}
              loading={loading}
              scroll={{ x: 'max-content' }}
              onRow={(record) => ({ onClick: () => setQuery({ id: record.id }), style: { cursor: 'pointer' } })}
              pagination={serverPagination(list, paging, (page, pageSize) => setPaging({ page, pageSize }), t)}
            />
          </div>
        )}
      </Card>

      {detailId && (
        <RecordDrawer
          config={config}
          id={detailId}
          canWrite={canWrite}
          updated={updated}
          onClose={() => setQuery({ id: undefined })}
          onEdit={(record) => setEditing({ record })}
          onDelete={remove}
          onChanged={(record) => {
            setUpdated(record);
            reload();
          }}
        />
      )}
      {editing && (
        <RecordForm
          key={editing.record?.id ?? 'new'}
          record={editing.record}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            feedback.success(editing.record ? t('reg.updated', { name: config.recordName(saved) }) : t('reg.created', { name: config.recordName(saved) }));
            setEditing(null);
            setUpdated(saved);
            reload();
            if (!editing.record) setQuery({ id: saved.id });
          }}
        />
      )}
      {exporting && (
        <ExportModal
          kind={kind}
          filters={filters}
          total={list?.total ?? null}
          hasPersonalData={config.unmask.length > 0}
          onClose={() => setExporting(false)}
        />
      )}
    </div>
  );
}

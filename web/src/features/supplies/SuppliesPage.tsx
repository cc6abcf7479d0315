/** 应急物资: warehouses (map and list), stock by item with alerts, expiring lots, the stock card, moves and counts, as tabs. */
import { Button, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { ADJUST_REASONS, MOVE_KINDS, WAREHOUSE_KINDS, type StockCount, type StockMove, type StockRow, type Warehouse, type WarehouseRequest } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { navigate, useLocation } from '../../app/router';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel, enumOptions } from '../../shared/labels';
import { holds } from '../../shared/permissions';
import { suppliesApi, suppliesKeys } from './supplies-api';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));

function useManages(): boolean {
  const me = useMe();
  return holds('supplies:manage', me.permissions) && !me.scope.gridId;
}

function useWarehouses() {
  return useQuery({ queryKey: suppliesKeys.warehouses, queryFn: ({ signal }) => suppliesApi.warehouses(signal) });
}

function useItems() {
  return useQuery({ queryKey: suppliesKeys.items, queryFn: ({ signal }) => suppliesApi.items(signal), staleTime: 600_000 });
}

function useItemOptions() {
  const items = useItems();
  return (items.data ?? []).filter((i) => i.level === 4).map((i) => ({ value: i.code, label: `${i.code} ${i.name}${i.source === 'local' ? ' *' : ''}` }));
}

function WarehousesTab() {
  const { t } = useI18n();
  const me = useMe();
  const manages = useManages();
  const feedback = useFeedback();
  const client = useQueryClient();
  const list = useWarehouses();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<WarehouseRequest>();
  const refresh = () => client.invalidateQueries({ queryKey: suppliesKeys.all });
  const create = useMutation({
    mutationFn: (v: WarehouseRequest) => suppliesApi.createWarehouse(v),
    onSuccess: async () => { feedback.success(t('supplies.saved')); setAdding(false); await refresh(); },
    onError: (e) => feedback.error(e),
  });
  const reserve = useMutation({
    mutationFn: (id: string) => suppliesApi.reserveList(id),
    onSuccess: async () => { feedback.success(t('supplies.reserveApplied')); await refresh(); },
    onError: (e) => feedback.error(e),
  });
  const points = (list.data ?? []).map((w) => ({ id: w.id, lon: w.lng, lat: w.lat, label: w.name, highlight: w.lowItems > 0 || w.expiringLots > 0 }));
  return (
    <>
      <Suspense fallback={null}>
        <PointsMap points={points} onOpen={(id) => navigate(`/supplies?tab=stock&warehouseId=${id}`)} testId="supplies-map" height={320} />
      </Suspense>
      {manages && (
        <Button type="primary" style={{ margin: '12px 0' }} data-testid="supplies-warehouse-add" onClick={() => { form.setFieldsValue({ regionCode: me.scope.regionCode, kind: 'government', capacityM3: 100, expiryAlertDays: 30 }); setAdding(true); }}>
          {t('supplies.warehouse.add')}
        </Button>
      )}
      <Table<Warehouse>
        rowKey="id" size="small" loading={list.isLoading} dataSource={list.data ?? []} pagination={false} data-testid="supplies-warehouses"
        columns={[
          { key: 'name', title: t('supplies.warehouse.name'), dataIndex: 'name' },
          { key: 'kind', title: t('supplies.warehouse.kind'), dataIndex: 'kind', render: (k: string) => enumLabel(t, 'warehouseKind', k) },
          { key: 'region', title: t('supplies.region'), dataIndex: 'regionName', responsive: ['md'] },
          { key: 'capacity', title: t('supplies.warehouse.capacity'), dataIndex: 'capacityM3', responsive: ['lg'] },
          { key: 'items', title: t('supplies.warehouse.items'), dataIndex: 'items' },
          {
            key: 'alerts', title: t('supplies.alerts'),
            render: (_: unknown, w) => (
              <Space size={4}>
                {w.lowItems > 0 && <Tag color="red">{t('enum.levelAlert.low')} {w.lowItems}</Tag>}
                {w.highItems > 0 && <Tag color="orange">{t('enum.levelAlert.high')} {w.highItems}</Tag>}
                {w.expiringLots > 0 && <Tag color="gold">{t('supplies.expiring')} {w.expiringLots}</Tag>}
              </Space>
            ),
          },
          {
            key: 'actions', title: '',
            render: (_: unknown, w) => (
              <Space>
                <Button size="small" onClick={() => navigate(`/supplies?tab=stock&warehouseId=${w.id}`)}>{t('supplies.tab.stock')}</Button>
                {manages && <Button size="small" loading={reserve.isPending} onClick={() => reserve.mutate(w.id)} data-testid={`supplies-reserve-${w.id}`}>{t('supplies.reserveList')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      {adding && (
        <Modal open title={t('supplies.warehouse.add')} onCancel={() => setAdding(false)} onOk={() => form.submit()} confirmLoading={create.isPending}>
          <Form form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
            <Form.Item name="name" label={t('supplies.warehouse.name')} rules={[{ required: true, whitespace: true }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="kind" label={t('supplies.warehouse.kind')} rules={[{ required: true }]}><Select options={enumOptions(t, 'warehouseKind', WAREHOUSE_KINDS)} /></Form.Item>
            <Form.Item name="regionCode" label={t('supplies.region')} rules={[{ required: true, pattern: /^\d{12}$/ }]}><Input maxLength={12} /></Form.Item>
            <Form.Item name="address" label={t('supplies.address')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
            <Space>
              <Form.Item name="lng" label={t('supplies.lng')} rules={[{ required: true }]}><InputNumber min={73} max={136} step={0.0001} /></Form.Item>
              <Form.Item name="lat" label={t('supplies.lat')} rules={[{ required: true }]}><InputNumber min={3} max={54} step={0.0001} /></Form.Item>
            </Space>
            <Space>
              <Form.Item name="capacityM3" label={t('supplies.warehouse.capacity')} rules={[{ required: true }]}><InputNumber min={0} /></Form.Item>
              <Form.Item name="expiryAlertDays" label={t('supplies.warehouse.expiryAlertDays')}><InputNumber min={1} max={365} precision={0} /></Form.Item>
            </Space>
          </Form>
        </Modal>
      )}
    </>
  );
}

type MoveKindForm = 'receipt' | 'issue' | 'adjust' | 'transfer';

function MoveModal({ row, kind, onClose }: { row: StockRow; kind: MoveKindForm; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const warehouses = useWarehouses();
  const lots = useQuery({ queryKey: suppliesKeys.lots({ warehouseId: row.warehouseId, itemCode: row.itemCode }), queryFn: ({ signal }) => suppliesApi.lots({ warehouseId: row.warehouseId, itemCode: row.itemCode, pageSize: 200 }, signal) });
  const [form] = Form.useForm<Record<string, string | number | undefined>>();
  const save = useMutation({
    mutationFn: (v: Record<string, string | number | undefined>) => {
      const base = { itemCode: row.itemCode, quantity: Number(v.quantity), ...(v.note ? { note: String(v.note) } : {}) };
      if (kind === 'receipt') return suppliesApi.receive(row.warehouseId, { ...base, lotNo: String(v.lotNo), ...(v.expiresOn ? { expiresOn: String(v.expiresOn) } : {}) });
      if (kind === 'issue') return suppliesApi.issue(row.warehouseId, { ...base, ...(v.lotId ? { lotId: String(v.lotId) } : {}) });
      if (kind === 'transfer') return suppliesApi.transfer(row.warehouseId, { ...base, toWarehouseId: String(v.toWarehouseId), ...(v.lotId ? { lotId: String(v.lotId) } : {}) });
      return suppliesApi.adjust(row.warehouseId, { lotId: String(v.lotId), delta: Number(v.delta), reason: v.reason as 'lost', ...(v.note ? { note: String(v.note) } : {}) });
    },
    onSuccess: async () => { feedback.success(t('supplies.saved')); onClose(); await client.invalidateQueries({ queryKey: suppliesKeys.all }); },
    onError: (e) => feedback.error(e),
  });
  const lotOptions = (lots.data?.items ?? []).map((l) => ({ value: l.id, label: `${l.lotNo} (${l.quantity}${l.expiresOn ? `, ${l.expiresOn}` : ''})` }));
  return (
    <Modal open title={`${t(`supplies.move.${kind}`)} · ${row.warehouseName} · ${row.itemName}`} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending}>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        {kind === 'receipt' && <Form.Item name="lotNo" label={t('supplies.lotNo')} rules={[{ required: true, whitespace: true }]}><Input maxLength={60} /></Form.Item>}
        {kind === 'receipt' && <Form.Item name="expiresOn" label={t('supplies.expiresOn')} rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/ }]}><Input placeholder="2027-12-31" maxLength={10} /></Form.Item>}
        {kind === 'transfer' && (
          <Form.Item name="toWarehouseId" label={t('supplies.toWarehouse')} rules={[{ required: true }]}>
            <Select options={(warehouses.data ?? []).filter((w) => w.id !== row.warehouseId).map((w) => ({ value: w.id, label: w.name }))} />
          </Form.Item>
        )}
        {kind !== 'receipt' && <Form.Item name="lotId" label={t('supplies.lot')} rules={[{ required: kind === 'adjust' }]}><Select allowClear options={lotOptions} placeholder={t('supplies.fefo')} /></Form.Item>}
        {kind === 'adjust' ? (
          <>
            <Form.Item name="delta" label={t('supplies.delta')} rules={[{ required: true }]}><InputNumber precision={0} /></Form.Item>
            <Form.Item name="reason" label={t('supplies.reason')} rules={[{ required: true }]}><Select options={enumOptions(t, 'adjustReason', ADJUST_REASONS.filter((r) => r !== 'count'))} /></Form.Item>
          </>
        ) : (
          <Form.Item name="quantity" label={t('supplies.quantity')} rules={[{ required: true }]}><InputNumber min={1} precision={0} /></Form.Item>
        )}
        <Form.Item name="note" label={t('supplies.note')}><Input maxLength={500} /></Form.Item>
      </Form>
    </Modal>
  );
}

function StockTab() {
  const { t } = useI18n();
  const location = useLocation();
  const manages = useManages();
  const warehouses = useWarehouses();
  const itemOptions = useItemOptions();
  const [warehouseId, setWarehouseId] = useState<string | undefined>(location.query.get('warehouseId') ?? undefined);
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [view, setView] = useState<'all' | 'low' | 'high' | 'alert'>('all');
  const [page, setPage] = useState(1);
  const [moving, setMoving] = useState<{ row: StockRow; kind: MoveKindForm } | null>(null);
  const params = { warehouseId, itemCode, view, page, pageSize: 50 };
  const stock = useQuery({ queryKey: suppliesKeys.stock(params), queryFn: ({ signal }) => suppliesApi.stock(params, signal) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 220 }} placeholder={t('supplies.warehouse')} value={warehouseId} onChange={(v) => { setWarehouseId(v); setPage(1); }} options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))} />
        <Select allowClear showSearch optionFilterProp="label" style={{ width: 240 }} placeholder={t('supplies.item')} value={itemCode} onChange={(v) => { setItemCode(v); setPage(1); }} options={itemOptions} />
        <Select style={{ width: 140 }} value={view} onChange={(v) => { setView(v); setPage(1); }} options={(['all', 'low', 'high', 'alert'] as const).map((v) => ({ value: v, label: t(`supplies.view.${v}`) }))} data-testid="supplies-stock-view" />
      </Space>
      <Table<StockRow>
        rowKey={(r) => `${r.warehouseId}:${r.itemCode}`} size="small" loading={stock.isLoading} dataSource={stock.data?.items ?? []} data-testid="supplies-stock"
        pagination={{ current: page, pageSize: 50, total: stock.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { key: 'warehouse', title: t('supplies.warehouse'), dataIndex: 'warehouseName' },
          { key: 'item', title: t('supplies.item'), render: (_: unknown, r) => `${r.itemCode} ${r.itemName}` },
          { key: 'quantity', title: t('supplies.quantity'), render: (_: unknown, r) => `${r.quantity} ${r.unit ?? ''}` },
          { key: 'range', title: t('supplies.range'), render: (_: unknown, r) => (r.min === null ? '—' : `${r.min}–${r.max}`), responsive: ['md'] },
          { key: 'reserve', title: t('supplies.reserve'), dataIndex: 'reserve', render: (v: number | null) => v ?? '—', responsive: ['lg'] },
          { key: 'alert', title: t('supplies.alerts'), dataIndex: 'alert', render: (a: string) => (a === 'ok' ? enumLabel(t, 'levelAlert', a) : <Tag color={a === 'low' ? 'red' : 'orange'}>{enumLabel(t, 'levelAlert', a)}</Tag>) },
          { key: 'expiry', title: t('supplies.nextExpiry'), dataIndex: 'nextExpiry', render: (v: string | null) => v ?? '—', responsive: ['md'] },
          {
            key: 'actions', title: '',
            render: (_: unknown, r) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => navigate(`/supplies?tab=card&warehouseId=${r.warehouseId}&itemCode=${r.itemCode}`)}>{t('supplies.tab.card')}</Button>
                {manages && (['receipt', 'issue', 'adjust', 'transfer'] as const).map((k) => <Button key={k} size="small" onClick={() => setMoving({ row: r, kind: k })}>{t(`supplies.move.${k}`)}</Button>)}
              </Space>
            ),
          },
        ]}
      />
      {moving && <MoveModal row={moving.row} kind={moving.kind} onClose={() => setMoving(null)} />}
    </>
  );
}

function LotsTab() {
  const { t } = useI18n();
  const [days, setDays] = useState<number | null>(30);
  const [page, setPage] = useState(1);
  const params = { expiringWithinDays: days ?? undefined, page, pageSize: 50 };
  const lots = useQuery({ queryKey: suppliesKeys.lots(params), queryFn: ({ signal }) => suppliesApi.lots(params, signal) });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {t('supplies.expiringWithin')}
        <InputNumber min={0} max={3650} value={days} onChange={(v) => { setDays(v); setPage(1); }} />
      </Space>
      <Table
        rowKey="id" size="small" loading={lots.isLoading} dataSource={lots.data?.items ?? []} data-testid="supplies-lots"
        pagination={{ current: page, pageSize: 50, total: lots.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { key: 'warehouse', title: t('supplies.warehouse'), dataIndex: 'warehouseName' },
          { key: 'item', title: t('supplies.item'), dataIndex: 'itemName' },
          { key: 'lot', title: t('supplies.lotNo'), dataIndex: 'lotNo' },
          { key: 'quantity', title: t('supplies.quantity'), dataIndex: 'quantity' },
          { key: 'expires', title: t('supplies.expiresOn'), dataIndex: 'expiresOn', render: (v: string | null, l) => (l.expiring ? <Tag color="gold">{v}</Tag> : (v ?? '—')) },
        ]}
      />
    </>
  );
}

function MovesTable({ moves, loading, pagination }: { moves: StockMove[]; loading: boolean; pagination?: false | { current: number; total: number; onChange: (p: number) => void } }) {
  const { t } = useI18n();
  return (
    <Table<StockMove>
      rowKey="id" size="small" loading={loading} dataSource={moves} data-testid="supplies-moves"
      pagination={pagination ? { current: pagination.current, pageSize: 50, total: pagination.total, onChange: pagination.onChange, showSizeChanger: false } : false}
      columns={[
        { key: 'at', title: t('supplies.at'), dataIndex: 'at', render: (v: string) => new Date(v).toLocaleString() },
        { key: 'warehouse', title: t('supplies.warehouse'), dataIndex: 'warehouseName', responsive: ['md'] },
        { key: 'item', title: t('supplies.item'), dataIndex: 'itemName' },
        { key: 'lot', title: t('supplies.lotNo'), dataIndex: 'lotNo', responsive: ['lg'] },
        { key: 'kind', title: t('supplies.moveKind'), render: (_: unknown, m) => `${enumLabel(t, 'moveKind', m.kind)}${m.reason ? ` · ${enumLabel(t, 'adjustReason', m.reason)}` : ''}` },
        { key: 'quantity', title: t('supplies.quantity'), dataIndex: 'quantity', render: (q: number) => (q > 0 ? `+${q}` : q) },
        { key: 'balance', title: t('supplies.balance'), dataIndex: 'balance' },
        { key: 'note', title: t('supplies.note'), dataIndex: 'note', responsive: ['lg'] },
        { key: 'actor', title: t('supplies.actor'), dataIndex: 'actorName', responsive: ['lg'] },
      ]}
    />
  );
}

function CardTab() {
  const { t } = useI18n();
  const location = useLocation();
  const warehouses = useWarehouses();
  const itemOptions = useItemOptions();
  const [warehouseId, setWarehouseId] = useState<string | undefined>(location.query.get('warehouseId') ?? undefined);
  const [itemCode, setItemCode] = useState<string | undefined>(location.query.get('itemCode') ?? undefined);
  const card = useQuery({ queryKey: suppliesKeys.card(warehouseId ?? '', itemCode ?? ''), enabled: Boolean(warehouseId && itemCode), queryFn: ({ signal }) => suppliesApi.card(warehouseId!, itemCode!, signal) });
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select style={{ width: 220 }} placeholder={t('supplies.warehouse')} value={warehouseId} onChange={setWarehouseId} options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))} />
        <Select showSearch optionFilterProp="label" style={{ width: 240 }} placeholder={t('supplies.item')} value={itemCode} onChange={setItemCode} options={itemOptions} />
        {card.data && <span data-testid="supplies-card-balance">{t('supplies.balance')}: {card.data.balance} {card.data.unit ?? ''}</span>}
      </Space>
      <MovesTable moves={card.data?.moves ?? []} loading={card.isFetching} />
    </>
  );
}

function MovesTab() {
  const { t } = useI18n();
  const [kind, setKind] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const params = { kind, page, pageSize: 50 };
  const moves = useQuery({ queryKey: suppliesKeys.moves(params), queryFn: ({ signal }) => suppliesApi.moves(params, signal) });
  return (
    <>
      <Select allowClear style={{ width: 160, marginBottom: 12 }} placeholder={t('supplies.moveKind')} value={kind} onChange={(v) => { setKind(v); setPage(1); }} options={enumOptions(t, 'moveKind', MOVE_KINDS)} />
      <MovesTable moves={moves.data?.items ?? []} loading={moves.isLoading} pagination={{ current: page, total: moves.data?.total ?? 0, onChange: setPage }} />
    </>
  );
}

function CountSheet({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const manages = useManages();
  const sheet = useQuery({ queryKey: suppliesKeys.count(id), queryFn: ({ signal }) => suppliesApi.count(id, signal) });
  const [counted, setCounted] = useState<Record<string, number | null>>({});
  const done = async (c: StockCount) => { client.setQueryData(suppliesKeys.count(id), c); await client.invalidateQueries({ queryKey: suppliesKeys.all }); };
  const save = useMutation({
    mutationFn: (c: StockCount) => suppliesApi.enterCounts(c, Object.entries(counted).filter(([, v]) => v !== null && v !== undefined).map(([lineId, v]) => ({ lineId, counted: v! }))),
    onSuccess: async (c) => { feedback.success(t('supplies.saved')); setCounted({}); await done(c); },
    onError: (e) => feedback.error(e),
  });
  const confirm = useMutation({ mutationFn: suppliesApi.confirmCount, onSuccess: done, onError: (e) => feedback.error(e) });
  const c = sheet.data;
  const open = c?.status === 'open' && manages;
  return (
    <Modal open width={900} title={c ? `${t('supplies.count')} #${c.countNo} · ${c.warehouseName} · ${enumLabel(t, 'countStatus', c.status)}` : ''} onCancel={onClose} footer={open ? (
      <Space>
        <Button onClick={() => c && save.mutate(c)} loading={save.isPending} disabled={Object.keys(counted).length === 0}>{t('supplies.count.save')}</Button>
        <Button type="primary" onClick={() => c && confirm.mutate(c)} loading={confirm.isPending} data-testid="supplies-count-confirm">{t('supplies.count.confirm')}</Button>
      </Space>
    ) : null}>
      <Table
        rowKey="id" size="small" loading={sheet.isLoading} dataSource={c?.lines ?? []} pagination={false}
        columns={[
          { key: 'item', title: t('supplies.item'), dataIndex: 'itemName' },
          { key: 'lot', title: t('supplies.lotNo'), dataIndex: 'lotNo' },
          { key: 'book', title: t('supplies.count.book'), dataIndex: 'book' },
          {
            key: 'counted', title: t('supplies.count.counted'),
            render: (_: unknown, l) => (open ? <InputNumber min={0} precision={0} value={counted[l.id] ?? l.counted} onChange={(v) => setCounted((m) => ({ ...m, [l.id]: v }))} /> : (l.counted ?? '—')),
          },
          { key: 'diff', title: t('supplies.count.difference'), dataIndex: 'difference', render: (d: number | null) => (d === null ? '—' : d > 0 ? `+${d}` : d) },
        ]}
      />
    </Modal>
  );
}

function CountsTab() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const manages = useManages();
  const warehouses = useWarehouses();
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const [openId, setOpenId] = useState<string | null>(null);
  const params = { warehouseId, page: 1, pageSize: 100 };
  const counts = useQuery({ queryKey: suppliesKeys.counts(params), queryFn: ({ signal }) => suppliesApi.counts(params, signal) });
  const start = useMutation({
    mutationFn: (w: string) => suppliesApi.openCount(w),
    onSuccess: async (c) => { await client.invalidateQueries({ queryKey: suppliesKeys.all }); setOpenId(c.id); },
    onError: (e) => feedback.error(e),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Select allowClear style={{ width: 220 }} placeholder={t('supplies.warehouse')} value={warehouseId} onChange={setWarehouseId} options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))} />
        {manages && <Button type="primary" disabled={!warehouseId} loading={start.isPending} onClick={() => warehouseId && start.mutate(warehouseId)}>{t('supplies.count.open')}</Button>}
      </Space>
      <Table
        rowKey="id" size="small" loading={counts.isLoading} dataSource={counts.data?.items ?? []} pagination={false} onRow={(c) => ({ onClick: () => setOpenId(c.id) })}
        columns={[
          { key: 'no', title: '#', dataIndex: 'countNo' },
          { key: 'warehouse', title: t('supplies.warehouse'), dataIndex: 'warehouseName' },
          { key: 'status', title: t('supplies.status'), dataIndex: 'status', render: (s: string) => enumLabel(t, 'countStatus', s) },
          { key: 'progress', title: t('supplies.count.counted'), render: (_: unknown, c) => `${c.counted} / ${c.lineCount}` },
          { key: 'created', title: t('supplies.at'), dataIndex: 'createdAt', render: (v: string) => new Date(v).toLocaleString() },
        ]}
      />
      {openId && <CountSheet id={openId} onClose={() => setOpenId(null)} />}
    </>
  );
}

const TABS: readonly { key: 'warehouses' | 'stock' | 'lots' | 'card' | 'moves' | 'counts'; render: () => ReactNode }[] = [
  { key: 'warehouses', render: () => <WarehousesTab /> },
  { key: 'stock', render: () => <StockTab /> },
  { key: 'lots', render: () => <LotsTab /> },
  { key: 'card', render: () => <CardTab /> },
  { key: 'moves', render: () => <MovesTab /> },
  { key: 'counts', render: () => <CountsTab /> },
];

export default function SuppliesPage() {
  const { t } = useI18n();
  const location = useLocation();
  const active = TABS.find((tab) => tab.key === location.query.get('tab')) ?? TABS[0]!;
  return (
    <>
      <Tabs
        activeKey={active.key}
        onChange={(key) => navigate(`${location.path}?tab=${key}`)}
        items={TABS.map((tab) => ({ key: tab.key, label: <span data-testid={`supplies-tab-${tab.key}`}>{t(`supplies.tab.${tab.key}`)}</span> }))}
      />
      <div key={`${active.key}${location.query.toString()}`}>{active.render()}</div>
    </>
  );
}

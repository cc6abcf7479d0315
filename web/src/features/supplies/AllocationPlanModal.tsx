/**
 * 精准投放: the solver's proposed allocation of the approved requests in scope, on the map (the
 * warehouses, the requesting sites, a line for each route, thicker for more) and as a table,
 * with what stays unmet and the objective against the greedy baseline's; confirmed request by
 * request through each request's `allocate` step (a request changed meanwhile is refused alone).
 */
import { Alert, Button, Descriptions, Modal, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useMemo } from 'react';
import type { AllocationPlan } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import type { MapLink, MapPoint } from '../../shared/map/PointsMap';
import { suppliesApi, suppliesKeys } from './supplies-api';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));

type Row = AllocationPlan['plan'][number];

export function AllocationPlanModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const client = useQueryClient();
  const proposal = useQuery({ queryKey: [...suppliesKeys.all, 'plan'], queryFn: () => suppliesApi.proposeAllocation(), gcTime: 0, retry: false });
  const plan = proposal.data;
  const names = useMemo(() => {
    const m = new Map<string, string>();
    for (const w of plan?.warehouses ?? []) m.set(w.id, w.name);
    for (const r of plan?.requests ?? []) m.set(r.id, r.siteName);
    return m;
  }, [plan]);
  const { points, links } = useMemo(() => {
    if (!plan) return { points: [] as MapPoint[], links: [] as MapLink[] };
    const where = new Map([...plan.warehouses, ...plan.requests].map((p) => [p.id, { lon: p.lng, lat: p.lat }]));
    const routes = new Map<string, MapLink>();
    for (const r of plan.plan) {
      const key = `${r.warehouseId} ${r.requestId}`;
      const link = routes.get(key) ?? { from: where.get(r.warehouseId)!, to: where.get(r.requestId)!, weight: 0 };
      link.weight! += r.quantity;
      routes.set(key, link);
    }
    return {
      points: [
        ...plan.warehouses.map((w) => ({ id: w.id, lon: w.lng, lat: w.lat, label: `${t('supplies.plan.warehouse')} ${w.name}`, color: '#1d4ed8' })),
        ...plan.requests.map((r) => ({ id: r.id, lon: r.lng, lat: r.lat, label: `${t('supplies.plan.site')} ${r.siteName}`, color: '#c2410c', highlight: plan.lines.some((l) => l.requestId === r.id && l.unmet > 0) })),
      ],
      links: [...routes.values()],
    };
  }, [plan, t]);
  const confirm = useMutation({
    mutationFn: async (p: AllocationPlan) => {
      let done = 0;
      for (const r of p.requests) {
        const allocations = p.plan.filter((x) => x.requestId === r.id).map((x) => ({ lineId: x.lineId, warehouseId: x.warehouseId, quantity: x.quantity }));
        if (allocations.length === 0) continue;
        await suppliesApi.step(r, 'allocate', { allocations, note: t('supplies.plan.note') });
        done++;
      }
      return done;
    },
    onSuccess: async (n) => { feedback.success(t('supplies.plan.confirmed', { n })); await client.invalidateQueries({ queryKey: suppliesKeys.all }); onClose(); },
    onError: async (e) => { feedback.error(e); await client.invalidateQueries({ queryKey: suppliesKeys.all }); },
  });
  const fmt = (n: number) => n.toLocaleString(undefined, { maximumFractionDigits: 1 });
  return (
    <Modal
      open width={960} title={t('supplies.plan.title')} onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="ok" type="primary" disabled={!plan || plan.plan.length === 0} loading={confirm.isPending} onClick={() => plan && confirm.mutate(plan)} data-testid="supplies-plan-confirm">{t('supplies.plan.confirm')}</Button>,
      ]}
    >
      {proposal.isError && <Alert type="error" showIcon title={(proposal.error as Error).message} />}
      {proposal.isLoading && <Alert type="info" title={t('supplies.plan.solving')} />}
      {plan && plan.lines.length === 0 && <Alert type="info" showIcon title={t('supplies.plan.nothing')} data-testid="supplies-plan-empty" />}
      {plan && plan.lines.length > 0 && (
        <>
          <Descriptions
            size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }} data-testid="supplies-plan-summary"
            items={[
              { key: 'allocated', label: t('supplies.plan.allocated'), children: `${fmt(plan.objective.allocatedQuantity)} / ${fmt(plan.objective.allocatedQuantity + plan.objective.unmetQuantity)}` },
              { key: 'unmet', label: t('supplies.plan.unmetWeighted'), children: `${fmt(plan.objective.weightedUnmet)}（${t('supplies.plan.greedy')} ${fmt(plan.greedy.weightedUnmet)}）` },
              { key: 'distance', label: t('supplies.plan.distance'), children: `${fmt(plan.objective.distance)}（${t('supplies.plan.greedy')} ${fmt(plan.greedy.distance)}）` },
            ]}
          />
          <Suspense fallback={null}>
            <PointsMap points={points} links={links} onOpen={() => undefined} testId="supplies-plan-map" height={360} />
          </Suspense>
          <Table<Row>
            style={{ marginTop: 12 }} size="small" rowKey={(r) => `${r.lineId} ${r.lotId}`} dataSource={plan.plan} pagination={{ pageSize: 10, hideOnSinglePage: true }} data-testid="supplies-plan-table"
            columns={[
              { key: 'from', title: t('supplies.plan.warehouse'), render: (_, r) => names.get(r.warehouseId) },
              { key: 'to', title: t('supplies.plan.site'), render: (_, r) => names.get(r.requestId) },
              { key: 'item', title: t('supplies.item'), render: (_, r) => `${r.itemName}（${r.itemCode}）` },
              { key: 'quantity', title: t('supplies.quantity'), dataIndex: 'quantity' },
              { key: 'km', title: t('supplies.plan.km'), dataIndex: 'distanceKm', responsive: ['md'] },
            ]}
          />
          {plan.lines.some((l) => l.unmet > 0) && (
            <Alert
              type="warning" showIcon style={{ marginTop: 12 }} data-testid="supplies-plan-unmet"
              title={t('supplies.plan.unmet', { n: plan.lines.reduce((s, l) => s + l.unmet, 0) })}
              description={plan.lines.filter((l) => l.unmet > 0).map((l) => `${names.get(l.requestId)} ${l.itemName}: ${l.unmet}`).join('；')}
            />
          )}
        </>
      )}
    </Modal>
  );
}

/** Emergency supplies (应急物资): calls and cache keys. */
import type {
  AdjustmentRequest, CountSummary, IssueRequest, MoveResult, ReceiptRequest, RequestCreateRequest, RequestEventOption, StockCard, StockCount, StockLot, StockMove, StockRow, SupplyItem, SupplyRequestAction,
  SupplyRequestDetail, SupplyRequestSummary, TransferRequest, Warehouse, WarehouseRequest, AllocationPlan } from '@gridgov/contracts';
import { api } from '../../api/client';
import type { Page } from '../../api/types';

type Params = Record<string, string | number | undefined>;

export const suppliesKeys = {
  all: ['supplies'] as const,
  items: ['supplies', 'items'] as const,
  warehouses: ['supplies', 'warehouses'] as const,
  stock: (p: Params) => ['supplies', 'stock', p] as const,
  lots: (p: Params) => ['supplies', 'lots', p] as const,
  moves: (p: Params) => ['supplies', 'moves', p] as const,
  card: (w: string, item: string) => ['supplies', 'card', w, item] as const,
  counts: (p: Params) => ['supplies', 'counts', p] as const,
  count: (id: string) => ['supplies', 'count', id] as const,
  requests: (p: Params) => ['supplies', 'requests', p] as const,
  requestEvents: (regionCode: string) => ['supplies', 'request-events', regionCode] as const,
  request: (id: string) => ['supplies', 'request', id] as const,
};

const w = (id: string) => `/supplies/warehouses/${id}`;

export const suppliesApi = {
  items: (signal?: AbortSignal) => api.get<SupplyItem[]>('/supplies/items', undefined, signal),
  warehouses: (signal?: AbortSignal) => api.get<Warehouse[]>('/supplies/warehouses', undefined, signal),
  createWarehouse: (input: WarehouseRequest) => api.post<Warehouse>('/supplies/warehouses', input),
  reserveList: (id: string) => api.post<Warehouse>(`${w(id)}/reserve-list`, {}),
  stock: (p: Params, signal?: AbortSignal) => api.get<Page<StockRow>>('/supplies/stock', p, signal),
  lots: (p: Params, signal?: AbortSignal) => api.get<Page<StockLot>>('/supplies/lots', p, signal),
  moves: (p: Params, signal?: AbortSignal) => api.get<Page<StockMove>>('/supplies/moves', p, signal),
  card: (id: string, itemCode: string, signal?: AbortSignal) => api.get<StockCard>(`${w(id)}/card`, { itemCode }, signal),
  receive: (id: string, input: ReceiptRequest) => api.post<MoveResult>(`${w(id)}/receipts`, input),
  issue: (id: string, input: IssueRequest) => api.post<MoveResult>(`${w(id)}/issues`, input),
  adjust: (id: string, input: AdjustmentRequest) => api.post<MoveResult>(`${w(id)}/adjustments`, input),
  transfer: (id: string, input: TransferRequest) => api.post<MoveResult>(`${w(id)}/transfers`, input),
  counts: (p: Params, signal?: AbortSignal) => api.get<Page<CountSummary>>('/supplies/counts', p, signal),
  count: (id: string, signal?: AbortSignal) => api.get<StockCount>(`/supplies/counts/${id}`, undefined, signal),
  openCount: (warehouseId: string) => api.post<StockCount>(`${w(warehouseId)}/counts`, {}),
  enterCounts: (c: StockCount, lines: { lineId: string; counted: number }[]) => api.put<StockCount>(`/supplies/counts/${c.id}/lines`, { version: c.version, lines }),
  confirmCount: (c: StockCount) => api.post<StockCount>(`/supplies/counts/${c.id}/confirm`, { version: c.version }),
  cancelCount: (c: StockCount) => api.post<StockCount>(`/supplies/counts/${c.id}/cancel`, { version: c.version }),
  requests: (p: Params, signal?: AbortSignal) => api.get<Page<SupplyRequestSummary>>('/supplies/requests', p, signal),
  request: (id: string, signal?: AbortSignal) => api.get<SupplyRequestDetail>(`/supplies/requests/${id}`, undefined, signal),
  requestEvents: (regionCode: string, signal?: AbortSignal) => api.get<RequestEventOption[]>('/supplies/requests/events', { regionCode }, signal),
  createRequest: (input: RequestCreateRequest) => api.post<SupplyRequestDetail>('/supplies/requests', input),
  proposeAllocation: () => api.post<AllocationPlan>('/supplies/allocation-plan', {}),
  step: (r: Pick<SupplyRequestDetail, 'id' | 'version'>, action: SupplyRequestAction, extra: Record<string, unknown> = {}) => api.post<SupplyRequestDetail>(`/supplies/requests/${r.id}/${action}`, { version: r.version, ...extra }),
};

/**
 * Emergency supplies (物资保障): the GB/T 38565 item catalogue (shipped and local), warehouses
 * with capacity, stock by item, lot and expiry, minimum/maximum levels and their alerts, stock
 * moves (receipts, issues, adjustments with reasons, transfers as two linked moves), stock counts,
 * the stock card, and requests from communities and sites approved as a workflow.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';

export * from './catalogue.js';

export const WAREHOUSE_KINDS = ['government', 'enterprise', 'community'] as const;
export type WarehouseKind = (typeof WAREHOUSE_KINDS)[number];
export const MOVE_KINDS = ['receipt', 'issue', 'adjustment', 'transfer_out', 'transfer_in'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];
/** Adjustment reasons (Sahana Eden's, less bins and values); `count` is posted by a stock count. */
export const ADJUST_REASONS = ['lost', 'found', 'damaged', 'expired', 'count', 'other'] as const;
export type AdjustReason = (typeof ADJUST_REASONS)[number];
export const LEVEL_ALERTS = ['ok', 'low', 'high'] as const;
export type LevelAlert = (typeof LEVEL_ALERTS)[number];
export const COUNT_STATUSES = ['open', 'confirmed', 'cancelled'] as const;
export type CountStatus = (typeof COUNT_STATUSES)[number];
export const REQUEST_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'allocated', 'fulfilled', 'cancelled'] as const;
export type SupplyRequestStatus = (typeof REQUEST_STATUSES)[number];
/** 1 low, 2 medium, 3 high, 4 critical (Eden's three, and one for life-saving needs). */
export const REQUEST_PRIORITIES = [1, 2, 3, 4] as const;

const note = z.string().trim().min(1).max(500);
const name = z.string().trim().min(1).max(100);
const qty = z.number().int().min(1).max(10_000_000);
const version = { version: z.number().int().min(1) };
const itemCode = z.string().trim().max(20);

// --- catalogue
export const supplyItem = z.object({
  code: z.string(), name: z.string(), nameEn: z.string(), unit: z.string().nullable(), level: z.number().int(), parent: z.string().nullable(),
  source: z.enum(['gbt38565', 'gridgov', 'local']), regionCode: z.string().nullable(),
});
export type SupplyItem = z.infer<typeof supplyItem>;
export const localItemRequest = z.strictObject({ code: itemCode, name, nameEn: name.optional(), unit: z.string().trim().min(1).max(10), regionCode: divisionCode });
export type LocalItemRequest = z.infer<typeof localItemRequest>;

// --- warehouses
export const warehouseRequest = z.strictObject({
  name, kind: z.enum(WAREHOUSE_KINDS), regionCode: divisionCode, address: z.string().trim().min(1).max(200),
  lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90),
  /** Storage capacity in m³. */
  capacityM3: z.number().min(0).max(10_000_000),
  /** Lots expiring within this many days are flagged (and notified once). */
  expiryAlertDays: z.number().int().min(1).max(365).default(30),
});
export type WarehouseRequest = z.input<typeof warehouseRequest>;
export const warehouseUpdateRequest = warehouseRequest.extend(version);
export const warehouse = z.object({
  id: z.string(), name: z.string(), kind: z.enum(WAREHOUSE_KINDS), regionCode: z.string(), regionName: z.string(), address: z.string(), lng: z.number(), lat: z.number(),
  capacityM3: z.number(), expiryAlertDays: z.number().int(), items: z.number().int(), lowItems: z.number().int(), highItems: z.number().int(), expiringLots: z.number().int(), version: z.number().int(),
});
export type Warehouse = z.infer<typeof warehouse>;
export const idParams = z.object({ id: uuid });

export const levelRequest = z.strictObject({
  levels: z.array(z.strictObject({ itemCode, min: z.number().int().min(0), max: z.number().int().min(0), reserve: z.number().int().min(0) })).min(1).max(500),
});
export type LevelRequest = z.infer<typeof levelRequest>;

// --- stock
export const stockQuery = z.strictObject({
  warehouseId: uuid.optional(), itemCode: itemCode.optional(), view: z.enum(['all', 'low', 'high', 'alert']).default('all'), ...pageQuery,
});
export type StockQuery = z.infer<typeof stockQuery>;
export const stockRow = z.object({
  warehouseId: z.string(), warehouseName: z.string(), regionCode: z.string(), itemCode: z.string(), itemName: z.string(), unit: z.string().nullable(),
  quantity: z.number().int(), min: z.number().int().nullable(), max: z.number().int().nullable(), reserve: z.number().int().nullable(), alert: z.enum(LEVEL_ALERTS),
  nextExpiry: z.string().nullable(),
});
export type StockRow = z.infer<typeof stockRow>;
export const lotQuery = z.strictObject({ warehouseId: uuid.optional(), itemCode: itemCode.optional(), expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(), ...pageQuery });
export type LotQuery = z.infer<typeof lotQuery>;
export const stockLot = z.object({
  id: z.string(), warehouseId: z.string(), warehouseName: z.string(), itemCode: z.string(), itemName: z.string(), lotNo: z.string(), expiresOn: z.string().nullable(),
  quantity: z.number().int(), expiring: z.boolean(),
});
export type StockLot = z.infer<typeof stockLot>;

// --- moves
export const receiptRequest = z.strictObject({ itemCode, quantity: qty, lotNo: z.string().trim().min(1).max(60), expiresOn: z.iso.date().optional(), note: note.optional() });
export type ReceiptRequest = z.infer<typeof receiptRequest>;
/** An issue takes the lot named, or the first expiring lots first (FEFO). */
export const issueRequest = z.strictObject({ itemCode, quantity: qty, lotId: uuid.optional(), note: note.optional() });
export type IssueRequest = z.infer<typeof issueRequest>;
/** A signed change to one lot with its reason (a transfer is its own route). */
export const adjustmentRequest = z.strictObject({ lotId: uuid, delta: z.number().int().min(-10_000_000).max(10_000_000).refine((d) => d !== 0, 'not zero'), reason: z.enum(ADJUST_REASONS).exclude(['count']), note: note.optional() });
export type AdjustmentRequest = z.infer<typeof adjustmentRequest>;
export const transferRequest = z.strictObject({ toWarehouseId: uuid, itemCode, quantity: qty, lotId: uuid.optional(), note: note.optional() });
export type TransferRequest = z.infer<typeof transferRequest>;
export const stockMove = z.object({
  id: z.number().int(), at: z.string(), warehouseId: z.string(), warehouseName: z.string(), itemCode: z.string(), itemName: z.string(), lotNo: z.string(), expiresOn: z.string().nullable(),
  kind: z.enum(MOVE_KINDS), reason: z.enum(ADJUST_REASONS).nullable(), quantity: z.number().int(), balance: z.number().int(), linkedMoveId: z.number().int().nullable(),
  requestId: z.string().nullable(), countId: z.string().nullable(), note: z.string().nullable(), actorName: z.string().nullable(),
});
export type StockMove = z.infer<typeof stockMove>;
export const moveResult = z.object({ moves: z.array(stockMove) });
export type MoveResult = z.infer<typeof moveResult>;
export const moveQuery = z.strictObject({ warehouseId: uuid.optional(), itemCode: itemCode.optional(), kind: z.enum(MOVE_KINDS).optional(), ...pageQuery });
export type MoveQuery = z.infer<typeof moveQuery>;
export const cardQuery = z.strictObject({ itemCode: itemCode.optional() });
export const stockCard = z.object({ warehouseId: z.string(), warehouseName: z.string(), itemCode: z.string(), itemName: z.string(), unit: z.string().nullable(), balance: z.number().int(), moves: z.array(stockMove) });
export type StockCard = z.infer<typeof stockCard>;

// --- counts
export const countCreateRequest = z.strictObject({ itemCodes: z.array(itemCode).max(500).optional(), note: note.optional() });
export const countLine = z.object({ id: z.string(), lotId: z.string(), itemCode: z.string(), itemName: z.string(), lotNo: z.string(), expiresOn: z.string().nullable(), book: z.number().int(), counted: z.number().int().nullable(), difference: z.number().int().nullable() });
export const stockCount = z.object({
  id: z.string(), countNo: z.number().int(), warehouseId: z.string(), warehouseName: z.string(), regionCode: z.string(), status: z.enum(COUNT_STATUSES), note: z.string().nullable(),
  lines: z.array(countLine), createdAt: z.string(), confirmedAt: z.string().nullable(), version: z.number().int(),
});
export type StockCount = z.infer<typeof stockCount>;
export const countSummary = stockCount.omit({ lines: true }).extend({ lineCount: z.number().int(), counted: z.number().int() });
export type CountSummary = z.infer<typeof countSummary>;
export const countLinesRequest = z.strictObject({ ...version, lines: z.array(z.strictObject({ lineId: uuid, counted: z.number().int().min(0).max(10_000_000) })).min(1).max(2000) });
export type CountLinesRequest = z.infer<typeof countLinesRequest>;
export const countStepRequest = z.strictObject(version);
export const countQuery = z.strictObject({ warehouseId: uuid.optional(), status: z.enum(COUNT_STATUSES).optional(), ...pageQuery });
export type CountQuery = z.infer<typeof countQuery>;

// --- requests
export const requestCreateRequest = z.strictObject({
  regionCode: divisionCode,
  gridId: uuid.optional(),
  /** The community or site asking, and where the supplies go. */
  siteName: name, address: z.string().trim().min(1).max(200), lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90),
  priority: z.number().int().min(1).max(4),
  neededBy: z.iso.datetime({ offset: true }),
  purpose: note,
  /** The emergency event it is for: an open event of its region or one above (`GET /supplies/requests/events`). */
  eventId: uuid.optional(),
  lines: z.array(z.strictObject({ itemCode, quantity: qty })).min(1).max(100),
});
export type RequestCreateRequest = z.infer<typeof requestCreateRequest>;
export const SUPPLY_REQUEST_ACTION_INPUTS = {
  submit: z.strictObject({ ...version, note: note.optional() }),
  approve: z.strictObject({ ...version, note: note.optional() }),
  reject: z.strictObject({ ...version, reason: note }),
  /** Records which warehouse sends how much of each line (by hand now; from the solver's plan later). */
  allocate: z.strictObject({ ...version, allocations: z.array(z.strictObject({ lineId: uuid, warehouseId: uuid, quantity: qty })).min(1).max(1000), note: note.optional() }),
  /** Issues the allocations from their warehouses (first expiring first). */
  fulfil: z.strictObject({ ...version, note: note.optional() }),
  cancel: z.strictObject({ ...version, reason: note }),
} as const;
export type SupplyRequestAction = keyof typeof SUPPLY_REQUEST_ACTION_INPUTS;
export const SUPPLY_REQUEST_ACTIONS = Object.keys(SUPPLY_REQUEST_ACTION_INPUTS) as SupplyRequestAction[];
export const requestListQuery = z.strictObject({ status: z.enum(REQUEST_STATUSES).optional(), eventId: uuid.optional(), priority: z.coerce.number().int().min(1).max(4).optional(), regionCode: divisionCode.optional(), ...pageQuery });
export type RequestListQuery = z.infer<typeof requestListQuery>;
export const requestEventsQuery = z.strictObject({ regionCode: divisionCode });
export const requestEventOption = z.object({ id: z.string(), label: z.string() });
export type RequestEventOption = z.infer<typeof requestEventOption>;
export const requestLine = z.object({
  id: z.string(), itemCode: z.string(), itemName: z.string(), unit: z.string().nullable(), quantity: z.number().int(), allocated: z.number().int(), issued: z.number().int(),
  allocations: z.array(z.object({ id: z.string(), warehouseId: z.string(), warehouseName: z.string(), quantity: z.number().int(), issued: z.number().int() })),
});
export const supplyRequestSummary = z.object({
  id: z.string(), requestNo: z.number().int(), regionCode: z.string(), regionName: z.string(), gridId: z.string().nullable(), siteName: z.string(), address: z.string(), lng: z.number(), lat: z.number(),
  priority: z.number().int(), neededBy: z.string(), status: z.enum(REQUEST_STATUSES), lineCount: z.number().int(), createdAt: z.string(), version: z.number().int(),
  eventId: z.string().nullable(),
  /** Units asked, allocated and issued over all lines. */
  totals: z.object({ quantity: z.number().int(), allocated: z.number().int(), issued: z.number().int() }),
});
export type SupplyRequestSummary = z.infer<typeof supplyRequestSummary>;
export const supplyRequestDetail = supplyRequestSummary.extend({
  purpose: z.string(), lines: z.array(requestLine), actions: z.array(z.enum(SUPPLY_REQUEST_ACTIONS)),
  timeline: z.array(z.object({ action: z.string(), status: z.string(), note: z.string().nullable(), actorName: z.string().nullable(), at: z.string() })),
});
export type SupplyRequestDetail = z.infer<typeof supplyRequestDetail>;

/** What an allocation solver takes: approved lines, stock by lot above the reserve floor, and the points to measure distances between. */
export const allocationInput = z.object({
  lines: z.array(z.object({ requestId: z.string(), lineId: z.string(), itemCode: z.string(), open: z.number().int(), priority: z.number().int(), neededBy: z.string(), lng: z.number(), lat: z.number() })),
  warehouses: z.array(z.object({ id: z.string(), lng: z.number(), lat: z.number() })),
  stock: z.array(z.object({ warehouseId: z.string(), itemCode: z.string(), lotId: z.string(), quantity: z.number().int(), expiresOn: z.string().nullable() })),
  /** The reserve floor per warehouse and item: stock a plan must leave in place. */
  reserves: z.array(z.object({ warehouseId: z.string(), itemCode: z.string(), reserve: z.number().int() })),
  /** Quantities already allocated and not yet issued, per warehouse and item. */
  committed: z.array(z.object({ warehouseId: z.string(), itemCode: z.string(), quantity: z.number().int() })),
});
export type AllocationInput = z.infer<typeof allocationInput>;

/**
 * A proposed allocation (精准投放) of the approved requests in scope, made by the solver and not
 * yet confirmed: which warehouse sends how much of which lot to which request line, per line
 * what stays unmet, the objective against the greedy baseline's, and the points for the map.
 */
const planPoint = { lng: z.number(), lat: z.number() };
export const allocationPlan = z.object({
  plan: z.array(z.object({ requestId: z.string(), lineId: z.string(), itemCode: z.string(), itemName: z.string(), warehouseId: z.string(), lotId: z.string(), quantity: z.number().int(), distanceKm: z.number() })),
  lines: z.array(z.object({ requestId: z.string(), lineId: z.string(), itemCode: z.string(), itemName: z.string(), requested: z.number().int(), allocated: z.number().int(), unmet: z.number().int(), priority: z.number().int() })),
  requests: z.array(z.object({ id: z.string(), siteName: z.string(), version: z.number().int(), ...planPoint })),
  warehouses: z.array(z.object({ id: z.string(), name: z.string(), ...planPoint })),
  objective: z.object({ weightedUnmet: z.number(), distance: z.number(), unmetQuantity: z.number().int(), allocatedQuantity: z.number().int() }),
  greedy: z.object({ weightedUnmet: z.number(), distance: z.number(), unmetQuantity: z.number().int(), allocatedQuantity: z.number().int() }),
  gapPct: z.number().nullable(),
  seconds: z.number(),
});
export type AllocationPlan = z.infer<typeof allocationPlan>;
export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './labels.js';

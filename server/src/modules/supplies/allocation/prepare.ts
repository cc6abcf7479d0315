/**
 * Checks an allocation input and turns it into independent per-item problems: the lines of the
 * item, and per warehouse its usable lots in expiry order (first expiring first) with what may
 * be allocated above the reserve. Shared by the LP solver, the greedy baseline and the verifier.
 */
import { AppError } from '../../../platform/errors.js';
import { dayBounds } from '../../../platform/time-zone.js';
import { greatCircleKm } from './geo.js';
import type { AllocationInput, AllocationPriority, AllocationRequestLine, AllocationWarehouse, PriorityWeights } from './types.js';

export const DEFAULT_PRIORITY_WEIGHTS: PriorityWeights = { 1: 1000, 2: 100, 3: 10, 4: 1 };

/** A lot usable at `now`, with the first instant it is expired (ms; Infinity: never). */
export interface PreparedLot {
  lot: string;
  quantity: number;
  expiresAtMs: number;
  expiresOn: string | null;
}

/** One warehouse's stock of one item. */
export interface WarehouseStock {
  warehouse: number;
  /** Lots not expired at `now` with stock, first expiring first (then by lot number). */
  lots: PreparedLot[];
  /** suffix[k]: units in lots k.. (suffix[lots.length] = 0). */
  suffix: number[];
  /** Units that may leave: usable stock above the reserve floor. */
  allocatable: number;
  reserve: number;
}

export interface PreparedLine {
  /** Index into input.lines. */
  index: number;
  line: AllocationRequestLine;
  quantity: number;
  weight: number;
  /** max(neededBy, now), ms: a lot must not be expired at this instant. */
  checkAtMs: number;
}

export interface ItemProblem {
  item: string;
  lines: PreparedLine[];
  /** Warehouses holding allocatable stock of the item. */
  stocks: WarehouseStock[];
}

export interface PreparedInput {
  nowMs: number;
  weights: PriorityWeights;
  warehouses: readonly AllocationWarehouse[];
  items: ItemProblem[];
  distanceKm: (warehouse: number, line: PreparedLine) => number;
}

interface FieldProblem {
  field: string;
  code: string;
}

const invalid = (fields: FieldProblem[]): AppError => new AppError('VALIDATION_FAILED', { fields });

const isWhole = (n: unknown, min: number): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= min;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function instantMs(value: Date | string, field: string, problems: FieldProblem[]): number {
  const ms = value instanceof Date ? value.getTime() : typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) problems.push({ field, code: 'INSTANT_INVALID' });
  return ms;
}

function checkPoint(lon: unknown, lat: unknown, field: string, problems: FieldProblem[]): void {
  if (typeof lon !== 'number' || typeof lat !== 'number' || !(Math.abs(lon) <= 180) || !(Math.abs(lat) <= 90)) problems.push({ field, code: 'POINT_INVALID' });
}

const expiryCache = new Map<string, number>();
/** The first instant (ms) a lot whose last usable day is `day` counts as expired. */
export function expiryInstantMs(day: string): number {
  let ms = expiryCache.get(day);
  if (ms === undefined) {
    ms = dayBounds(day)[1].getTime();
    if (expiryCache.size > 10_000) expiryCache.clear();
    expiryCache.set(day, ms);
  }
  return ms;
}

function validDay(day: string): boolean {
  if (!DATE.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const check = new Date(Date.UTC(y, m - 1, d));
  return check.getUTCFullYear() === y && check.getUTCMonth() === m - 1 && check.getUTCDate() === d;
}

/**
 * Validates the input (VALIDATION_FAILED with `{ fields: [{ field, code }] }`, at most 20 listed)
 * and splits it by item.
 */
export function prepareInput(input: AllocationInput): PreparedInput {
  const problems: FieldProblem[] = [];
  const nowMs = instantMs(input.now, 'now', problems);
  const weights: PriorityWeights = { ...DEFAULT_PRIORITY_WEIGHTS, ...input.options?.priorityWeights };
  for (const p of [1, 2, 3, 4] as const) {
    if (!(typeof weights[p] === 'number' && Number.isFinite(weights[p]) && weights[p] > 0)) problems.push({ field: `options.priorityWeights.${p}`, code: 'WEIGHT_INVALID' });
  }

  const warehouseIndex = new Map<string, number>();
  input.warehouses.forEach((w, i) => {
    if (typeof w.id !== 'string' || w.id === '') problems.push({ field: `warehouses[${i}].id`, code: 'ID_REQUIRED' });
    else if (warehouseIndex.has(w.id)) problems.push({ field: `warehouses[${i}].id`, code: 'DUPLICATE' });
    else warehouseIndex.set(w.id, i);
    checkPoint(w.lon, w.lat, `warehouses[${i}]`, problems);
  });

  const lineIds = new Set<string>();
  const byItem = new Map<string, ItemProblem>();
  const problemOf = (item: string): ItemProblem => {
    let p = byItem.get(item);
    if (!p) byItem.set(item, (p = { item, lines: [], stocks: [] }));
    return p;
  };
  input.lines.forEach((line, index) => {
    const at = `lines[${index}]`;
    if (typeof line.id !== 'string' || line.id === '') problems.push({ field: `${at}.id`, code: 'ID_REQUIRED' });
    else if (lineIds.has(line.id)) problems.push({ field: `${at}.id`, code: 'DUPLICATE' });
    else lineIds.add(line.id);
    if (typeof line.item !== 'string' || line.item === '') problems.push({ field: `${at}.item`, code: 'ITEM_REQUIRED' });
    if (!isWhole(line.quantity, 1)) problems.push({ field: `${at}.quantity`, code: 'QUANTITY_INVALID' });
    if (![1, 2, 3, 4].includes(line.priority)) problems.push({ field: `${at}.priority`, code: 'PRIORITY_INVALID' });
    checkPoint(line.point?.lon, line.point?.lat, `${at}.point`, problems);
    const neededMs = instantMs(line.neededBy, `${at}.neededBy`, problems);
    problemOf(line.item).lines.push({ index, line, quantity: line.quantity, weight: weights[line.priority as AllocationPriority], checkAtMs: Math.max(neededMs, nowMs) });
  });

  const stockKey = (w: number, item: string) => `${w}\u0000${item}`;
  const stocks = new Map<string, { warehouse: number; item: string; lots: PreparedLot[]; reserve: number }>();
  const lotKeys = new Set<string>();
  input.lots.forEach((lot, i) => {
    const at = `lots[${i}]`;
    const w = warehouseIndex.get(lot.warehouse);
    if (w === undefined) problems.push({ field: `${at}.warehouse`, code: 'WAREHOUSE_UNKNOWN' });
    if (typeof lot.item !== 'string' || lot.item === '') problems.push({ field: `${at}.item`, code: 'ITEM_REQUIRED' });
    if (typeof lot.lot !== 'string' || lot.lot === '') problems.push({ field: `${at}.lot`, code: 'LOT_REQUIRED' });
    if (!isWhole(lot.quantity, 0)) problems.push({ field: `${at}.quantity`, code: 'QUANTITY_INVALID' });
    if (lot.expiresOn !== null && (typeof lot.expiresOn !== 'string' || !validDay(lot.expiresOn))) problems.push({ field: `${at}.expiresOn`, code: 'DATE_INVALID' });
    const key = `${lot.warehouse}\u0000${lot.item}\u0000${lot.lot}`;
    if (lotKeys.has(key)) problems.push({ field: `${at}.lot`, code: 'DUPLICATE' });
    lotKeys.add(key);
    if (w === undefined || problems.length > 0) return;
    const expiresAtMs = lot.expiresOn === null ? Number.POSITIVE_INFINITY : expiryInstantMs(lot.expiresOn);
    if (lot.quantity === 0 || expiresAtMs <= nowMs) return; // nothing usable: neither stock nor reserve
    let s = stocks.get(stockKey(w, lot.item));
    if (!s) stocks.set(stockKey(w, lot.item), (s = { warehouse: w, item: lot.item, lots: [], reserve: 0 }));
    s.lots.push({ lot: lot.lot, quantity: lot.quantity, expiresAtMs, expiresOn: lot.expiresOn });
  });

  const reserveKeys = new Set<string>();
  const reserves = new Map<string, number>();
  (input.reserves ?? []).forEach((r, i) => {
    const at = `reserves[${i}]`;
    const w = warehouseIndex.get(r.warehouse);
    if (w === undefined) problems.push({ field: `${at}.warehouse`, code: 'WAREHOUSE_UNKNOWN' });
    if (!isWhole(r.quantity, 0)) problems.push({ field: `${at}.quantity`, code: 'QUANTITY_INVALID' });
    const key = `${r.warehouse}\u0000${r.item}`;
    if (reserveKeys.has(key)) problems.push({ field: at, code: 'DUPLICATE' });
    reserveKeys.add(key);
    if (w !== undefined) reserves.set(stockKey(w, r.item), r.quantity);
  });

  if (problems.length > 0) throw invalid(problems.slice(0, 20));

  for (const [key, s] of stocks) {
    const p = byItem.get(s.item);
    if (!p) continue; // stock nobody asked for
    s.lots.sort((a, b) => a.expiresAtMs - b.expiresAtMs || (a.lot < b.lot ? -1 : a.lot > b.lot ? 1 : 0));
    const suffix = new Array<number>(s.lots.length + 1).fill(0);
    for (let k = s.lots.length - 1; k >= 0; k--) suffix[k] = suffix[k + 1]! + s.lots[k]!.quantity;
    const reserve = reserves.get(key) ?? 0;
    const allocatable = Math.max(0, suffix[0]! - reserve);
    if (allocatable > 0) p.stocks.push({ warehouse: s.warehouse, lots: s.lots, suffix, allocatable, reserve });
  }
  const items = [...byItem.values()];
  for (const p of items) p.stocks.sort((a, b) => a.warehouse - b.warehouse);

  const custom = input.options?.distanceKm;
  const warehouses = input.warehouses;
  const distanceKm = custom
    ? (w: number, l: PreparedLine): number => {
        const d = custom(warehouses[w]!, l.line);
        if (!(Number.isFinite(d) && d >= 0)) throw invalid([{ field: 'options.distanceKm', code: 'DISTANCE_INVALID' }]);
        return d;
      }
    : (w: number, l: PreparedLine): number => greatCircleKm(warehouses[w]!, l.line.point);
  return { nowMs, weights, warehouses, items, distanceKm };
}

/**
 * The first lot (index into `stock.lots`) not expired at `atMs`: lots from there on may serve a
 * line checked at `atMs` (their expiry is sorted, so the usable lots are always a suffix).
 */
export function firstUsableLot(stock: WarehouseStock, atMs: number): number {
  const lots = stock.lots;
  let lo = 0;
  let hi = lots.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lots[mid]!.expiresAtMs > atMs) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

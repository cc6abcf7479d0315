/**
 * An independent check of a plan against its input (the tests, the benchmark, and a caller that
 * wants to re-check a stored plan before confirming it): read from the raw input, sharing nothing
 * with the solver but the meaning of an expiry date and the distance.
 */
import { greatCircleKm } from './geo.js';
import { DEFAULT_PRIORITY_WEIGHTS, expiryInstantMs } from './prepare.js';
import type { AllocationInput, AllocationLot, AllocationResult } from './types.js';

export type AllocationViolationCode =
  | 'UNKNOWN_LINE'
  | 'UNKNOWN_LOT'
  | 'ITEM_MISMATCH'
  | 'QUANTITY_NOT_WHOLE'
  | 'LOT_OVERDRAWN'
  | 'RESERVE_BROKEN'
  | 'EXPIRED_LOT'
  | 'NOT_FEFO'
  | 'LINE_OVERFILLED'
  | 'DISTANCE_WRONG'
  | 'LINE_TOTALS_WRONG'
  | 'OBJECTIVE_WRONG';

export interface AllocationViolation {
  code: AllocationViolationCode;
  message: string;
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** Every way `result` breaks the rules for `input`; empty when the plan is feasible and its totals right. */
export function verifyPlan(input: AllocationInput, result: AllocationResult): AllocationViolation[] {
  const out: AllocationViolation[] = [];
  const add = (code: AllocationViolationCode, message: string) => {
    if (out.length < 100) out.push({ code, message });
  };
  const nowMs = new Date(input.now).getTime();
  const weights = { ...DEFAULT_PRIORITY_WEIGHTS, ...input.options?.priorityWeights };
  const warehouses = new Map(input.warehouses.map((w) => [w.id, w]));
  const lines = new Map(input.lines.map((l) => [l.id, l]));
  const lotKey = (w: string, item: string, lot: string) => `${w}\u0000${item}\u0000${lot}`;
  const lots = new Map(input.lots.map((l) => [lotKey(l.warehouse, l.item, l.lot), l]));
  const expiry = (e: string | null) => (e === null ? Number.POSITIVE_INFINITY : expiryInstantMs(e));
  const checkAt = (lineId: string) => Math.max(new Date(lines.get(lineId)!.neededBy).getTime(), nowMs);

  const drawn = new Map<string, number>();
  const perLine = new Map<string, number>();
  let distance = 0;
  for (const p of result.plan) {
    const line = lines.get(p.line);
    const lot = lots.get(lotKey(p.warehouse, p.item, p.lot));
    if (!line) {
      add('UNKNOWN_LINE', `plan line to unknown request line ${p.line}`);
      continue;
    }
    if (!lot) {
      add('UNKNOWN_LOT', `lot ${p.warehouse}/${p.item}/${p.lot} does not exist`);
      continue;
    }
    if (line.item !== p.item) add('ITEM_MISMATCH', `line ${p.line} asks for ${line.item}, got ${p.item}`);
    if (!Number.isSafeInteger(p.quantity) || p.quantity <= 0) add('QUANTITY_NOT_WHOLE', `${p.quantity} units to line ${p.line}`);
    if (expiry(lot.expiresOn) <= checkAt(p.line)) add('EXPIRED_LOT', `lot ${p.warehouse}/${p.lot} (last day ${lot.expiresOn}) is expired when line ${p.line} needs it`);
    const key = lotKey(p.warehouse, p.item, p.lot);
    drawn.set(key, (drawn.get(key) ?? 0) + p.quantity);
    perLine.set(p.line, (perLine.get(p.line) ?? 0) + p.quantity);
    const km = input.options?.distanceKm ? input.options.distanceKm(warehouses.get(p.warehouse)!, line) : greatCircleKm(warehouses.get(p.warehouse)!, line.point);
    if (!close(km, p.distanceKm)) add('DISTANCE_WRONG', `line ${p.line} from ${p.warehouse}: ${p.distanceKm} km, is ${km}`);
    distance += p.quantity * km;
  }

  // Stock per lot; the reserve per warehouse and item: usable stock left (lots not expired now) ≥ floor.
  const usableLeft = new Map<string, number>();
  for (const lot of input.lots) {
    const key = lotKey(lot.warehouse, lot.item, lot.lot);
    const took = drawn.get(key) ?? 0;
    if (took > lot.quantity) add('LOT_OVERDRAWN', `lot ${lot.warehouse}/${lot.item}/${lot.lot}: ${took} of ${lot.quantity}`);
    if (expiry(lot.expiresOn) > nowMs) {
      const wi = `${lot.warehouse}\u0000${lot.item}`;
      usableLeft.set(wi, (usableLeft.get(wi) ?? 0) + lot.quantity - took);
    }
  }
  const drawnFrom = new Set(result.plan.map((p) => `${p.warehouse}\u0000${p.item}`));
  for (const r of input.reserves ?? []) {
    const wi = `${r.warehouse}\u0000${r.item}`;
    const took = drawnFrom.has(wi);
    const left = usableLeft.get(wi) ?? 0;
    if (took && left < r.quantity) add('RESERVE_BROKEN', `${r.warehouse}/${r.item}: ${left} left, reserve ${r.quantity}`);
  }

  // FEFO: a line served from a lot must not have had an earlier-expiring lot of that warehouse
  // and item, still usable for it, left with stock.
  const lotsOf = new Map<string, AllocationLot[]>();
  for (const lot of input.lots) {
    const wi = `${lot.warehouse}\u0000${lot.item}`;
    const list = lotsOf.get(wi);
    if (list) list.push(lot);
    else lotsOf.set(wi, [lot]);
  }
  for (const p of result.plan) {
    const lot = lots.get(lotKey(p.warehouse, p.item, p.lot));
    if (!lot || !lines.has(p.line)) continue;
    const at = checkAt(p.line);
    const mine = expiry(lot.expiresOn);
    for (const other of lotsOf.get(`${p.warehouse}\u0000${p.item}`) ?? []) {
      const e = expiry(other.expiresOn);
      if (e < mine && e > at && other.quantity - (drawn.get(lotKey(other.warehouse, other.item, other.lot)) ?? 0) > 0) {
        add('NOT_FEFO', `line ${p.line} got lot ${p.lot} while ${other.lot} (expiring earlier, still usable) had stock left at ${p.warehouse}`);
      }
    }
  }

  let weightedUnmet = 0;
  let unmetQuantity = 0;
  for (const line of input.lines) {
    const got = perLine.get(line.id) ?? 0;
    if (got > line.quantity) add('LINE_OVERFILLED', `line ${line.id}: ${got} of ${line.quantity}`);
    weightedUnmet += weights[line.priority] * Math.max(0, line.quantity - got);
    unmetQuantity += Math.max(0, line.quantity - got);
  }
  result.lines.forEach((r, i) => {
    const line = input.lines[i];
    if (!line || r.line !== line.id || r.requested !== line.quantity || r.allocated !== (perLine.get(line.id) ?? 0) || r.unmet !== line.quantity - r.allocated) {
      add('LINE_TOTALS_WRONG', `line result ${i} (${r.line}) does not match the plan`);
    }
  });
  if (result.lines.length !== input.lines.length) add('LINE_TOTALS_WRONG', `${result.lines.length} line results for ${input.lines.length} lines`);
  const o = result.objective;
  if (!close(o.weightedUnmet, weightedUnmet) || !close(o.distance, distance) || o.unmetQuantity !== unmetQuantity) {
    add('OBJECTIVE_WRONG', `reported ${o.weightedUnmet}/${o.distance}/${o.unmetQuantity}, is ${weightedUnmet}/${distance}/${unmetQuantity}`);
  }
  return out;
}

/**
 * From warehouse flows to lots, first expiring first (FEFO), and the result's totals.
 *
 * Within one warehouse and item, the lots a line may use are a suffix of the lots sorted by
 * expiry (those not expired at its needed-by time). Lines are served in the order of that
 * suffix's start (the least demanding first), each from the earliest-expiring lot it may use
 * that has stock left. Every line thus gets the first-expiring lots it could get, and the lots
 * left (holding the reserve) are the latest-expiring ones. Whenever the flows meet the LP's
 * nested rows (Hall's condition) this never runs out.
 */
import type { Flow } from './item-lp.js';
import { firstUsableLot, type PreparedInput } from './prepare.js';
import type { AllocationLineResult, AllocationObjective, AllocationPlanLine } from './types.js';

export interface AssembledPlan {
  plan: AllocationPlanLine[];
  lines: AllocationLineResult[];
  objective: AllocationObjective;
}

/** `flowsByItem[i]` are the whole-unit flows of `prep.items[i]`. */
export function assemblePlan(prep: PreparedInput, lineCount: number, flowsByItem: ReadonlyArray<readonly Flow[]>): AssembledPlan {
  const allocated = new Array<number>(lineCount).fill(0);
  const planned: Array<AllocationPlanLine & { order: number; expiresAtMs: number }> = [];
  const lines: AllocationLineResult[] = new Array<AllocationLineResult>(lineCount);
  let distance = 0;

  prep.items.forEach((problem, i) => {
    const flows = flowsByItem[i] ?? [];
    const byStock = new Map<number, Flow[]>();
    for (const f of flows) {
      const list = byStock.get(f.stock);
      if (list) list.push(f);
      else byStock.set(f.stock, [f]);
    }
    for (const [j, list] of byStock) {
      const stock = problem.stocks[j]!;
      const left = stock.lots.map((lot) => lot.quantity);
      const threshold = new Map(list.map((f) => [f, firstUsableLot(stock, problem.lines[f.line]!.checkAtMs)]));
      list.sort((a, b) => threshold.get(a)! - threshold.get(b)! || problem.lines[a.line]!.index - problem.lines[b.line]!.index);
      let next = 0;
      for (const f of list) {
        const line = problem.lines[f.line]!;
        let need = f.quantity;
        let k = Math.max(next, threshold.get(f)!);
        while (need > 0) {
          while (k < left.length && left[k] === 0) k++;
          if (k >= left.length) throw new Error(`allocation: the lots of warehouse ${prep.warehouses[stock.warehouse]!.id} cannot serve line ${line.line.id} first-expiring-first`);
          const take = Math.min(need, left[k]!);
          left[k]! -= take;
          need -= take;
          const lot = stock.lots[k]!;
          planned.push({ warehouse: prep.warehouses[stock.warehouse]!.id, lot: lot.lot, item: problem.item, line: line.line.id, quantity: take, distanceKm: f.distanceKm, order: line.index, expiresAtMs: lot.expiresAtMs });
        }
        next = k;
        allocated[line.index]! += f.quantity;
        distance += f.quantity * f.distanceKm;
      }
    }
    for (const line of problem.lines) {
      lines[line.index] = { line: line.line.id, item: problem.item, priority: line.line.priority, requested: line.quantity, allocated: 0, unmet: 0 };
    }
  });

  let weightedUnmet = 0;
  let unmetQuantity = 0;
  let allocatedQuantity = 0;
  prep.items.forEach((problem) => {
    for (const line of problem.lines) {
      const got = allocated[line.index]!;
      if (got > line.quantity) throw new Error(`allocation: line ${line.line.id} over-allocated`);
      const result = lines[line.index]!;
      result.allocated = got;
      result.unmet = line.quantity - got;
      weightedUnmet += line.weight * result.unmet;
      unmetQuantity += result.unmet;
      allocatedQuantity += got;
    }
  });
  planned.sort((a, b) => a.order - b.order || a.distanceKm - b.distanceKm || a.warehouse.localeCompare(b.warehouse) || a.expiresAtMs - b.expiresAtMs);
  const plan = planned.map(({ order: _order, expiresAtMs: _expires, ...line }) => line);
  return { plan, lines, objective: { weightedUnmet, distance, unmetQuantity, allocatedQuantity } };
}

/**
 * The baseline the solver is measured against: what a dispatcher does by hand. Lines in order of
 * priority, then needed-by time; each takes what it can from the nearest warehouse with usable
 * stock above the reserve, then the next nearest, lots first expiring first. Feasible (same
 * stock, reserve and expiry rules), not optimal: an early line may empty the only warehouse a
 * later line could use, or take stock far from its nearest when a closer one is free.
 */
import { assemblePlan } from './fefo.js';
import type { Flow } from './item-lp.js';
import { firstUsableLot, prepareInput, type ItemProblem, type PreparedInput } from './prepare.js';
import type { AllocationInput, AllocationResult } from './types.js';

export function greedyItem(problem: ItemProblem, prep: PreparedInput): Flow[] {
  const left = problem.stocks.map((s) => s.lots.map((lot) => lot.quantity));
  const room = problem.stocks.map((s) => s.allocatable);
  const order = problem.lines.map((_, l) => l);
  order.sort((a, b) => {
    const la = problem.lines[a]!;
    const lb = problem.lines[b]!;
    return la.line.priority - lb.line.priority || la.checkAtMs - lb.checkAtMs || la.index - lb.index;
  });
  const flows: Flow[] = [];
  for (const l of order) {
    const line = problem.lines[l]!;
    const candidates = problem.stocks.map((stock, j) => ({ j, km: prep.distanceKm(stock.warehouse, line), from: firstUsableLot(stock, line.checkAtMs) }));
    candidates.sort((a, b) => a.km - b.km || a.j - b.j);
    let need = line.quantity;
    for (const { j, km, from } of candidates) {
      if (need === 0) break;
      const lots = left[j]!;
      let take = 0;
      for (let k = from; k < lots.length && take < need && take < room[j]!; k++) {
        const t = Math.min(lots[k]!, need - take, room[j]! - take);
        lots[k]! -= t;
        take += t;
      }
      if (take === 0) continue;
      room[j]! -= take;
      need -= take;
      flows.push({ line: l, stock: j, quantity: take, distanceKm: km });
    }
  }
  return flows;
}

/** The greedy baseline's plan for the same input (synchronous; no solver). */
export function allocateGreedy(input: AllocationInput): AllocationResult {
  const started = performance.now();
  const prep = prepareInput(input);
  const flowsByItem = prep.items.map((problem) => greedyItem(problem, prep));
  const { plan, lines, objective } = assemblePlan(prep, input.lines.length, flowsByItem);
  return {
    method: 'greedy',
    plan,
    lines,
    objective,
    stats: { items: prep.items.length, linearPrograms: 0, columns: 0, rows: 0, fractionalColumns: 0, notOptimal: 0, seconds: (performance.now() - started) / 1000, solverSeconds: 0 },
  };
}

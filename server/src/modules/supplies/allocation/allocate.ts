/**
 * 精准投放: the allocation plan. Each item is an independent transportation LP (item-lp.ts)
 * solved by HiGHS: first the least priority-weighted unmet demand, then the least units × km;
 * stock, reserves and expiry respected; lots first expiring first (fefo.ts).
 */
import { assemblePlan } from './fefo.js';
import { greedyItem } from './greedy.js';
import { solveItem, type Flow } from './item-lp.js';
import { prepareInput } from './prepare.js';
import { loadSolver } from './solver.js';
import type { AllocationInput, AllocationObjective, AllocationResult } from './types.js';

/**
 * The plan's gap to a lower bound, in %: the larger of the weighted unmet demand's and the
 * distance's relative excess (each over max(bound, 1), never below 0). The distance is compared
 * only when the plan's weighted unmet demand is the bound's (otherwise the first objective
 * decides and its gap is the one that counts).
 */
export function objectiveGapPct(objective: Pick<AllocationObjective, 'weightedUnmet' | 'distance'>, bound: Pick<AllocationObjective, 'weightedUnmet' | 'distance'>): number {
  const unmetGap = Math.max(0, objective.weightedUnmet - bound.weightedUnmet) / Math.max(bound.weightedUnmet, 1);
  const sameFirst = unmetGap < 1e-9;
  const distanceGap = sameFirst ? Math.max(0, objective.distance - bound.distance) / Math.max(bound.distance, 1) : 0;
  return 100 * Math.max(unmetGap, distanceGap);
}

function servedInFull(lines: ReadonlyArray<{ quantity: number }>, flows: readonly Flow[]): boolean {
  const got = new Array<number>(lines.length).fill(0);
  for (const f of flows) got[f.line]! += f.quantity;
  return lines.every((l, i) => got[i] === l.quantity);
}

/**
 * The optimal plan for `input`. Throws AppError VALIDATION_FAILED (`details.fields`: field and
 * code) on bad input. The result's `bound` is the LP relaxation's optimum and `gapPct` the plan's
 * distance from it after rounding to whole units (0 when no rounding was needed).
 */
export async function allocate(input: AllocationInput): Promise<AllocationResult> {
  const started = performance.now();
  const prep = prepareInput(input);
  const highs = await loadSolver();
  const model = highs.createModel();
  const flowsByItem: Flow[][] = [];
  const stats = { items: prep.items.length, linearPrograms: 0, columns: 0, rows: 0, fractionalColumns: 0, notOptimal: 0, seconds: 0, solverSeconds: 0 };
  let boundUnmet = 0;
  let boundDistance = 0;
  try {
    model.options.set({ output_flag: false, blend_multi_objectives: false });
    const timeLimit = input.options?.itemTimeLimitSeconds;
    for (const problem of prep.items) {
      if (timeLimit !== undefined) model.zeroAllClocks();
      // When the greedy serves every line in full, no unmet demand is the first optimum: one LP.
      const servesAll = servedInFull(problem.lines, greedyItem(problem, prep));
      const solved = solveItem(highs, model, problem, prep, timeLimit, servesAll);
      flowsByItem.push(solved.flows);
      boundUnmet += solved.lpWeightedUnmet;
      boundDistance += solved.lpDistance;
      if (solved.columns > 0) stats.linearPrograms++;
      stats.columns += solved.columns;
      stats.rows += solved.rows;
      stats.fractionalColumns += solved.fractionalColumns;
      if (!solved.optimal) stats.notOptimal++;
      stats.solverSeconds += solved.solverSeconds;
    }
  } finally {
    model.dispose();
  }
  const { plan, lines, objective } = assemblePlan(prep, input.lines.length, flowsByItem);
  stats.seconds = (performance.now() - started) / 1000;
  if (stats.notOptimal > 0) return { method: 'lp', plan, lines, objective, stats };
  const bound = { weightedUnmet: boundUnmet, distance: boundDistance };
  return { method: 'lp', plan, lines, objective, bound, gapPct: objectiveGapPct(objective, bound), stats };
}

/**
 * One item's allocation as a transportation LP, solved by HiGHS (WebAssembly) with its two
 * objectives in lexicographic order, then rounded to whole units without breaking a constraint.
 *
 * Columns: x[l,w] = units warehouse w sends to line l, for each warehouse with a lot usable by
 * the line (not expired at the line's needed-by time). Rows:
 * - per line: Σ_w x[l,w] ≤ quantity(l);
 * - per warehouse and expiry threshold s (the lots a line may use are always a suffix of the
 *   warehouse's lots sorted by expiry, starting at the line's threshold): Σ over lines whose
 *   threshold is ≥ s of x[l,w] ≤ min(units in lots s.., units above the reserve). The smallest
 *   threshold's row bounds everything the warehouse sends, so it carries the reserve; a row no
 *   tighter than the one below it is implied and left out. These rows are exactly Hall's
 *   condition for nested sets, so any flow meeting them can be served lot by lot, first
 *   expiring first (fefo.ts).
 * Objectives: first max Σ weight(l)·x (= min weighted unmet, the unmet being quantity − Σ x),
 * then min Σ km·x. Both row families are laminar, so the matrix is totally unimodular: the
 * first stage's vertices are whole; the second adds the first objective as a row, which may
 * leave a fractional vertex, hence the rounding.
 */
import type { Highs, Model } from 'highs';
import { firstUsableLot, type ItemProblem, type PreparedInput } from './prepare.js';

/** Units warehouse-stock `stock` (index into problem.stocks) sends to line `line` (index into problem.lines). */
export interface Flow {
  line: number;
  stock: number;
  quantity: number;
  distanceKm: number;
}

export interface ItemSolution {
  flows: Flow[];
  /** The LP optimum (continuous): weighted unmet and distance. */
  lpWeightedUnmet: number;
  lpDistance: number;
  columns: number;
  rows: number;
  fractionalColumns: number;
  optimal: boolean;
  solverSeconds: number;
}

/** A candidate column: line l from warehouse stock j, within rows rowStart.. of stock j. */
interface Column {
  line: number;
  stock: number;
  distanceKm: number;
  /** Indexes (into `capacity`) of the stock rows this column is in. */
  rows: number[];
  upper: number;
}

const EPS = 1e-6;

/** The LP's columns and rows for one item, before it goes to HiGHS. */
export interface ItemModel {
  columns: Column[];
  /** Upper bound of each stock row. */
  capacity: number[];
}

/** Builds the columns and stock rows (see the file comment). */
export function buildItemModel(problem: ItemProblem, prep: PreparedInput): ItemModel {
  const columns: Column[] = [];
  const capacity: number[] = [];
  const lines = problem.lines;
  problem.stocks.forEach((stock, j) => {
    const threshold = lines.map((l) => firstUsableLot(stock, l.checkAtMs));
    const used = [...new Set(threshold.filter((s) => stock.suffix[s]! > 0))].sort((a, b) => a - b);
    if (used.length === 0) return;
    // Kept rows: threshold and row index; a row not tighter than the previous kept one is implied.
    const kept: Array<{ threshold: number; row: number; cap: number }> = [];
    for (const s of used) {
      const cap = Math.min(stock.suffix[s]!, stock.allocatable);
      if (kept.length > 0 && cap >= kept[kept.length - 1]!.cap) continue;
      kept.push({ threshold: s, row: capacity.length, cap });
      capacity.push(cap);
    }
    lines.forEach((line, l) => {
      const s = threshold[l]!;
      if (stock.suffix[s]! <= 0) return;
      const rows: number[] = [];
      let upper = line.quantity;
      for (const k of kept) {
        if (k.threshold > s) break;
        rows.push(k.row);
        upper = Math.min(upper, k.cap);
      }
      columns.push({ line: l, stock: j, distanceKm: prep.distanceKm(stock.warehouse, line), rows, upper });
    });
  });
  return { columns, capacity };
}

/** Solves one item; `model` is a HiGHS instance reused across items (its options already set). */
export function solveItem(highs: Highs, model: Model, problem: ItemProblem, prep: PreparedInput, timeLimitSeconds?: number): ItemSolution {
  const { columns, capacity } = buildItemModel(problem, prep);
  const lines = problem.lines;
  const nLines = lines.length;
  const nCols = columns.length;
  const nRows = nLines + capacity.length;
  const totalWeighted = lines.reduce((sum, l) => sum + l.weight * l.quantity, 0);
  if (nCols === 0) {
    return { flows: [], lpWeightedUnmet: totalWeighted, lpDistance: 0, columns: 0, rows: 0, fractionalColumns: 0, optimal: true, solverSeconds: 0 };
  }

  // CSC: column c has the line row, then its stock rows (offset by nLines).
  const starts = new Int32Array(nCols + 1);
  let nnz = 0;
  for (let c = 0; c < nCols; c++) nnz += 1 + columns[c]!.rows.length;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz).fill(1);
  const upper = new Float64Array(nCols);
  const weightCoef = new Float64Array(nCols);
  const distCoef = new Float64Array(nCols);
  let k = 0;
  for (let c = 0; c < nCols; c++) {
    const col = columns[c]!;
    starts[c] = k;
    indices[k++] = col.line;
    for (const r of col.rows) indices[k++] = nLines + r;
    upper[c] = col.upper;
    weightCoef[c] = lines[col.line]!.weight;
    distCoef[c] = col.distanceKm;
  }
  starts[nCols] = k;
  const rowUpper = new Float64Array(nRows);
  for (let l = 0; l < nLines; l++) rowUpper[l] = lines[l]!.quantity;
  for (let r = 0; r < capacity.length; r++) rowUpper[nLines + r] = capacity[r]!;

  const started = performance.now();
  model.passModel({
    numCols: nCols,
    numRows: nRows,
    colCost: new Float64Array(nCols),
    colLower: new Float64Array(nCols),
    colUpper: upper,
    rowLower: new Float64Array(nRows).fill(-highs.infinity),
    rowUpper,
    matrix: { format: 'csc', numRows: nRows, numCols: nCols, starts, indices, values },
  });
  model.passLinearObjectives([
    // First (higher priority): maximise the weighted units served.
    { weight: -1, offset: 0, coefficients: weightCoef, absoluteTolerance: EPS, relativeTolerance: 0, priority: 2 },
    // Then: minimise units × km.
    { weight: 1, offset: 0, coefficients: distCoef, absoluteTolerance: EPS, relativeTolerance: 0, priority: 1 },
  ]);
  if (timeLimitSeconds !== undefined) model.options.set('time_limit', timeLimitSeconds);
  const run = model.run();
  const optimal = run.modelStatus === highs.constants.modelStatus.optimal;
  const primal = model.info.get('primal_solution_status') === highs.constants.solutionStatus.feasible;
  const x = primal ? model.getSolution().colValue : new Float64Array(nCols);
  const solverSeconds = (performance.now() - started) / 1000;

  let served = 0;
  let lpDistance = 0;
  let fractionalColumns = 0;
  for (let c = 0; c < nCols; c++) {
    const v = x[c]!;
    served += weightCoef[c]! * v;
    lpDistance += distCoef[c]! * v;
    if (Math.abs(v - Math.round(v)) > EPS) fractionalColumns++;
  }
  const flows = roundFlows(problem, columns, capacity, x);
  return { flows, lpWeightedUnmet: Math.max(0, totalWeighted - served), lpDistance, columns: nCols, rows: nRows, fractionalColumns, optimal: optimal && primal, solverSeconds };
}

/**
 * Whole units from the LP values: each value rounded down (a value a hair under a whole number
 * counts as that number), any row then over its bound trimmed (farthest first), then what is left
 * of each line filled from its nearest warehouses with room, in priority order. Never exceeds a row.
 */
export function roundFlows(problem: ItemProblem, columns: readonly Column[], capacity: readonly number[], x: ArrayLike<number>): Flow[] {
  const lines = problem.lines;
  const q = columns.map((col, c) => Math.min(col.upper, Math.max(0, Math.floor(x[c]! + EPS))));
  const lineLeft = lines.map((l) => l.quantity);
  const rowLeft = [...capacity];
  columns.forEach((col, c) => {
    lineLeft[col.line]! -= q[c]!;
    for (const r of col.rows) rowLeft[r]! -= q[c]!;
  });
  // Trim rows over their bound (only possible through rounding up by EPS), farthest units first.
  const byDistanceDesc = columns.map((_, c) => c).sort((a, b) => columns[b]!.distanceKm - columns[a]!.distanceKm);
  const over = () => lineLeft.some((v) => v < 0) || rowLeft.some((v) => v < 0);
  if (over()) {
    for (const c of byDistanceDesc) {
      const col = columns[c]!;
      let cut = Math.max(0, -lineLeft[col.line]!);
      for (const r of col.rows) cut = Math.max(cut, -rowLeft[r]!);
      cut = Math.min(cut, q[c]!);
      if (cut === 0) continue;
      q[c]! -= cut;
      lineLeft[col.line]! += cut;
      for (const r of col.rows) rowLeft[r]! += cut;
    }
  }
  // Fill what rounding left unmet: heaviest lines first, then earliest needed; nearest first.
  const byLine = new Map<number, number[]>();
  columns.forEach((col, c) => {
    const list = byLine.get(col.line);
    if (list) list.push(c);
    else byLine.set(col.line, [c]);
  });
  const order = lines.map((_, l) => l).filter((l) => lineLeft[l]! > 0 && byLine.has(l));
  order.sort((a, b) => lines[b]!.weight - lines[a]!.weight || lines[a]!.checkAtMs - lines[b]!.checkAtMs || a - b);
  for (const l of order) {
    const cands = byLine.get(l)!.sort((a, b) => columns[a]!.distanceKm - columns[b]!.distanceKm);
    for (const c of cands) {
      if (lineLeft[l]! <= 0) break;
      const col = columns[c]!;
      let room = Math.min(lineLeft[l]!, col.upper - q[c]!);
      for (const r of col.rows) room = Math.min(room, rowLeft[r]!);
      if (room <= 0) continue;
      q[c]! += room;
      lineLeft[l]! -= room;
      for (const r of col.rows) rowLeft[r]! -= room;
    }
  }
  const flows: Flow[] = [];
  columns.forEach((col, c) => {
    if (q[c]! > 0) flows.push({ line: col.line, stock: col.stock, quantity: q[c]!, distanceKm: col.distanceKm });
  });
  return flows;
}


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

const EPS = 1e-6;

/**
 * The LP's columns and stock rows for one item, column-wise in flat arrays (an item can have
 * tens of thousands of columns: no object per column). Column c is line `line[c]` from stock
 * `stock[c]`, in the stock rows rowFirst[c] .. rowFirst[c] + rowCount[c] - 1 (a stock's rows
 * are consecutive, smallest threshold first, and a column is in those up to its threshold).
 */
export interface ItemModel {
  count: number;
  line: Int32Array;
  stock: Int32Array;
  distanceKm: Float64Array;
  upper: Float64Array;
  rowFirst: Int32Array;
  rowCount: Int32Array;
  /** Upper bound of each stock row. */
  capacity: number[];
}

/** Builds the columns and stock rows (see the file comment). */
export function buildItemModel(problem: ItemProblem, prep: PreparedInput): ItemModel {
  const lines = problem.lines;
  const capacity: number[] = [];
  let size = Math.min(Math.max(16, lines.length * problem.stocks.length), 4096);
  let m = { line: new Int32Array(size), stock: new Int32Array(size), distanceKm: new Float64Array(size), upper: new Float64Array(size), rowFirst: new Int32Array(size), rowCount: new Int32Array(size) };
  let count = 0;
  const threshold = new Int32Array(lines.length);
  const keptThreshold: number[] = [];
  const keptCap: number[] = [];
  problem.stocks.forEach((stock, j) => {
    const used = new Set<number>();
    for (let l = 0; l < lines.length; l++) {
      const s = firstUsableLot(stock, lines[l]!.checkAtMs);
      threshold[l] = s;
      if (stock.suffix[s]! > 0) used.add(s);
    }
    if (used.size === 0) return;
    // Kept rows: a row no tighter than the previous kept one (a superset of its lines) is implied.
    keptThreshold.length = 0;
    keptCap.length = 0;
    const firstRow = capacity.length;
    for (const s of [...used].sort((a, b) => a - b)) {
      const cap = Math.min(stock.suffix[s]!, stock.allocatable);
      if (keptCap.length > 0 && cap >= keptCap[keptCap.length - 1]!) continue;
      keptThreshold.push(s);
      keptCap.push(cap);
      capacity.push(cap);
    }
    for (let l = 0; l < lines.length; l++) {
      const s = threshold[l]!;
      if (stock.suffix[s]! <= 0) continue;
      let rows = 0;
      let upper = lines[l]!.quantity;
      while (rows < keptThreshold.length && keptThreshold[rows]! <= s) upper = Math.min(upper, keptCap[rows++]!);
      if (count === size) {
        size *= 2;
        const grow = <T extends Int32Array | Float64Array>(a: T): T => {
          const b = new (a.constructor as new (n: number) => T)(size);
          b.set(a);
          return b;
        };
        m = { line: grow(m.line), stock: grow(m.stock), distanceKm: grow(m.distanceKm), upper: grow(m.upper), rowFirst: grow(m.rowFirst), rowCount: grow(m.rowCount) };
      }
      m.line[count] = l;
      m.stock[count] = j;
      m.distanceKm[count] = prep.distanceKm(stock.warehouse, lines[l]!);
      m.upper[count] = upper;
      m.rowFirst[count] = firstRow;
      m.rowCount[count] = rows;
      count++;
    }
  });
  return { count, ...m, capacity };
}

/** Solves one item; `model` is a HiGHS instance reused across items (its options already set). */
export function solveItem(highs: Highs, model: Model, problem: ItemProblem, prep: PreparedInput, timeLimitSeconds?: number, servesAll = false): ItemSolution {
  const built = buildItemModel(problem, prep);
  const { capacity } = built;
  const lines = problem.lines;
  const nLines = lines.length;
  const nCols = built.count;
  const nRows = nLines + capacity.length;
  const totalWeighted = lines.reduce((sum, l) => sum + l.weight * l.quantity, 0);
  if (nCols === 0) {
    return { flows: [], lpWeightedUnmet: totalWeighted, lpDistance: 0, columns: 0, rows: 0, fractionalColumns: 0, optimal: true, solverSeconds: 0 };
  }

  // CSC: column c has the line row, then its stock rows (offset by nLines).
  const starts = new Int32Array(nCols + 1);
  let nnz = 0;
  for (let c = 0; c < nCols; c++) nnz += 1 + built.rowCount[c]!;
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz).fill(1);
  const weightCoef = new Float64Array(nCols);
  const distCoef = built.distanceKm.subarray(0, nCols);
  let k = 0;
  for (let c = 0; c < nCols; c++) {
    starts[c] = k;
    indices[k++] = built.line[c]!;
    const first = nLines + built.rowFirst[c]!;
    for (let r = 0; r < built.rowCount[c]!; r++) indices[k++] = first + r;
    weightCoef[c] = lines[built.line[c]!]!.weight;
  }
  starts[nCols] = k;
  const rowUpper = new Float64Array(nRows);
  for (let l = 0; l < nLines; l++) rowUpper[l] = lines[l]!.quantity;
  for (let r = 0; r < capacity.length; r++) rowUpper[nLines + r] = capacity[r]!;

  const started = performance.now();
  const rowLower = new Float64Array(nRows).fill(-highs.infinity);
  if (servesAll) {
    // Every line can be served in full (a feasible plan does so): the first objective's optimum
    // is no unmet demand, so one LP with each line's row an equality and the distance as cost.
    for (let l = 0; l < nLines; l++) rowLower[l] = lines[l]!.quantity;
    model.clearLinearObjectives();
  }
  model.passModel({
    numCols: nCols,
    numRows: nRows,
    colCost: servesAll ? distCoef : new Float64Array(nCols),
    colLower: new Float64Array(nCols),
    colUpper: built.upper.subarray(0, nCols),
    rowLower,
    rowUpper,
    matrix: { format: 'csc', numRows: nRows, numCols: nCols, starts, indices, values },
  });
  if (!servesAll) {
    model.passLinearObjectives([
      // First (higher priority): maximise the weighted units served.
      { weight: -1, offset: 0, coefficients: weightCoef, absoluteTolerance: EPS, relativeTolerance: 0, priority: 2 },
      // Then: minimise units × km.
      { weight: 1, offset: 0, coefficients: distCoef, absoluteTolerance: EPS, relativeTolerance: 0, priority: 1 },
    ]);
  }
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
  const flows = roundFlows(problem, built, x);
  return { flows, lpWeightedUnmet: Math.max(0, totalWeighted - served), lpDistance, columns: nCols, rows: nRows, fractionalColumns, optimal: optimal && primal, solverSeconds };
}

/**
 * Whole units from the LP values: each value rounded down (a value a hair under a whole number
 * counts as that number), any row then over its bound trimmed (farthest first), then what is left
 * of each line filled from its nearest warehouses with room, in priority order. Never exceeds a row.
 */
export function roundFlows(problem: ItemProblem, m: ItemModel, x: ArrayLike<number>): Flow[] {
  const lines = problem.lines;
  const n = m.count;
  const q = new Float64Array(n);
  const lineLeft = lines.map((l) => l.quantity);
  const rowLeft = [...m.capacity];
  for (let c = 0; c < n; c++) {
    const v = Math.min(m.upper[c]!, Math.max(0, Math.floor(x[c]! + EPS)));
    q[c] = v;
    if (v === 0) continue;
    lineLeft[m.line[c]!]! -= v;
    for (let r = m.rowFirst[c]!, end = r + m.rowCount[c]!; r < end; r++) rowLeft[r]! -= v;
  }
  // Trim rows over their bound (only possible through rounding up by EPS), farthest units first.
  if (lineLeft.some((v) => v < 0) || rowLeft.some((v) => v < 0)) {
    const byDistanceDesc = Array.from({ length: n }, (_, c) => c).sort((a, b) => m.distanceKm[b]! - m.distanceKm[a]!);
    for (const c of byDistanceDesc) {
      if (q[c] === 0) continue;
      let cut = Math.max(0, -lineLeft[m.line[c]!]!);
      for (let r = m.rowFirst[c]!, end = r + m.rowCount[c]!; r < end; r++) cut = Math.max(cut, -rowLeft[r]!);
      cut = Math.min(cut, q[c]!);
      if (cut === 0) continue;
      q[c]! -= cut;
      lineLeft[m.line[c]!]! += cut;
      for (let r = m.rowFirst[c]!, end = r + m.rowCount[c]!; r < end; r++) rowLeft[r]! += cut;
    }
  }
  // Fill what rounding left unmet: heaviest lines first, then earliest needed; nearest first.
  const open = new Set<number>();
  for (let l = 0; l < lines.length; l++) if (lineLeft[l]! > 0) open.add(l);
  if (open.size > 0) {
    const byLine = new Map<number, number[]>();
    for (let c = 0; c < n; c++) {
      const l = m.line[c]!;
      if (!open.has(l)) continue;
      const list = byLine.get(l);
      if (list) list.push(c);
      else byLine.set(l, [c]);
    }
    const order = [...byLine.keys()].sort((a, b) => lines[b]!.weight - lines[a]!.weight || lines[a]!.checkAtMs - lines[b]!.checkAtMs || a - b);
    for (const l of order) {
      const cands = byLine.get(l)!.sort((a, b) => m.distanceKm[a]! - m.distanceKm[b]!);
      for (const c of cands) {
        if (lineLeft[l]! <= 0) break;
        let room = Math.min(lineLeft[l]!, m.upper[c]! - q[c]!);
        for (let r = m.rowFirst[c]!, end = r + m.rowCount[c]!; r < end; r++) room = Math.min(room, rowLeft[r]!);
        if (room <= 0) continue;
        q[c]! += room;
        lineLeft[l]! -= room;
        for (let r = m.rowFirst[c]!, end = r + m.rowCount[c]!; r < end; r++) rowLeft[r]! -= room;
      }
    }
  }
  const flows: Flow[] = [];
  for (let c = 0; c < n; c++) if (q[c]! > 0) flows.push({ line: m.line[c]!, stock: m.stock[c]!, quantity: q[c]!, distanceKm: m.distanceKm[c]! });
  return flows;
}

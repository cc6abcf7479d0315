/**
 * The allocation solver's input and output (精准投放): which warehouse sends which lot to which
 * request line. Pure data; docs/allocation.md describes every field and the model.
 */

/** 1 is the highest priority (life-saving), 4 the lowest. */
export type AllocationPriority = 1 | 2 | 3 | 4;

/** A point in WGS-84 degrees. */
export interface LonLat {
  lon: number;
  lat: number;
}

/** One line of an approved request: this much of one item, to this point, by this time. */
export interface AllocationRequestLine {
  /** Unique among the input's lines; the plan refers to it. */
  id: string;
  /** Where the supplies go (the requesting community or site). */
  point: LonLat;
  /** The item (its GB/T 38565 code or any stable item key); lots of the same key serve it. */
  item: string;
  /** Whole units, at least 1. */
  quantity: number;
  priority: AllocationPriority;
  /** When it is needed (an instant). A lot expired at this time (or at `now`, if later) never serves it. */
  neededBy: Date | string;
}

export interface AllocationWarehouse extends LonLat {
  /** Unique among the input's warehouses. */
  id: string;
}

/** Stock of one lot of one item in one warehouse. */
export interface AllocationLot {
  warehouse: string;
  item: string;
  /** The lot (batch) number; unique within its warehouse and item. */
  lot: string;
  /** Whole units on hand, 0 or more. */
  quantity: number;
  /**
   * The last local day (YYYY-MM-DD, the deployment's time zone) on which the lot may be used;
   * it is expired from the start of the next day. Null: does not expire (tents, quilts).
   */
  expiresOn: string | null;
}

/** Stock of an item in a warehouse that must stay (the reserve floor): never allocated. */
export interface AllocationReserve {
  warehouse: string;
  item: string;
  /** Whole units, 0 or more. Counted against the lots not expired at `now`. */
  quantity: number;
}

/** Weight of one unmet unit of each priority in the first objective. */
export type PriorityWeights = Record<AllocationPriority, number>;

export interface AllocationOptions {
  /** Default {1: 1000, 2: 100, 3: 10, 4: 1}: a priority-1 unit outweighs 10 units of priority 2. */
  priorityWeights?: Partial<PriorityWeights>;
  /**
   * Distance in km from a warehouse to a line's point. Default: great-circle (haversine). A road
   * network's distance or travel time can be passed instead (it must be finite and non-negative).
   */
  distanceKm?: (from: AllocationWarehouse, to: AllocationRequestLine) => number;
  /** HiGHS time limit for each item's LP, seconds (default none: solve to optimality). */
  itemTimeLimitSeconds?: number;
}

export interface AllocationInput {
  /** The time the plan is made: lots expired by then count for nothing (neither stock nor reserve). */
  now: Date | string;
  lines: readonly AllocationRequestLine[];
  warehouses: readonly AllocationWarehouse[];
  lots: readonly AllocationLot[];
  reserves?: readonly AllocationReserve[];
  options?: AllocationOptions;
}

/** One movement of the plan: this many units of this lot go from its warehouse to this line. */
export interface AllocationPlanLine {
  warehouse: string;
  lot: string;
  item: string;
  /** The request line's id. */
  line: string;
  /** Whole units, at least 1. */
  quantity: number;
  /** Warehouse to the line's point, km. */
  distanceKm: number;
}

/** What each request line gets, in the input's order. */
export interface AllocationLineResult {
  line: string;
  item: string;
  priority: AllocationPriority;
  requested: number;
  allocated: number;
  unmet: number;
}

/** The two objectives, in their lexicographic order, and plain totals. */
export interface AllocationObjective {
  /** First objective: Σ priority weight × unmet units. */
  weightedUnmet: number;
  /** Second objective: Σ units × km over the plan. */
  distance: number;
  unmetQuantity: number;
  allocatedQuantity: number;
}

export interface AllocationStats {
  /** Distinct items requested. */
  items: number;
  /** Items solved with an LP (the others had no usable stock or no demand). */
  linearPrograms: number;
  /** LP size, summed over the items. */
  columns: number;
  rows: number;
  /** LP columns whose optimum was not a whole number (before rounding). */
  fractionalColumns: number;
  /** Items whose LP stopped at a limit (time) instead of optimality; their plan is still feasible. */
  notOptimal: number;
  /** Wall time of the whole call, and the part spent inside HiGHS. */
  seconds: number;
  solverSeconds: number;
}

export interface AllocationResult {
  method: 'lp' | 'greedy';
  /** Ordered by request line (input order), then distance, then lot expiry. */
  plan: AllocationPlanLine[];
  lines: AllocationLineResult[];
  objective: AllocationObjective;
  /**
   * The LP relaxation's lexicographic optimum (method `lp` only): no plan, whole units or not,
   * has a smaller weighted unmet demand, nor a smaller distance at that weighted unmet demand.
   */
  bound?: Pick<AllocationObjective, 'weightedUnmet' | 'distance'>;
  /** The plan's objective above the bound, % (see `objectiveGapPct`); 0 when the plan is optimal. */
  gapPct?: number;
  stats: AllocationStats;
}

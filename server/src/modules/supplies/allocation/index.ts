/**
 * 精准投放 (allocation): the solver behind the supplies module's allocation proposals. A pure
 * library: no tables, no routes. docs/allocation.md describes the model and this API.
 */
export { allocate, objectiveGapPct } from './allocate.js';
export { allocateGreedy } from './greedy.js';
export { DEFAULT_PRIORITY_WEIGHTS } from './prepare.js';
export { loadSolver } from './solver.js';
export { greatCircleKm } from './geo.js';
export { verifyPlan, type AllocationViolation, type AllocationViolationCode } from './verify.js';
export type * from './types.js';

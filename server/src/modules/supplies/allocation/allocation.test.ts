import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AppError } from '../../../platform/errors.js';
import { seededRandom } from '../../tickets/classifier/training-texts.js';
import { allocate, allocateGreedy, objectiveGapPct, verifyPlan, type AllocationInput, type AllocationLot, type AllocationPriority, type AllocationRequestLine, type AllocationResult } from './index.js';

const NOW = '2026-12-01T08:00:00+08:00';

/** A line at a named place; distances come from a table so the optimum can be worked out by hand. */
const line = (id: string, quantity: number, priority: AllocationPriority, neededBy = '2026-12-02T12:00:00+08:00', item = '1010101'): AllocationRequestLine => ({
  id,
  item,
  quantity,
  priority,
  neededBy,
  point: { lon: 114.3, lat: 30.6 },
});
const lot = (warehouse: string, lotNo: string, quantity: number, expiresOn: string | null = null, item = '1010101'): AllocationLot => ({ warehouse, item, lot: lotNo, quantity, expiresOn });

function tableInput(km: Record<string, Record<string, number>>, rest: Omit<AllocationInput, 'now' | 'warehouses' | 'options'>): AllocationInput {
  const warehouses = Object.keys(km).map((id) => ({ id, lon: 114.3, lat: 30.6 }));
  return { now: NOW, warehouses, ...rest, options: { distanceKm: (w, l) => km[w.id]![l.id]! } };
}

/** The plan as 'warehouse/lot->line:quantity' strings, in plan order. */
const moves = (r: AllocationResult) => r.plan.map((p) => `${p.warehouse}/${p.lot}->${p.line}:${p.quantity}`);

async function both(input: AllocationInput): Promise<{ ours: AllocationResult; greedy: AllocationResult }> {
  const ours = await allocate(input);
  const greedy = allocateGreedy(input);
  assert.deepEqual(verifyPlan(input, ours), []);
  assert.deepEqual(verifyPlan(input, greedy), []);
  return { ours, greedy };
}

describe('allocation: optimal on small cases solved by hand', () => {
  it('distance: the greedy sends the first line to the shared near warehouse and the second far; ours swaps them (30 km·units against 110)', async () => {
    // W1 is 1 km from both A and B; W2 is 2 km from A but 10 km from B. 10 units each.
    const input = tableInput({ W1: { A: 1, B: 1 }, W2: { A: 2, B: 10 } }, {
      lines: [line('A', 10, 1), line('B', 10, 2)],
      lots: [lot('W1', 'L1', 10), lot('W2', 'L2', 10)],
    });
    const { ours, greedy } = await both(input);
    assert.deepEqual(moves(greedy), ['W1/L1->A:10', 'W2/L2->B:10']);
    assert.equal(greedy.objective.distance, 110);
    assert.deepEqual(moves(ours), ['W2/L2->A:10', 'W1/L1->B:10']);
    assert.deepEqual(ours.objective, { weightedUnmet: 0, distance: 30, unmetQuantity: 0, allocatedQuantity: 20 });
    assert.deepEqual(ours.bound, { weightedUnmet: 0, distance: 30 });
    assert.equal(ours.gapPct, 0);
  });

  it('unmet demand: with a short-dated lot, the greedy strands the later line; ours serves both', async () => {
    // A (priority 1) is needed tomorrow, B (priority 2) in nine days. W1 holds a lot that never
    // expires, W2 (farther) one whose last day is 5 December: only A may use it.
    const input = tableInput({ W1: { A: 1, B: 1 }, W2: { A: 3, B: 3 } }, {
      lines: [line('A', 5, 1, '2026-12-02T12:00:00+08:00'), line('B', 5, 2, '2026-12-10T12:00:00+08:00')],
      lots: [lot('W1', 'L1', 5, null), lot('W2', 'L2', 5, '2026-12-05')],
    });
    const { ours, greedy } = await both(input);
    assert.deepEqual(moves(greedy), ['W1/L1->A:5']);
    assert.deepEqual(greedy.objective, { weightedUnmet: 500, distance: 5, unmetQuantity: 5, allocatedQuantity: 5 });
    assert.deepEqual(moves(ours), ['W2/L2->A:5', 'W1/L1->B:5']);
    assert.deepEqual(ours.objective, { weightedUnmet: 0, distance: 20, unmetQuantity: 0, allocatedQuantity: 10 });
  });

  it('priority: short stock goes to the higher priority even when it is farther', async () => {
    const input = tableInput({ W1: { A: 5, B: 1 } }, { lines: [line('A', 8, 1), line('B', 8, 3)], lots: [lot('W1', 'L1', 10)] });
    const { ours } = await both(input);
    assert.deepEqual(moves(ours), ['W1/L1->A:8', 'W1/L1->B:2']);
    assert.deepEqual(ours.lines.map((l) => [l.line, l.allocated, l.unmet]), [['A', 8, 0], ['B', 2, 6]]);
    assert.deepEqual(ours.objective, { weightedUnmet: 60, distance: 42, unmetQuantity: 6, allocatedQuantity: 10 });
  });

  it('the weights decide between one priority-1 unit and many lower ones', async () => {
    // 12 units: A (priority 1) wants 12, B and C (priority 2) 6 each. With the default weights
    // (1000 / 100) A gets all; with 1 / 1 the shorter distances win.
    const km = { W1: { A: 9, B: 1, C: 1 } };
    const rest = { lines: [line('A', 12, 1), line('B', 6, 2), line('C', 6, 2)], lots: [lot('W1', 'L1', 12)] };
    const strict = await allocate(tableInput(km, rest));
    assert.deepEqual(moves(strict), ['W1/L1->A:12']);
    const flat = await allocate({ ...tableInput(km, rest), options: { distanceKm: (_w, l) => (km.W1 as Record<string, number>)[l.id]!, priorityWeights: { 1: 1, 2: 1 } } });
    assert.equal(flat.objective.weightedUnmet, 12);
    assert.equal(flat.objective.distance, 12);
    assert.deepEqual(moves(flat), ['W1/L1->B:6', 'W1/L1->C:6']);
  });

  it('several warehouses and lines: the transportation optimum', async () => {
    // Supplies W1 7, W2 5, W3 6 (18); demand A 6, B 6, C 6. Costs (km):
    //        A  B  C
    //   W1   2  4  6
    //   W2   3  1  5
    //   W3   7  6  2
    // Optimum: W1→A 6, W1→B 1, W2→B 5, W3→C 6 = 12 + 4 + 5 + 12 = 33.
    const input = tableInput({ W1: { A: 2, B: 4, C: 6 }, W2: { A: 3, B: 1, C: 5 }, W3: { A: 7, B: 6, C: 2 } }, {
      lines: [line('A', 6, 2), line('B', 6, 2), line('C', 6, 2)],
      lots: [lot('W1', 'L1', 7), lot('W2', 'L2', 5), lot('W3', 'L3', 6)],
    });
    const { ours, greedy } = await both(input);
    assert.deepEqual(moves(ours), ['W1/L1->A:6', 'W2/L2->B:5', 'W1/L1->B:1', 'W3/L3->C:6']);
    assert.equal(ours.objective.distance, 33);
    assert.equal(ours.gapPct, 0);
    assert.ok(greedy.objective.distance >= ours.objective.distance);
  });
});

describe('allocation: stock, reserves and expiry', () => {
  it('never allocates a reserve: only stock above the floor leaves', async () => {
    const input = tableInput({ W1: { A: 1 }, W2: { A: 4 } }, {
      lines: [line('A', 10, 1)],
      lots: [lot('W1', 'L1', 10), lot('W2', 'L2', 3)],
      reserves: [{ warehouse: 'W1', item: '1010101', quantity: 8 }],
    });
    const { ours, greedy } = await both(input);
    assert.deepEqual(moves(ours), ['W1/L1->A:2', 'W2/L2->A:3']);
    assert.deepEqual(moves(greedy), moves(ours));
    assert.equal(ours.lines[0]!.unmet, 5);
  });

  it('an expired lot counts neither as stock nor toward the reserve', async () => {
    // 100 units expired on 30 November; 10 good units and a reserve of 8: 2 may leave.
    const input = tableInput({ W1: { A: 1 } }, {
      lines: [line('A', 10, 1)],
      lots: [lot('W1', 'OLD', 100, '2026-11-30'), lot('W1', 'NEW', 10, null)],
      reserves: [{ warehouse: 'W1', item: '1010101', quantity: 8 }],
    });
    const { ours, greedy } = await both(input);
    assert.deepEqual(moves(ours), ['W1/NEW->A:2']);
    assert.deepEqual(moves(greedy), ['W1/NEW->A:2']);
  });

  it('never uses a lot expired at the needed-by time; its last day still counts', async () => {
    const input = tableInput({ W1: { A: 1, B: 1 } }, {
      lines: [line('A', 4, 1, '2026-12-03T23:00:00+08:00'), line('B', 4, 1, '2026-12-04T00:30:00+08:00')],
      lots: [lot('W1', 'D3', 4, '2026-12-03'), lot('W1', 'D2', 9, '2026-12-02')],
    });
    const { ours } = await both(input);
    // A (by 23:00 on the 3rd) may use D3 (last day the 3rd); B (just after midnight) may not; D2 serves neither.
    assert.deepEqual(moves(ours), ['W1/D3->A:4']);
    assert.deepEqual(ours.lines.map((l) => l.unmet), [0, 4]);
  });

  it('first expiring first within a warehouse, each line from the earliest lots it may use', async () => {
    // Lots: L-b last day 10 Dec (3), L-a 20 Dec (3), L-c never (3). A is needed on 2 Dec (any lot),
    // B on 15 Dec (not L-b). A gets L-b then L-a; B the rest of L-a, then L-c.
    const input = tableInput({ W1: { A: 1, B: 1 } }, {
      lines: [line('A', 4, 2, '2026-12-02T12:00:00+08:00'), line('B', 5, 2, '2026-12-15T12:00:00+08:00')],
      lots: [lot('W1', 'L-a', 3, '2026-12-20'), lot('W1', 'L-b', 3, '2026-12-10'), lot('W1', 'L-c', 3, null)],
    });
    const { ours, greedy } = await both(input);
    assert.deepEqual(moves(ours), ['W1/L-b->A:3', 'W1/L-a->A:1', 'W1/L-a->B:2', 'W1/L-c->B:3']);
    assert.deepEqual(moves(greedy), moves(ours));
  });

  it('a partly used warehouse keeps its latest-expiring lots (they hold the reserve)', async () => {
    const input = tableInput({ W1: { A: 1 } }, {
      lines: [line('A', 3, 1)],
      lots: [lot('W1', 'LATE', 5, '2027-06-30'), lot('W1', 'EARLY', 2, '2026-12-31')],
      reserves: [{ warehouse: 'W1', item: '1010101', quantity: 4 }],
    });
    const { ours } = await both(input);
    assert.deepEqual(moves(ours), ['W1/EARLY->A:2', 'W1/LATE->A:1']);
  });

  it('items are separate problems: stock of one item never serves another', async () => {
    const input = tableInput({ W1: { A: 1, B: 1 } }, {
      lines: [line('A', 5, 1, undefined, '1010101'), line('B', 5, 1, undefined, '2020101')],
      lots: [lot('W1', 'Q', 9, null, '1010101')],
    });
    const { ours } = await both(input);
    assert.deepEqual(moves(ours), ['W1/Q->A:5']);
    assert.deepEqual(ours.lines.map((l) => l.unmet), [0, 5]);
  });
});

describe('allocation: random instances', () => {

  function instance(seed: number): AllocationInput {
    const rnd = seededRandom(seed);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
    const items = ['1010101', '1020304', '2030101'];
    const warehouses = Array.from({ length: 6 }, (_, i) => ({ id: `W${i}`, lon: 114.1 + rnd() * 0.4, lat: 30.4 + rnd() * 0.4 }));
    const days = [null, null, '2026-11-30', '2026-12-02', '2026-12-04', '2026-12-08', '2027-03-01'];
    const lots: AllocationLot[] = [];
    for (const w of warehouses) {
      for (const item of items) {
        if (rnd() < 0.3) continue;
        const n = 1 + Math.floor(rnd() * 3);
        for (let k = 0; k < n; k++) lots.push(lot(w.id, `${item}-${k}`, Math.floor(rnd() * 30), pick(days), item));
      }
    }
    const reserves = warehouses.filter(() => rnd() < 0.5).map((w) => ({ warehouse: w.id, item: pick(items), quantity: Math.floor(rnd() * 20) }));
    const unique = [...new Map(reserves.map((r) => [`${r.warehouse}/${r.item}`, r])).values()];
    const lines = Array.from({ length: 15 }, (_, i) => ({
      id: `R${i}`,
      item: pick(items),
      quantity: 1 + Math.floor(rnd() * 25),
      priority: (1 + Math.floor(rnd() * 4)) as AllocationPriority,
      neededBy: new Date(Date.parse(NOW) + rnd() * 10 * 86_400_000),
      point: { lon: 114.1 + rnd() * 0.4, lat: 30.4 + rnd() * 0.4 },
    }));
    return { now: NOW, warehouses, lots, reserves: unique, lines };
  }

  it('every plan is feasible, and ours is never worse than the greedy (weighted unmet, then distance)', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const input = instance(seed);
      const { ours, greedy } = await both(input);
      const o = ours.objective;
      const g = greedy.objective;
      assert.ok(o.weightedUnmet <= g.weightedUnmet, `seed ${seed}: unmet ${o.weightedUnmet} > ${g.weightedUnmet}`);
      if (o.weightedUnmet === g.weightedUnmet) assert.ok(o.distance <= g.distance + 1e-6, `seed ${seed}: distance ${o.distance} > ${g.distance}`);
      assert.ok(ours.gapPct !== undefined && ours.gapPct < 1e-6, `seed ${seed}: gap ${ours.gapPct}`);
    }
  });

  it('the verifier catches a plan that overdraws a lot, breaks a reserve or uses an expired lot', async () => {
    const input = tableInput({ W1: { A: 1 } }, {
      lines: [line('A', 10, 1, '2026-12-05T12:00:00+08:00')],
      lots: [lot('W1', 'OK', 6, null), lot('W1', 'OLD', 5, '2026-12-03')],
      reserves: [{ warehouse: 'W1', item: '1010101', quantity: 2 }],
    });
    // OLD is expired when A needs it; the reserve (2) is counted against both lots (usable now).
    const ours = await allocate(input);
    assert.deepEqual(moves(ours), ['W1/OK->A:6']);
    const tampered: AllocationResult = {
      ...ours,
      plan: [
        { warehouse: 'W1', lot: 'OK', item: '1010101', line: 'A', quantity: 7, distanceKm: 1 },
        { warehouse: 'W1', lot: 'OLD', item: '1010101', line: 'A', quantity: 4, distanceKm: 1 },
      ],
    };
    const codes = new Set(verifyPlan(input, tampered).map((v) => v.code));
    for (const code of ['LOT_OVERDRAWN', 'RESERVE_BROKEN', 'EXPIRED_LOT', 'LINE_OVERFILLED', 'LINE_TOTALS_WRONG', 'OBJECTIVE_WRONG'] as const) assert.ok(codes.has(code), code);
  });
});

describe('allocation: input and gap', () => {
  it('refuses bad input with VALIDATION_FAILED and the fields at fault', async () => {
    const input: AllocationInput = {
      now: NOW,
      warehouses: [{ id: 'W1', lon: 114.3, lat: 30.6 }],
      lines: [line('A', 0, 1), { ...line('A', 2, 1) }, { ...line('C', 1, 5 as AllocationPriority) }],
      lots: [lot('W9', 'L1', 3), lot('W1', 'L2', 1.5), lot('W1', 'L3', 1, '2026-02-30')],
    };
    await assert.rejects(allocate(input), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'VALIDATION_FAILED');
      const fields = (error.details as { fields: Array<{ field: string; code: string }> }).fields.map((f) => `${f.field}:${f.code}`);
      assert.deepEqual(fields, ['lines[0].quantity:QUANTITY_INVALID', 'lines[1].id:DUPLICATE', 'lines[2].priority:PRIORITY_INVALID', 'lots[0].warehouse:WAREHOUSE_UNKNOWN', 'lots[1].quantity:QUANTITY_INVALID', 'lots[2].expiresOn:DATE_INVALID']);
      return true;
    });
  });

  it('nothing requested, nothing in stock: an empty plan', async () => {
    const empty = await allocate({ now: NOW, warehouses: [], lines: [], lots: [] });
    assert.deepEqual(empty.plan, []);
    assert.equal(empty.gapPct, 0);
    const none = await allocate({ now: NOW, warehouses: [], lines: [line('A', 3, 2)], lots: [] });
    assert.deepEqual(none.objective, { weightedUnmet: 300, distance: 0, unmetQuantity: 3, allocatedQuantity: 0 });
  });

  it('the gap counts the first objective first', () => {
    assert.equal(objectiveGapPct({ weightedUnmet: 0, distance: 101 }, { weightedUnmet: 0, distance: 100 }), 1);
    assert.equal(objectiveGapPct({ weightedUnmet: 110, distance: 50 }, { weightedUnmet: 100, distance: 100 }), 10);
    assert.equal(objectiveGapPct({ weightedUnmet: 100, distance: 100 }, { weightedUnmet: 100, distance: 100 }), 0);
  });
});

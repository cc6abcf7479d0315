/**
 * 精准投放 at city scale: the allocation solver (per-item transportation LPs in HiGHS, WebAssembly)
 * against the dispatcher's greedy (priority, then needed-by, nearest warehouse with stock first)
 * on the same generated city, both plans checked by the independent verifier (stock per lot,
 * reserves, expiry at needed-by, first expiring first, totals).
 *
 * `npm run bench -- allocation [--quick] [--lines=N] [--warehouses=N] [--items=N] [--seed=N]`
 * Full size: 10,000 request lines from 2,000 requesting points, 200 warehouses, 500 item types;
 * `--quick`: 1,000 lines, 40 warehouses, 100 items. The city (seeded) is about 50 km across:
 * districts of people around a centre, community stores among them, government and enterprise
 * depots mostly towards the edge. Item demand is skewed (a few items, water and quilts, asked for
 * by many); a third of the items carry expiry dates (some lots already expired, some expiring
 * within days, before some lines need them); about a third of the items are short (stock below
 * demand), so priorities decide; government depots keep reserves.
 *
 * gap_pct: our plan's objective over the LP relaxation's optimum (the plan is rounded to whole
 * units; see objectiveGapPct). unmet_vs_greedy: our priority-weighted unmet demand over the
 * greedy's (below 1 is better); the distance ratio is printed above it. Results: docs/allocation.md.
 */
import { allocate, allocateGreedy, verifyPlan, type AllocationInput, type AllocationLot, type AllocationPriority, type AllocationReserve, type AllocationRequestLine, type AllocationWarehouse } from '../server/src/modules/supplies/allocation/index.js';
import { seededRandom } from '../server/src/modules/tickets/classifier/training-texts.js';
import { benchLine, formatInt, parseBenchArgs, peakRssMb } from './lib.js';

const { quick, rest } = parseBenchArgs();
const arg = (name: string, fallback: number): number => {
  const raw = rest.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  return raw === undefined ? fallback : Number(raw);
};
const LINES = arg('lines', quick ? 1_000 : 10_000);
const WAREHOUSES = arg('warehouses', quick ? 40 : 200);
const ITEMS = arg('items', quick ? 100 : 500);
const SEED = arg('seed', 20261204);
const POINTS = Math.max(10, Math.round(LINES / 5));

const random = seededRandom(SEED);
const uniform = (a: number, b: number) => a + (b - a) * random();
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
const pickWeighted = (cumulative: readonly number[]): number => {
  const x = random() * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
};

/** A city about 50 km across (Wuhan's centre): km offsets to degrees. */
const CENTRE = { lon: 114.3, lat: 30.59 };
const KM_LAT = 1 / 111.2;
const KM_LON = 1 / (111.2 * Math.cos((CENTRE.lat * Math.PI) / 180));
const at = (xKm: number, yKm: number) => ({ lon: +(CENTRE.lon + xKm * KM_LON).toFixed(6), lat: +(CENTRE.lat + yKm * KM_LAT).toFixed(6) });
const clampRadius = (x: number, y: number, r: number): [number, number] => {
  const d = Math.hypot(x, y);
  return d <= r ? [x, y] : [(x * r) / d, (y * r) / d];
};

function generate(): AllocationInput {
  const nowMs = Date.parse('2026-12-04T08:00:00+08:00');
  const now = new Date(nowMs);
  const day = (offset: number) => new Date(nowMs + offset * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);

  // Districts: 12 clusters of people within 18 km of the centre, denser towards it.
  const districts = Array.from({ length: 12 }, (_, i) => {
    const r = i === 0 ? 0 : uniform(4, 18);
    const a = uniform(0, 2 * Math.PI);
    return { x: r * Math.cos(a), y: r * Math.sin(a), spread: uniform(2.5, 5), weight: uniform(0.5, 1.5) * (i === 0 ? 2 : 1) };
  });
  const districtCum: number[] = [];
  districts.reduce((sum, d, i) => (districtCum[i] = sum + d.weight), 0);
  const inDistrict = () => {
    const d = districts[pickWeighted(districtCum)]!;
    return clampRadius(d.x + gaussian() * d.spread, d.y + gaussian() * d.spread, 25);
  };

  // Warehouses: 5 % government depots and 25 % enterprise depots (towards the edge, 10-25 km),
  // the rest community stores among the people.
  const kinds: Array<'government' | 'enterprise' | 'community'> = [];
  const warehouses: AllocationWarehouse[] = Array.from({ length: WAREHOUSES }, (_, i) => {
    const kind = i < Math.ceil(WAREHOUSES * 0.05) ? 'government' : i < Math.ceil(WAREHOUSES * 0.3) ? 'enterprise' : 'community';
    kinds.push(kind);
    let x: number;
    let y: number;
    if (kind === 'community') [x, y] = inDistrict();
    else {
      const r = uniform(10, 25);
      const a = uniform(0, 2 * Math.PI);
      [x, y] = [r * Math.cos(a), r * Math.sin(a)];
    }
    return { id: `WH${String(i + 1).padStart(4, '0')}`, ...at(x, y) };
  });

  // Items: GB/T 38565-style seven-digit codes; demand skewed (Zipf, exponent 0.9); a third expire.
  const items = Array.from({ length: ITEMS }, (_, i) => ({
    code: `${1 + (i % 3)}${String(i + 1).padStart(6, '0')}`,
    expires: random() < 0.33,
    popularity: 1 / Math.pow(i + 1, 0.9),
    supplyRatio: random() < 0.35 ? uniform(0.4, 0.95) : uniform(1.05, 2.5),
    size: Math.exp(uniform(Math.log(5), Math.log(80))),
  }));
  const itemCum: number[] = [];
  items.reduce((sum, it, i) => (itemCum[i] = sum + it.popularity), 0);

  // Requesting points (communities, shelters, hospitals) and their lines.
  const points = Array.from({ length: POINTS }, () => at(...inDistrict()));
  const priorities: AllocationPriority[] = [1, 2, 2, 3, 3, 3, 3, 4, 4, 4];
  const lines: AllocationRequestLine[] = Array.from({ length: LINES }, (_, i) => {
    const item = items[pickWeighted(itemCum)]!;
    const priority = priorities[Math.floor(random() * priorities.length)]!;
    const hours = priority === 1 ? uniform(2, 24) : uniform(6, 24 * 7);
    return {
      id: `RL${String(i + 1).padStart(6, '0')}`,
      point: points[Math.floor(random() * points.length)]!,
      item: item.code,
      quantity: Math.max(1, Math.round(item.size * Math.exp(gaussian() * 0.8))),
      priority,
      neededBy: new Date(nowMs + hours * 3_600_000),
    };
  });

  // Stock: each item held by some warehouses (depots more often, popular items more widely), in
  // total supplyRatio × its demand, spread by warehouse size, in 1-3 lots.
  const demand = new Map<string, number>();
  for (const l of lines) demand.set(l.item, (demand.get(l.item) ?? 0) + l.quantity);
  const maxPopularity = items[0]!.popularity;
  const lots: AllocationLot[] = [];
  const reserves: AllocationReserve[] = [];
  for (const item of items) {
    const wanted = demand.get(item.code) ?? Math.round(item.size * 3);
    const rank = Math.sqrt(item.popularity / maxPopularity);
    const holders: Array<{ w: number; share: number }> = [];
    warehouses.forEach((_, w) => {
      const base = kinds[w] === 'government' ? 0.6 : kinds[w] === 'enterprise' ? 0.25 : 0.06;
      if (random() < Math.min(0.95, base * (0.5 + 1.5 * rank))) holders.push({ w, share: (kinds[w] === 'government' ? 5 : kinds[w] === 'enterprise' ? 3 : 1) * uniform(0.5, 1.5) });
    });
    if (holders.length === 0) holders.push({ w: Math.floor(random() * warehouses.length), share: 1 });
    const shares = holders.reduce((s, h) => s + h.share, 0);
    const total = wanted * item.supplyRatio;
    for (const { w, share } of holders) {
      const units = Math.max(1, Math.round((total * share) / shares));
      const lotCount = item.expires ? 1 + Math.floor(random() * 3) : 1 + Math.floor(random() * 2);
      let left = units;
      for (let k = 0; k < lotCount && left > 0; k++) {
        const q = k === lotCount - 1 ? left : Math.max(1, Math.round(left * uniform(0.2, 0.7)));
        left -= q;
        let expiresOn: string | null = null;
        if (item.expires) {
          const r = random();
          expiresOn = r < 0.05 ? day(-Math.ceil(uniform(1, 30))) : r < 0.25 ? day(Math.floor(uniform(0, 6))) : day(Math.floor(uniform(10, 720)));
        }
        lots.push({ warehouse: warehouses[w]!.id, item: item.code, lot: `${item.code}-${warehouses[w]!.id}-${k + 1}`, quantity: q, expiresOn });
      }
      const reserveShare = kinds[w] === 'government' ? uniform(0.2, 0.4) : random() < 0.1 ? uniform(0.05, 0.2) : 0;
      if (reserveShare > 0) reserves.push({ warehouse: warehouses[w]!.id, item: item.code, quantity: Math.round(units * reserveShare) });
    }
  }
  return { now, lines, warehouses, lots, reserves };
}

const ratio = (a: number, b: number) => (b === 0 ? (a === 0 ? 1 : Number.POSITIVE_INFINITY) : a / b);

async function main(): Promise<void> {
  const genStarted = performance.now();
  const input = generate();
  console.log(
    `city: ${formatInt(input.lines.length)} request lines from ${formatInt(POINTS)} points, ${formatInt(input.warehouses.length)} warehouses, ${formatInt(ITEMS)} item types, ` +
      `${formatInt(input.lots.length)} lots, ${formatInt(input.reserves!.length)} reserves (generated in ${((performance.now() - genStarted) / 1000).toFixed(2)} s, seed ${SEED})`,
  );

  const ours = await allocate(input);
  const greedy = allocateGreedy(input);
  const violations = { ours: verifyPlan(input, ours), greedy: verifyPlan(input, greedy) };
  for (const [who, list] of Object.entries(violations)) {
    if (list.length > 0) {
      console.error(`${who}: ${list.length} violation(s), first: ${list.slice(0, 5).map((v) => `${v.code} ${v.message}`).join('; ')}`);
    }
  }

  const s = ours.stats;
  const o = ours.objective;
  const g = greedy.objective;
  const requested = o.allocatedQuantity + o.unmetQuantity;
  console.log(
    `ours (HiGHS LP): ${s.seconds.toFixed(2)} s (solver ${s.solverSeconds.toFixed(2)} s), ${formatInt(s.linearPrograms)} LPs of ${formatInt(s.items)} items, ` +
      `${formatInt(s.columns)} columns, ${formatInt(s.rows)} rows, ${formatInt(s.fractionalColumns)} fractional columns rounded, ${s.notOptimal} not optimal`,
  );
  console.log(`ours:   weighted unmet ${formatInt(o.weightedUnmet)}, unmet ${formatInt(o.unmetQuantity)} of ${formatInt(requested)} units, distance ${formatInt(o.distance)} unit·km, ${formatInt(ours.plan.length)} plan lines`);
  console.log(`bound:  weighted unmet ${formatInt(ours.bound?.weightedUnmet ?? Number.NaN)}, distance ${formatInt(ours.bound?.distance ?? Number.NaN)} unit·km (LP relaxation); gap ${ours.gapPct?.toFixed(4)} %`);
  console.log(`greedy: ${greedy.stats.seconds.toFixed(2)} s; weighted unmet ${formatInt(g.weightedUnmet)}, unmet ${formatInt(g.unmetQuantity)} units, distance ${formatInt(g.distance)} unit·km, ${formatInt(greedy.plan.length)} plan lines`);
  const byPriority = (r: typeof ours) => ([1, 2, 3, 4] as const).map((p) => r.lines.filter((l) => l.priority === p).reduce((sum, l) => sum + l.unmet, 0));
  console.log(`unmet units by priority 1/2/3/4: ours ${byPriority(ours).map(formatInt).join('/')}, greedy ${byPriority(greedy).map(formatInt).join('/')}`);
  console.log(`feasibility: ours ${violations.ours.length} violations, greedy ${violations.greedy.length}; distance ours/greedy ${ratio(o.distance, g.distance).toFixed(4)}; peak RSS ${peakRssMb()} MB`);
  benchLine('allocation', { seconds: s.seconds.toFixed(2), gap_pct: (ours.gapPct ?? Number.NaN).toFixed(4), unmet_vs_greedy: ratio(o.weightedUnmet, g.weightedUnmet).toFixed(4) });
  if (violations.ours.length > 0 || violations.greedy.length > 0) process.exitCode = 1;
}

await main();

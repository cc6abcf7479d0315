/**
 * Which grid contains a point: the GridIndex against a linear scan over the same grids and
 * points. `npx tsx bench/grid-lookup.ts [--quick]` (10,000 grids; quick: 1,000).
 */
import { generateCity, mulberry32, SCALES } from '../server/src/modules/demo/generate-city.js';
import { bbox } from '../server/src/platform/geo/polygon.js';
import type { IndexEntry } from '../server/src/platform/geo/spatial-index.js';
import { GridIndex, linearScanLookup } from '../server/src/platform/geo/spatial-index.js';
import { benchLine, formatInt, parseBenchArgs, peakRssMb, runFor } from './lib.js';

const { quick } = parseBenchArgs();
const scale = quick ? { ...SCALES.bench, communitiesPerTownship: 2 } : SCALES.bench;
const city = generateCity({ seed: 1, scale });
const entries: Array<IndexEntry<{ id: string }>> = city.grids.map((g) => ({ item: { id: g.code }, coordinates: g.boundary.coordinates }));

let started = performance.now();
const index = new GridIndex(entries);
const buildMs = performance.now() - started;

// Random points over the city's extent (some fall between county blocks and find nothing).
const boxes = entries.map((e) => bbox(e.coordinates));
const [west, south] = [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1]))];
const [east, north] = [Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
const random = mulberry32(2024);
const POINTS = 1 << 18;
const lons = Float64Array.from({ length: POINTS }, () => west + random() * (east - west));
const lats = Float64Array.from({ length: POINTS }, () => south + random() * (north - south));

// Both must agree before either is timed.
for (let k = 0; k < 2000; k++) {
  const [lon, lat] = [lons[k] ?? 0, lats[k] ?? 0];
  if (index.lookup(lon, lat) !== linearScanLookup(entries, lon, lat)) throw new Error(`index and scan disagree at ${lon},${lat}`);
}

let hits = 0;
let next = 0;
const indexed = runFor(quick ? 300 : 2000, () => {
  for (let k = 0; k < 10_000; k++, next = (next + 1) & (POINTS - 1)) {
    if (index.lookup(lons[next] ?? 0, lats[next] ?? 0)) hits++;
  }
  return 10_000;
});
next = 0;
const scanned = runFor(quick ? 200 : 1000, () => {
  for (let k = 0; k < 100; k++, next = (next + 1) & (POINTS - 1)) linearScanLookup(entries, lons[next] ?? 0, lats[next] ?? 0);
  return 100;
});
started = performance.now();

const perSecond = (indexed.units * 1000) / indexed.ms;
const linearPerSecond = (scanned.units * 1000) / scanned.ms;
console.log(`grids: ${formatInt(entries.length)}, extent ${west.toFixed(4)},${south.toFixed(4)} .. ${east.toFixed(4)},${north.toFixed(4)}, index built in ${buildMs.toFixed(1)} ms`);
console.log(`index:  ${formatInt(indexed.units)} lookups in ${(indexed.ms / 1000).toFixed(2)} s -> ${formatInt(perSecond)}/s (hit rate ${((100 * hits) / indexed.units).toFixed(1)}%)`);
console.log(`linear: ${formatInt(scanned.units)} lookups in ${(scanned.ms / 1000).toFixed(2)} s -> ${formatInt(linearPerSecond)}/s`);
console.log(`peak RSS ${peakRssMb()} MB`);
benchLine('grid-lookup', { per_s: Math.round(perSecond), ratio: (perSecond / linearPerSecond).toFixed(1) });

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { areaIntervals, computeCoverage, sectorIntervals, sectorRing, type Area, type Road, type Viewer } from './coverage-geometry.js';

const close = (actual: number, expected: number, tolerance: number, what: string) => assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} ≉ ${expected}`);

/** Metres to degrees near 29°N (the demo county): good enough for hand-made layouts. */
const LAT0 = 29;
const dLng = (m: number) => m / (111_320 * Math.cos((LAT0 * Math.PI) / 180));
const dLat = (m: number) => m / 110_574;

describe('camera coverage geometry', () => {
  it('finds the part of a piece inside a sector in closed form', () => {
    // A camera at the origin looking east, 90° wide, 100 m: a street along y = 0 from x = -200 to 200 is seen from 0 to 100.
    const parts = sectorIntervals([-200, 0], [200, 0], [0, 0], 90, 90, 100);
    assert.equal(parts.length, 1);
    close(parts[0]![0], 0.5, 1e-9, 'start');
    close(parts[0]![1], 0.75, 1e-9, 'end');
    // Looking north it sees nothing of a street 50 m south of it.
    assert.deepEqual(sectorIntervals([-200, -50], [200, -50], [0, 0], 0, 90, 100), []);
    // 270° wide looking north: all of the street through it but the 45° either side of south (here the street is its own edge line: all of it).
    const wide = sectorIntervals([-200, -10], [200, -10], [0, 0], 0, 270, 100);
    // South of the camera at 10 m the back wedge (135°..225°) covers |x| < 10: the rest within 100 m is seen.
    close(wide.reduce((s, [a, b]) => s + (b - a), 0) * 400, 2 * (Math.sqrt(100 ** 2 - 10 ** 2) - 10), 1e-6, 'wide sector');
    // A full circle is the disk.
    close(sectorIntervals([-200, 0], [200, 0], [0, 0], 0, 360, 100).reduce((s, [a, b]) => s + (b - a), 0), 0.5, 1e-9, 'circle');
  });

  it('counts a street along a grid edge for the grid, and a crossing street only inside it', () => {
    const square = { rings: [[[0, 0], [100, 0], [100, 100], [0, 100], [0, 0]] as [number, number][]] };
    assert.deepEqual(areaIntervals([0, 0], [100, 0], square), [[0, 1]]);
    const crossing = areaIntervals([-100, 50], [200, 50], square);
    assert.equal(crossing.length, 1);
    close(crossing[0]![0], 1 / 3, 1e-9, 'enters');
    close(crossing[0]![1], 2 / 3, 1e-9, 'leaves');
    assert.deepEqual(areaIntervals([0, 150], [100, 150], square), []);
  });

  it('covers half of a street with a camera looking along it, per street and per grid', () => {
    const lng = 111.7;
    // A 200 m street west to east along the south edge of a 200 m square grid; a camera at its west end looking east 100 m.
    const road: Road = { id: 'r', coordinates: [[lng, LAT0], [lng + dLng(100), LAT0], [lng + dLng(200), LAT0]] };
    const area: Area = { id: 'g', rings: [[[lng, LAT0], [lng + dLng(200), LAT0], [lng + dLng(200), LAT0 + dLat(200)], [lng, LAT0 + dLat(200)], [lng, LAT0]]] };
    const cam: Viewer = { id: 'c', lng, lat: LAT0, heading: 90, fovDeg: 60, rangeM: 100 };
    const result = computeCoverage([cam], [road], [area]);
    const r = result.roads.get('r')!;
    close(r.lengthM, 200, 1, 'length');
    close(r.coveredM / r.lengthM, 0.5, 0.01, 'share');
    assert.equal(r.covered.length, 1, 'one covered stretch');
    const g = result.areas.get('g')!;
    close(g.roadM, 200, 1, 'grid road');
    close(g.coveredM / g.roadM, 0.5, 0.01, 'grid share');
    const ring = sectorRing(cam);
    assert.deepEqual(ring[0], ring[ring.length - 1]);
  });

  it('answers for a county of thousands of cameras and streets in one bounded pass (timed, not asserted)', () => {
    // 40 × 40 grids of 250 m with streets along every grid line (each 10 km long, 81 of them), 4000 cameras.
    const n = 40;
    const side = 250;
    const roads: Road[] = [];
    for (let i = 0; i <= n; i++) {
      roads.push({ id: `h${i}`, coordinates: Array.from({ length: n + 1 }, (_, k) => [111.6 + dLng(k * side), LAT0 + dLat(i * side)]) });
      roads.push({ id: `v${i}`, coordinates: Array.from({ length: n + 1 }, (_, k) => [111.6 + dLng(i * side), LAT0 + dLat(k * side)]) });
    }
    // Split into streets of a few hundred metres, as a real map has: 3280 streets.
    const streets = roads.flatMap((r) => Array.from({ length: n }, (_, k) => ({ id: `${r.id}-${k}`, coordinates: r.coordinates.slice(k, k + 2) })));
    const areas: Area[] = [];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const [x0, y0, x1, y1] = [111.6 + dLng(i * side), LAT0 + dLat(j * side), 111.6 + dLng((i + 1) * side), LAT0 + dLat((j + 1) * side)];
        areas.push({ id: `g${i}-${j}`, rings: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
      }
    }
    let seed = 7;
    const random = () => ((seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647);
    const viewers: Viewer[] = Array.from({ length: 4000 }, (_, k) => ({
      id: `c${k}`, lng: 111.6 + dLng(random() * n * side), lat: LAT0 + dLat(random() * n * side), heading: random() * 360, fovDeg: 40 + random() * 80, rangeM: 30 + random() * 120,
    }));
    const started = performance.now();
    const result = computeCoverage(viewers, streets, areas);
    const took = performance.now() - started;
    const total = [...result.roads.values()].reduce((s, r) => s + r.lengthM, 0);
    const covered = [...result.roads.values()].reduce((s, r) => s + r.coveredM, 0);
    console.log(`coverage: ${viewers.length} cameras, ${streets.length} streets (${(total / 1000).toFixed(0)} km), ${areas.length} grids in ${took.toFixed(0)} ms; ${((100 * covered) / total).toFixed(1)} % covered`);
    assert.equal(result.areas.size, n * n);
    assert.ok(covered > 0 && covered < total);
  });
});

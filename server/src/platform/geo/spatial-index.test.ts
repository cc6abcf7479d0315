import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexEntry } from './spatial-index.js';
import { GridIndex, linearScanLookup } from './spatial-index.js';
import { pointInPolygon } from './polygon.js';

type Cell = { id: string };

/** An n x n lattice of squares near Changde, each split along a diagonal into two triangles. */
function triangleTiling(n: number, size = 0.003): Array<IndexEntry<Cell>> {
  const at = (i: number, j: number) => [Math.round((111.6 + i * size) * 1e7) / 1e7, Math.round((29 + j * size) * 1e7) / 1e7];
  const entries: Array<IndexEntry<Cell>> = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const [a, b, c, d] = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
      entries.push({ item: { id: `${i}-${j}-lower` }, coordinates: [[a, b, c, a]] });
      entries.push({ item: { id: `${i}-${j}-upper` }, coordinates: [[a, c, d, a]] });
    }
  }
  return entries;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('lookup agrees with the linear scan on random points', () => {
  const entries = triangleTiling(30);
  const index = new GridIndex(entries);
  assert.equal(index.size, 1800);
  const random = mulberry32(7);
  let found = 0;
  for (let k = 0; k < 20_000; k++) {
    const lon = 111.59 + random() * 0.11;
    const lat = 28.99 + random() * 0.11;
    const hit = index.lookup(lon, lat);
    assert.equal(hit, linearScanLookup(entries, lon, lat));
    if (hit) found++;
  }
  assert.ok(found > 10_000);
});

test('points on shared edges and vertices have exactly one owner', () => {
  const entries = triangleTiling(6);
  const index = new GridIndex(entries);
  for (const entry of entries) {
    const ring = entry.coordinates[0] ?? [];
    for (let k = 0; k + 1 < ring.length; k++) {
      const [p, q] = [ring[k] ?? [], ring[k + 1] ?? []];
      for (const t of [0, 0.25, 0.5]) {
        const lon = (p[0] ?? 0) + t * ((q[0] ?? 0) - (p[0] ?? 0));
        const lat = (p[1] ?? 0) + t * ((q[1] ?? 0) - (p[1] ?? 0));
        const owners = entries.filter((e) => pointInPolygon(lon, lat, e.coordinates));
        assert.ok(owners.length <= 1, `${lon},${lat} owned by ${owners.length}`);
        assert.equal(index.lookup(lon, lat), owners[0]?.item ?? null);
        assert.equal(index.lookup(lon, lat), index.lookup(lon, lat));
      }
    }
  }
  // Interior lattice vertices and edges are owned (only the outer boundary may not be).
  assert.notEqual(index.lookup(111.603, 29.003), null);
  assert.notEqual(index.lookup(111.6015, 29.003), null);
});

test('points outside, NaN and an empty index give null', () => {
  const index = new GridIndex(triangleTiling(3));
  assert.equal(index.lookup(0, 0), null);
  assert.equal(index.lookup(Number.NaN, 29.001), null);
  const empty = new GridIndex<Cell>([]);
  assert.equal(empty.size, 0);
  assert.equal(empty.lookup(111.6, 29), null);
});

test('overlapping polygons resolve to the first one consistently', () => {
  const square = (x0: number, s: number) => [[[x0, 0], [x0 + s, 0], [x0 + s, s], [x0, s], [x0, 0]]];
  const index = new GridIndex([
    { item: { id: 'big' }, coordinates: square(0, 10) },
    { item: { id: 'small' }, coordinates: square(1, 2) },
  ]);
  assert.equal(index.lookup(2, 1)?.id, 'big');
  assert.equal(index.lookup(9, 9)?.id, 'big');
});

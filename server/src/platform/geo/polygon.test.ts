import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PolygonCoordinates } from './polygon.js';
import { bbox, overlapArea, pointInPolygon, polygonsOverlap, validatePolygon } from './polygon.js';

const rect = (x0: number, y0: number, x1: number, y1: number): number[][] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const square = (x0: number, y0: number, size: number): PolygonCoordinates => [rect(x0, y0, x0 + size, y0 + size)];
const polygon = (coordinates: PolygonCoordinates) => ({ type: 'Polygon' as const, coordinates });

test('validatePolygon accepts good polygons', () => {
  assert.equal(validatePolygon(polygon(square(111.69, 29.03, 0.01))), null);
  // Clockwise, with a hole, and with a repeated vertex.
  assert.equal(validatePolygon(polygon([rect(0, 0, 10, 10).reverse(), rect(2, 2, 4, 4)])), null);
  assert.equal(validatePolygon(polygon([[[0, 0], [1, 0], [1, 0], [1, 1], [0, 1], [0, 0]]])), null);
});

test('validatePolygon rejects bad polygons', () => {
  const table: Array<[coordinates: PolygonCoordinates, reason: RegExp]> = [
    [[], /no rings/],
    [[[[0, 0], [1, 0], [0, 0]]], /at least 4/],
    [[[[0, 0], [1, 0], [1, 1], [0, 1]]], /not closed/],
    [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0.5]]], /not closed/],
    [[[[0, 0], [1, 0], [2, 0], [0, 0]]], /zero area/],
    [[[[0, 0], [Number.NaN, 0], [1, 1], [0, 0]]], /non-finite/],
    [[[[0, 0], [181, 0], [1, 1], [0, 0]]], /out of range/],
    [[[[0, 0], [1, 0], [1, 91], [0, 0]]], /out of range/],
    [[[[0, 0], [1], [1, 1], [0, 0]]], /without lon\/lat/],
    // Bow tie.
    [[[[0, 0], [2, 2], [2, 0], [0, 1], [0, 0]]], /intersects itself/],
    // A spike that doubles back on its own edge.
    [[[[0, 0], [2, 0], [1, 0], [1, 1], [0, 0]]], /intersects itself/],
    // Pinched: a vertex touches a non-adjacent edge.
    [[[[0, 0], [4, 0], [4, 4], [2, 0], [0, 4], [0, 0]]], /intersects itself/],
    [[rect(0, 0, 10, 10), [[1, 1], [2, 2], [3, 3], [1, 1]]], /hole 1 has zero area/],
  ];
  for (const [coordinates, reason] of table) {
    assert.match(validatePolygon(polygon(coordinates)) ?? 'valid', reason, JSON.stringify(coordinates));
  }
  assert.match(validatePolygon({ type: 'Point' } as unknown as ReturnType<typeof polygon>) ?? '', /Polygon/);
});

test('pointInPolygon respects holes', () => {
  const withHole: PolygonCoordinates = [rect(0, 0, 10, 10), rect(4, 4, 6, 6)];
  assert.equal(pointInPolygon(1, 1, withHole), true);
  assert.equal(pointInPolygon(5, 5, withHole), false);
  assert.equal(pointInPolygon(11, 5, withHole), false);
  assert.equal(pointInPolygon(-0.001, 5, withHole), false);
  // Concave L shape.
  const l: PolygonCoordinates = [[[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]]];
  assert.equal(pointInPolygon(0.5, 1.5, l), true);
  assert.equal(pointInPolygon(1.5, 1.5, l), false);
});

test('a point on a shared edge belongs to exactly one of two tiles', () => {
  const left = square(0, 0, 1);
  const right = square(1, 0, 1);
  const top = square(0, 1, 1);
  for (const [lon, lat] of [[1, 0.5], [0.5, 1], [1, 1]] as const) {
    const owners = [left, right, top, square(1, 1, 1)].filter((c) => pointInPolygon(lon, lat, c));
    assert.equal(owners.length, 1, `${lon},${lat}`);
  }
});

test('bbox', () => {
  assert.deepEqual(bbox([[[3, 1], [5, 2], [4, 7], [3, 1]]]), [3, 1, 5, 7]);
});

test('overlapArea and polygonsOverlap', () => {
  const a = square(0, 0, 2);
  assert.equal(overlapArea(a, square(1, 1, 2)), 1);
  assert.equal(polygonsOverlap(a, square(1, 1, 2)), true);
  assert.equal(overlapArea(a, square(2, 0, 2)), 0); // shared edge
  assert.equal(polygonsOverlap(a, square(2, 0, 2)), false);
  assert.equal(polygonsOverlap(a, square(2, 2, 2)), false); // shared corner
  assert.equal(polygonsOverlap(a, square(5, 5, 1)), false);
  // A square inside the hole of another does not overlap it.
  const ring: PolygonCoordinates = [rect(0, 0, 10, 10), rect(3, 3, 7, 7)];
  assert.equal(polygonsOverlap(ring, square(4, 4, 2)), false);
  assert.equal(overlapArea(ring, square(2, 2, 2)), 3);
  // Real-looking coordinates that share an edge exactly.
  const g1 = [rect(111.69, 29.03, 111.6933333, 29.04)];
  const g2 = [rect(111.6933333, 29.03, 111.6966667, 29.04)];
  assert.equal(polygonsOverlap(g1, g2), false);
});

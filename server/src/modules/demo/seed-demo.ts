/**
 * Seeds the demo city into an empty database: regions, grids and one account per role. The
 * same function seeds the tests and the browser suite, so what they check is what people see.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PolygonGeometry, Role } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Clock } from '../../platform/clock.js';
import { systemContext } from '../../platform/context.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { insertAccounts } from '../../platform/accounts/accounts.js';
import { hashPassword } from '../../platform/auth/password.js';
import { base32Encode } from '../../platform/auth/totp.js';
import { insertRegions } from '../regions/insert-regions.js';
import { insertGrids } from '../grids/insert-grids.js';
import { seedStreets } from '../basemap/seed-streets.js';
import { generateCity, SCALES, type DemoCity, type DemoScale } from './generate-city.js';
import { taggedResidents } from './resident-extras.js';
import type { PiiVault } from '../../platform/pii/vault.js';
import { seedDemoRegisters } from '../registers/demo-registers.js';
import { DEMO_DEPARTMENTS, seedDemoTickets, TOWNSHIP_OFFICE, type DemoTicketSetup } from '../tickets/demo-tickets.js';
import { seedDemoForms } from '../../platform/forms/seed-demo-forms.js';
import { seedDemoKeyPersons } from '../keypersons/demo-keypersons.js';

export const DEMO_PASSWORD = 'Gridgov@2026';

export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  scopeRegionCode: string;
  gridCode: string | null;
  totpSecret: string | null;
  /** A department handler's department (its name; the department is the one of scopeRegionCode). */
  department?: string;
}

export interface DemoSeed {
  city: DemoCity;
  accounts: DemoAccount[];
  /** Grid ids by grid code. */
  gridIds: Map<string, string>;
  /** Account ids by username. */
  userIds: Map<string, string>;
  tickets: DemoTicketSetup;
}

/** A fixed TOTP secret per demo admin, so the printed secret stays valid across restarts. */
export function demoTotpSecret(username: string): string {
  return base32Encode(createHash('sha1').update(`gridgov-demo-totp:${username}`).digest());
}

export function demoAccounts(city: DemoCity, workersPerCityLimit = 200): DemoAccount[] {
  const byLevel = (level: string) => city.regions.filter((r) => r.level === level);
  const province = byLevel('province')[0]!;
  const cityRegion = byLevel('city')[0]!;
  const county = byLevel('county')[0]!;
  const township = byLevel('township').find((t) => t.parentCode === county.code)!;
  const community = byLevel('community').find((c) => c.parentCode === township.code)!;
  const admin = (username: string, displayName: string, role: Role): DemoAccount => ({
    username, displayName, role, scopeRegionCode: province.code, gridCode: null, totpSecret: demoTotpSecret(username),
  });
  const regional = (username: string, displayName: string, role: Role, code: string): DemoAccount => ({
    username, displayName, role, scopeRegionCode: code, gridCode: null, totpSecret: null,
  });
  const workers = city.grids.slice(0, workersPerCityLimit).map((g, i) => ({
    username: `gw${i + 1}`,
    displayName: `网格员${i + 1}（${g.name}）`,
    role: 'grid_worker' as const,
    scopeRegionCode: g.regionCode,
    gridCode: g.code,
    totpSecret: null,
  }));
  const firstGrid = city.grids[0]!;
  return [
    admin('sysadmin', '系统管理员', 'system_admin'),
    admin('secadmin', '安全管理员', 'security_admin'),
    admin('auditor', '审计员', 'auditor'),
    regional('city_op', `${cityRegion.name}指挥中心`, 'operator', cityRegion.code),
    regional('county_op', `${county.name}指挥中心`, 'operator', county.code),
    regional('township_op', `${township.name}综治中心`, 'operator', township.code),
    regional('community_op', `${community.name}值班员`, 'operator', community.code),
    { ...regional('handler', `${county.name}城管局`, 'department_handler', county.code), department: '城管局' },
    { ...regional('handler2', `${county.name}生态环境局`, 'department_handler', county.code), department: '生态环境局' },
    ...departmentHandlers(city),
    ...workers,
    { username: 'resident1', displayName: '周建华', role: 'resident', scopeRegionCode: firstGrid.regionCode, gridCode: firstGrid.code, totpSecret: null },
    // A portal account an enterprise files with (企业填报人), linked to two enterprises by the demo enterprises.
    { username: 'ent_filer', displayName: '刘经理（企业填报人）', role: 'resident', scopeRegionCode: firstGrid.regionCode, gridCode: firstGrid.code, totpSecret: null },
  ];
}

/**
 * One handler for every department a ticket can be assigned to that `handler` and `handler2` do
 * not cover: `police1` for the first county's 公安分局, `police2` for the second's, ...,
 * `office1`, `office2`, ... for the townships' 综治办.
 */
function departmentHandlers(city: DemoCity): DemoAccount[] {
  const counties = city.regions.filter((r) => r.level === 'county');
  const townships = city.regions.filter((r) => r.level === 'township');
  const covered = new Set([`${counties[0]?.code}:城管局`, `${counties[0]?.code}:生态环境局`]);
  const handler = (username: string, region: { code: string; name: string }, department: string): DemoAccount => ({
    username, displayName: `${region.name}${department}`, role: 'department_handler', scopeRegionCode: region.code, gridCode: null, totpSecret: null, department,
  });
  return [
    ...DEMO_DEPARTMENTS.flatMap((d) =>
      counties.flatMap((county, i) => (covered.has(`${county.code}:${d.name}`) ? [] : [handler(`${d.key}${i + 1}`, county, d.name)])),
    ),
    ...townships.map((township, i) => handler(`${TOWNSHIP_OFFICE.key}${i + 1}`, township, TOWNSHIP_OFFICE.name)),
  ];
}

export async function isSeeded(db: Db): Promise<boolean> {
  const result = (await db.execute(sql`select exists (select 1 from region) as seeded`)) as unknown as { rows: { seeded: boolean }[] };
  return Boolean(result.rows[0]?.seeded);
}

export interface SeedOptions {
  scale?: DemoScale;
  seed?: number;
  /** Also fill the registers (residents, households, places, facilities, organisations). */
  registers?: { vault: PiiVault };
}

export async function seedDemo(db: Db, clock: Clock, options: SeedOptions = {}): Promise<DemoSeed> {
  const city = generateCity({ scale: options.scale ?? SCALES.small, seed: options.seed ?? 1 });
  const now = clock.now();
  const validFrom = '2023-01-01';
  const accounts = demoAccounts(city);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const gridIds = new Map(city.grids.map((g) => [g.code, randomUUID()]));
  const userIds = new Map(accounts.map((a) => [a.username, randomUUID()]));
  let tickets: DemoTicketSetup | undefined;
  await db.transaction(async (tx) => {
    await insertRegions(tx, city.regions, validFrom, now);
    await insertGrids(tx, city.grids.map((g) => ({ id: gridIds.get(g.code)!, code: g.code, name: g.name, regionCode: g.regionCode, boundary: g.boundary as PolygonGeometry, targetHouseholds: g.targetHouseholds })), now);
    await insertAccounts(
      tx,
      accounts.map((a) => ({
        id: userIds.get(a.username)!,
        username: a.username,
        displayName: a.displayName,
        passwordHash,
        role: a.role,
        scopeRegionCode: a.scopeRegionCode,
        scopeGridId: a.gridCode ? gridIds.get(a.gridCode)! : null,
        totpSecret: a.totpSecret,
        passwordChangedAt: now,
        createdAt: now,
        updatedAt: now,
      })),
    );
    const handlers = accounts
      .filter((a) => a.department)
      .map((a) => ({ userId: userIds.get(a.username)!, regionCode: a.scopeRegionCode, department: a.department! }));
    await seedStreets(tx, city.grids, now);
    tickets = await seedDemoTickets(tx, now, city.regions, handlers);
    await writeAudit(tx, systemContext(clock, 'demo.seed'), {
      action: 'demo.seed',
      objectType: 'region',
      objectId: city.regions[0]?.code,
      details: { regions: city.regions.length, grids: city.grids.length, accounts: accounts.length },
    });
  });
  await seedDemoForms(db, clock);
  if (options.registers) {
    const grids = city.grids.map((g) => ({ ...g, id: gridIds.get(g.code)! }));
    await seedDemoRegisters(db, options.registers.vault, clock, grids, taggedResidents(city));
    // Key persons among the residents of the first community's grids (gw1... and community_op see them).
    await seedDemoKeyPersons(db, clock, grids.filter((g) => g.regionCode === grids[0]!.regionCode).map((g) => g.id));
  }
  return { city, accounts, gridIds, userIds, tickets: tickets! };
}

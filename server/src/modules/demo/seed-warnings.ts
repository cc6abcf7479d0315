/**
 * Risk warnings in the demo city: the rules set for a small city (disputes and petitions rising
 * in a village over two weeks; a resident gone from their compound for three days), gate records
 * of a few compounds (most people come and go, some left days ago), one nightly run over it all,
 * and the operators' work on what it raised: some acknowledged, assigned and handled, one closed,
 * one marked a false positive. Through the modules' exported functions, audited like real work.
 */
import type { Kit } from '../../platform/kit/kit.js';
import { systemContext, type RequestContext } from '../../platform/context.js';
import type { ActorContext } from '../../platform/http/types.js';
import { accountByUsername } from '../../platform/accounts/accounts.js';
import { actorFromUser } from '../../platform/auth/sessions.js';
import { buildingsAndResidentsOfGrids } from '../registers/compounds.js';
import { storeAccessRecords, type AccessRow } from '../access/ingest-records.js';
import { listRules, listWarningsForDemo, runRules, transitionWarning, updateRule } from '../warnings/demo-api.js';
import type { DemoSeed } from './seed-demo.js';

const HOUR = 3_600_000;

export interface WarningCounts {
  accessRecords: number;
  raised: number;
  handled: number;
  falsePositives: number;
}

async function as(kit: Kit, username: string, base: RequestContext): Promise<ActorContext> {
  const user = await accountByUsername(kit.db, username);
  if (!user) throw new Error(`no demo account ${username}`);
  return { ...base, actor: actorFromUser(user, null, await kit.providers.memberships(kit.db, user.id)) };
}

export async function seedDemoWarnings(kit: Kit, seed: DemoSeed): Promise<WarningCounts> {
  const now = kit.clock.now();
  const base = systemContext(kit.clock, 'demo.warnings');
  // The city's command centre sets the rules for a small city: a village rises at 3 reports in two weeks.
  const city = await as(kit, 'city_op', base);
  const rising = (await listRules(kit.db, kit.registry)).find((r) => r.kind === 'tickets.rising_in_village');
  if (rising) {
    await updateRule(kit.db, kit.registry, city, rising.id, { version: rising.version, name: '村社区矛盾纠纷/信访上升', params: { categoryPrefixes: ['dispute', 'petition'], days: 14, factor: 1.5, minCount: 3 } });
  }

  // Gate records of one compound in each of the first grids: a day of comings and goings, and
  // two residents per compound who went out three to five days ago and have not come back.
  const grids = seed.city.grids.slice(0, 6).map((g) => seed.gridIds.get(g.code)!);
  const rows: AccessRow[] = [];
  for (const [i, c] of (await buildingsAndResidentsOfGrids(kit.db, grids, 8)).entries()) {
    const compound = seed.city.grids.find((g) => seed.gridIds.get(g.code) === c.gridId)!;
    c.residentIds.forEach((residentId, j) => {
      const away = j < 2 && i < 3;
      const outAt = now.getTime() - (away ? (76 + 20 * j) * HOUR : (8 + j) * HOUR);
      const common = { residentId, compoundType: 'building', compoundId: c.buildingId, regionCode: compound.regionCode, gridId: c.gridId, gateId: `gate-${i + 1}-east`, receivedAt: now };
      rows.push({ ...common, direction: 'in', at: new Date(outAt - 14 * HOUR), sourceRecordId: `demo-${i}-${j}-1` });
      rows.push({ ...common, direction: 'out', at: new Date(outAt), sourceRecordId: `demo-${i}-${j}-2` });
      if (!away) rows.push({ ...common, direction: 'in', at: new Date(outAt + 6 * HOUR), sourceRecordId: `demo-${i}-${j}-3` });
    });
  }
  const accessRecords = await kit.db.transaction((tx) => storeAccessRecords(tx, rows));

  await runRules(kit, base, 'schedule');
  const raised = await listWarningsForDemo(kit.db);
  const counts: WarningCounts = { accessRecords, raised: raised.length, handled: 0, falsePositives: 0 };
  const township = await as(kit, 'township_op', base);
  const community = await as(kit, 'community_op', base);
  const county = await as(kit, 'county_op', base);
  const gridLevel = raised.filter((w) => w.level === 'grid' && w.regionCode.startsWith(community.actor.regionPrefix));
  const above = raised.filter((w) => w.level !== 'grid');
  // The community's operator: one absence was a family visit (false positive), another is followed up by the grid worker.
  if (gridLevel[0]) {
    await transitionWarning(kit, community, gridLevel[0].id, 'mark_false_positive', { version: 1, reason: '经电话核实，该居民外出探亲，已返回' });
    counts.falsePositives++;
  }
  if (gridLevel[1]) {
    await transitionWarning(kit, community, gridLevel[1].id, 'acknowledge', { version: 1, note: '已通知网格员上门了解' });
    const worker = await accountByUsername(kit.db, 'gw1');
    await transitionWarning(kit, community, gridLevel[1].id, 'assign', { version: 2, userId: worker!.id });
  }
  // The township or county: the first rising village is handled and closed, the next acknowledged.
  for (const [i, w] of above.slice(0, 2).entries()) {
    const by = w.regionCode.startsWith(township.actor.regionPrefix) ? township : county;
    if (!w.regionCode.startsWith(by.actor.regionPrefix)) continue;
    await transitionWarning(kit, by, w.id, 'acknowledge', { version: 1 });
    if (i > 0) continue;
    await transitionWarning(kit, by, w.id, 'assign', { version: 2, userId: by.actor.id });
    await transitionWarning(kit, by, w.id, 'handle', { version: 3, note: '综治办会同司法所入村排查，召开调解会，已化解3起' });
    await transitionWarning(kit, by, w.id, 'close', { version: 4 });
    counts.handled++;
  }
  return counts;
}

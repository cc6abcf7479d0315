/**
 * Demo set-up of the closed loop: the category tree, the departments of each county (and an
 * office per township), the default department of each category at county and township level,
 * and handler accounts linked to their departments.
 */
import { randomUUID } from 'node:crypto';
import type { HandlingLevel } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { addDepartmentMember, insertDepartment } from '../departments/manage-departments.js';
import { DEMO_CATEGORIES, seedCategories, setDefaultDepartments } from './categories.js';

/** County departments, the category groups (or leaves) they handle by default, and the key of their demo handlers' usernames. */
export const DEMO_DEPARTMENTS: { key: string; name: string; handles: string[] }[] = [
  { key: 'urban', name: '城管局', handles: ['city'] },
  { key: 'env', name: '生态环境局', handles: ['env'] },
  { key: 'police', name: '公安分局', handles: ['security'] },
  { key: 'justice', name: '司法局', handles: ['dispute'] },
  { key: 'safety', name: '应急管理局', handles: ['safety'] },
  { key: 'civil', name: '民政局', handles: ['livelihood.elderly'] },
  { key: 'hrss', name: '人社局', handles: ['livelihood.social_security', 'dispute.labor'] },
  { key: 'water', name: '水务公司', handles: ['livelihood.water_supply'] },
  { key: 'power', name: '供电公司', handles: ['livelihood.heating', 'city.streetlight'] },
];

/** The office every township has (disputes in its communities go to it). */
export const TOWNSHIP_OFFICE = { key: 'office', name: '综治办' } as const;

export interface DemoTicketSetup {
  categoryIds: Map<string, string>;
  /** `${countyCode}:${name}` -> department id. */
  departmentIds: Map<string, string>;
}

export async function seedDemoTickets(
  tx: Db,
  now: Date,
  regions: { code: string; name: string; level: string }[],
  /** Handler accounts by the department they work for: its region (county or township) and name. */
  handlers: { userId: string; regionCode: string; department: string }[],
): Promise<DemoTicketSetup> {
  const categoryIds = await seedCategories(tx, now);
  const departmentIds = new Map<string, string>();
  const stamp = { createdAt: now, updatedAt: now };
  for (const county of regions.filter((r) => r.level === 'county')) {
    for (const d of DEMO_DEPARTMENTS) {
      const id = randomUUID();
      departmentIds.set(`${county.code}:${d.name}`, id);
      await insertDepartment(tx, { id, name: `${county.name}${d.name}`, regionCode: county.code, ...stamp });
    }
  }
  for (const township of regions.filter((r) => r.level === 'township')) {
    const id = randomUUID();
    departmentIds.set(`${township.code}:${TOWNSHIP_OFFICE.name}`, id);
    await insertDepartment(tx, { id, name: `${township.name}${TOWNSHIP_OFFICE.name}`, regionCode: township.code, ...stamp });
  }
  // Defaults name the first county's departments: other counties pick theirs when dispatching.
  const firstCounty = regions.find((r) => r.level === 'county')?.code;
  for (const group of DEMO_CATEGORIES) {
    for (const leaf of [group, ...group.children]) {
      const owner = DEMO_DEPARTMENTS.find((d) => d.handles.includes(leaf.code)) ?? DEMO_DEPARTMENTS.find((d) => d.handles.includes(group.code));
      const departmentId = owner && firstCounty ? departmentIds.get(`${firstCounty}:${owner.name}`) : undefined;
      if (departmentId) await setDefaultDepartments(tx, categoryIds.get(leaf.code)!, [{ level: 'county' as HandlingLevel, departmentId }]);
    }
  }
  for (const h of handlers) {
    const departmentId = departmentIds.get(`${h.regionCode}:${h.department}`);
    if (departmentId) await addDepartmentMember(tx, h.userId, departmentId);
  }
  return { categoryIds, departmentIds };
}

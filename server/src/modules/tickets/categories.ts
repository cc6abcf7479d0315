/** The category tree with its time limits, custom fields and default departments per level. */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { DEFAULT_LIMITS, type Category, type CustomField, type HandlingLevel, type LimitClass } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { departmentNames } from '../departments/queries.js';
import { categoryDepartment, ticketCategory } from './tables.js';

type Row = typeof ticketCategory.$inferSelect;

export async function presentCategories(db: Db, rows: Row[]): Promise<Category[]> {
  const ids = rows.map((r) => r.id);
  const defaults = ids.length ? await db.select().from(categoryDepartment).where(inArray(categoryDepartment.categoryId, ids)) : [];
  const names = await departmentNames(db, defaults.map((d) => d.departmentId));
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    parentId: r.parentId,
    limitClass: r.limitClass as LimitClass,
    dispatchMinutes: r.dispatchMinutes,
    handleMinutes: r.handleMinutes,
    customFields: r.customFields as CustomField[],
    defaultDepartments: defaults
      .filter((d) => d.categoryId === r.id)
      .map((d) => ({ level: d.level as HandlingLevel, departmentId: d.departmentId, departmentName: names.get(d.departmentId) ?? '' })),
    active: r.active,
  }));
}

export async function listCategories(db: Db): Promise<Category[]> {
  return presentCategories(db, await db.select().from(ticketCategory).orderBy(asc(ticketCategory.code)));
}

/** An active category that tickets may take (a leaf or not). */
export async function findActiveCategory(db: Db, id: string): Promise<Row> {
  const [row] = await db.select().from(ticketCategory).where(and(eq(ticketCategory.id, id), eq(ticketCategory.active, true)));
  if (!row) throw new AppError('TICKET_CATEGORY_INVALID');
  return row;
}

/**
 * The categories as intake reads them, kept for a few seconds per process (a report does not
 * look them up each time). This process's own changes drop the copy at once; another process's
 * show within CACHE_MS. Whether a category is still active is checked again by the insert itself.
 */
export class CategoryCache {
  private static readonly CACHE_MS = 3_000;
  private copy: { until: number; rows: Promise<Row[]> } | null = null;

  constructor(private readonly db: Db) {}

  private async rows(): Promise<Row[]> {
    const now = Date.now();
    if (!this.copy || this.copy.until <= now) {
      // then(): a drizzle query runs again at every await of it; the copy must be one result.
      const rows = this.db
        .select()
        .from(ticketCategory)
        .then((r) => r);
      this.copy = { until: now + CategoryCache.CACHE_MS, rows };
      rows.catch(() => (this.copy = null));
    }
    return this.copy.rows;
  }

  async active(by: { id: string } | { code: string }): Promise<Row | null> {
    const rows = await this.rows();
    return rows.find((r) => r.active && ('id' in by ? r.id === by.id : r.code === by.code)) ?? null;
  }

  forget(): void {
    this.copy = null;
  }
}

export async function categoriesByCode(db: Db): Promise<Map<string, Row>> {
  const rows = await db.select().from(ticketCategory);
  return new Map(rows.map((r) => [r.code, r]));
}

/** The default departments of a category at a level. */
export async function defaultDepartments(db: Db, categoryId: string, level: HandlingLevel): Promise<string[]> {
  const found = await db
    .select({ departmentId: categoryDepartment.departmentId })
    .from(categoryDepartment)
    .where(and(eq(categoryDepartment.categoryId, categoryId), eq(categoryDepartment.level, level)));
  return found.map((d) => d.departmentId);
}

/** Checks answers to a category's extra questions; unknown keys are refused. */
export function checkCustomFields(fields: CustomField[], answers: Record<string, unknown>): Record<string, unknown> {
  const known = new Map(fields.map((f) => [f.key, f]));
  const errors: { field: string; reason: string }[] = [];
  for (const key of Object.keys(answers)) if (!known.has(key)) errors.push({ field: key, reason: 'unknown' });
  for (const f of fields) {
    const value = answers[f.key];
    if (value === undefined || value === '') {
      if (f.required) errors.push({ field: f.key, reason: 'required' });
      continue;
    }
    const ok =
      (f.type === 'text' && typeof value === 'string') ||
      (f.type === 'number' && typeof value === 'number') ||
      (f.type === 'boolean' && typeof value === 'boolean') ||
      (f.type === 'select' && typeof value === 'string' && (f.options ?? []).includes(value));
    if (!ok) errors.push({ field: f.key, reason: 'type' });
  }
  if (errors.length) throw new AppError('TICKET_CUSTOM_FIELD_INVALID', { fields: errors });
  return answers;
}

/** How many people came with a petition: `petition-facts.ts` counts a collective petition (集体访) by it. */
export const PETITION_PEOPLE_FIELD = 'people';
const PETITION_PEOPLE: CustomField = { key: PETITION_PEOPLE_FIELD, label: '上访人数', type: 'number', required: false };

/** The demo category tree; its leaf codes are the ones the suggester is trained on. */
export const DEMO_CATEGORIES: { code: string; name: string; nameEn: string; limitClass: LimitClass; children: { code: string; name: string; nameEn: string; limitClass?: LimitClass; customFields?: CustomField[] }[] }[] = [
  { code: 'city', name: '市容环境', nameEn: 'City environment', limitClass: 'general', children: [
    { code: 'city.road', name: '道路破损', nameEn: 'Damaged road' },
    { code: 'city.manhole', name: '井盖缺失破损', nameEn: 'Missing or broken manhole cover', limitClass: 'emergency' },
    { code: 'city.streetlight', name: '路灯不亮', nameEn: 'Streetlight out', limitClass: 'utility' },
    { code: 'city.garbage', name: '垃圾清运', nameEn: 'Rubbish collection' },
    { code: 'city.illegal_building', name: '违章搭建', nameEn: 'Illegal construction', limitClass: 'complex' },
    { code: 'city.street_vendor', name: '占道经营', nameEn: 'Street vending on the road' },
  ] },
  { code: 'env', name: '生态环境', nameEn: 'Environment', limitClass: 'general', children: [
    { code: 'env.noise', name: '噪音扰民', nameEn: 'Noise nuisance', customFields: [{ key: 'time_of_day', label: '发生时段', type: 'select', options: ['白天', '夜间'], required: false }] },
    { code: 'env.smoke', name: '油烟污染', nameEn: 'Cooking fumes' },
    { code: 'env.water', name: '污水排放', nameEn: 'Sewage discharge', limitClass: 'complex' },
  ] },
  { code: 'security', name: '治安', nameEn: 'Public order', limitClass: 'general', children: [
    { code: 'security.theft', name: '盗窃', nameEn: 'Theft' },
    { code: 'security.fire_risk', name: '消防隐患', nameEn: 'Fire hazard', limitClass: 'emergency' },
  ] },
  { code: 'dispute', name: '矛盾纠纷', nameEn: 'Disputes', limitClass: 'complex', children: [
    { code: 'dispute.neighbor', name: '邻里纠纷', nameEn: 'Neighbour dispute' },
    { code: 'dispute.labor', name: '劳资纠纷', nameEn: 'Labour dispute', customFields: [{ key: 'workers', label: '涉及人数', type: 'number', required: false }] },
    { code: 'dispute.property', name: '物业纠纷', nameEn: 'Property management dispute' },
  ] },
  { code: 'safety', name: '安全生产', nameEn: 'Work safety', limitClass: 'emergency', children: [
    { code: 'safety.building', name: '房屋安全', nameEn: 'Building safety' },
    { code: 'safety.gas', name: '燃气安全', nameEn: 'Gas safety' },
  ] },
  { code: 'livelihood', name: '民生诉求', nameEn: 'Livelihood requests', limitClass: 'general', children: [
    { code: 'livelihood.water_supply', name: '停水', nameEn: 'Water cut', limitClass: 'utility' },
    { code: 'livelihood.heating', name: '供暖供电', nameEn: 'Heating and power', limitClass: 'utility' },
    { code: 'livelihood.elderly', name: '养老服务', nameEn: 'Elderly care' },
    { code: 'livelihood.social_security', name: '社保医保', nameEn: 'Social and medical insurance', limitClass: 'complex' },
  ] },
  // Petitions (信访): the no-petition villages (modules/petitions) count them per village and month.
  { code: 'petition', name: '信访', nameEn: 'Petitions', limitClass: 'complex', children: [
    { code: 'petition.land', name: '征地拆迁', nameEn: 'Land requisition and demolition', customFields: [PETITION_PEOPLE] },
    { code: 'petition.labour', name: '劳资纠纷', nameEn: 'Unpaid wages', customFields: [PETITION_PEOPLE] },
    { code: 'petition.legal', name: '涉法涉诉', nameEn: 'Law and litigation', customFields: [PETITION_PEOPLE] },
    { code: 'petition.livelihood', name: '民生保障', nameEn: 'Livelihood and social security', customFields: [PETITION_PEOPLE] },
  ] },
];

/** Inserts the demo categories; returns their ids by code. */
export async function seedCategories(tx: Db, now: Date): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const group of DEMO_CATEGORIES) {
    const parentId = randomUUID();
    ids.set(group.code, parentId);
    const limits = DEFAULT_LIMITS[group.limitClass];
    await tx.insert(ticketCategory).values({ id: parentId, code: group.code, name: group.name, nameEn: group.nameEn, parentId: null, limitClass: group.limitClass, ...limits, createdAt: now, updatedAt: now });
    for (const c of group.children) {
      const id = randomUUID();
      ids.set(c.code, id);
      const limitClass = c.limitClass ?? group.limitClass;
      await tx.insert(ticketCategory).values({
        id, code: c.code, name: c.name, nameEn: c.nameEn, parentId, limitClass, ...DEFAULT_LIMITS[limitClass], customFields: c.customFields ?? [], createdAt: now, updatedAt: now,
      });
    }
  }
  return ids;
}

export async function setDefaultDepartments(tx: Db, categoryId: string, defaults: { level: HandlingLevel; departmentId: string }[]): Promise<void> {
  await tx.delete(categoryDepartment).where(eq(categoryDepartment.categoryId, categoryId));
  if (defaults.length) await tx.insert(categoryDepartment).values(defaults.map((d) => ({ categoryId, ...d })));
}

/** Configuring the category tree: names, time limits, extra questions, default departments. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { DEFAULT_LIMITS, type Category, type CustomField, type HandlingLevel, type LimitClass } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError, notFound } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { departmentsVisibleTo } from '../departments/queries.js';
import { presentCategories, setDefaultDepartments } from './categories.js';
import { ticketCategory } from './tables.js';

export interface CategoryFields {
  code?: string;
  name?: string;
  parentId?: string | null;
  limitClass?: LimitClass;
  dispatchMinutes?: number;
  handleMinutes?: number;
  customFields?: CustomField[];
  defaultDepartments?: { level: HandlingLevel; departmentId: string }[];
  active?: boolean;
}

async function checkDepartments(db: Db, ctx: ActorContext, defaults: CategoryFields['defaultDepartments']): Promise<void> {
  if (!defaults?.length) return;
  const found = await departmentsVisibleTo(db, ctx.actor, defaults.map((d) => d.departmentId));
  const invalid = defaults.filter((d) => !found.has(d.departmentId)).map((d) => d.departmentId);
  if (invalid.length) throw new AppError('TICKET_DEPARTMENT_INVALID', { departmentIds: invalid });
}

async function save(db: Db, ctx: ActorContext, id: string | null, input: CategoryFields): Promise<Category> {
  await checkDepartments(db, ctx, input.defaultDepartments);
  const now = ctx.clock.now();
  const categoryId = id ?? randomUUID();
  try {
    await db.transaction(async (tx) => {
      const [current] = id ? await tx.select().from(ticketCategory).where(eq(ticketCategory.id, id)).for('update') : [];
      if (id && !current) throw notFound();
      const limitClass = input.limitClass ?? (current?.limitClass as LimitClass | undefined) ?? 'general';
      // A new limit class brings its default limits unless limits are given.
      const limits = input.limitClass && input.limitClass !== current?.limitClass ? DEFAULT_LIMITS[limitClass] : {};
      const values = {
        ...(input.code !== undefined ? { code: input.code } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
        limitClass,
        ...limits,
        ...(input.dispatchMinutes !== undefined ? { dispatchMinutes: input.dispatchMinutes } : {}),
        ...(input.handleMinutes !== undefined ? { handleMinutes: input.handleMinutes } : {}),
        ...(input.customFields !== undefined ? { customFields: input.customFields } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
        updatedAt: now,
      };
      if (current) {
        await tx.update(ticketCategory).set(values).where(eq(ticketCategory.id, categoryId));
      } else {
        await tx.insert(ticketCategory).values({ ...DEFAULT_LIMITS[limitClass], ...values, id: categoryId, code: input.code!, name: input.name!, createdAt: now });
      }
      if (input.defaultDepartments) await setDefaultDepartments(tx, categoryId, input.defaultDepartments);
      await writeAudit(tx, ctx, { action: current ? 'ticket_category.update' : 'ticket_category.create', objectType: 'ticket_category', objectId: categoryId, details: { ...input } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('CONFLICT', { field: 'code' });
    throw error;
  }
  const [row] = await db.select().from(ticketCategory).where(eq(ticketCategory.id, categoryId));
  return (await presentCategories(db, [row!]))[0]!;
}

export const createCategory = (db: Db, ctx: ActorContext, input: CategoryFields) => save(db, ctx, null, input);
export const updateCategory = (db: Db, ctx: ActorContext, id: string, input: CategoryFields) => save(db, ctx, id, input);

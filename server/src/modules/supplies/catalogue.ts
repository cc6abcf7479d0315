/** The item catalogue: the shipped GB/T 38565 nodes plus the items localities added (their subtree and below see them). */
import { inArray, sql } from 'drizzle-orm';
import { SUPPLY_CATALOGUE, checkSupplyCode, supplyCodeLevel, supplyParentCode, type LocalItemRequest, type SupplyItem } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { ancestorCodes, codeInSubtree, regionInScope } from '../../platform/scope.js';
import { supplyItem } from './tables.js';

const SHIPPED: SupplyItem[] = SUPPLY_CATALOGUE.map((n) => ({
  code: n.code, name: n.zh, nameEn: n.en, unit: n.unit ?? null, level: supplyCodeLevel(n.code)!, parent: supplyParentCode(n.code), source: n.source, regionCode: null,
}));
const SHIPPED_BY_CODE = new Map(SHIPPED.map((i) => [i.code, i]));

const localOf = (r: typeof supplyItem.$inferSelect): SupplyItem => ({
  code: r.code, name: r.name, nameEn: r.nameEn ?? r.name, unit: r.unit, level: 4, parent: supplyParentCode(r.code), source: 'local', regionCode: r.regionCode,
});

/** The catalogue an actor sees: shipped nodes and the local items of their subtree and the regions above. */
export async function listItems(db: Db, actor: Actor): Promise<SupplyItem[]> {
  const above = [...ancestorCodes(actor.regionCode), actor.regionCode];
  const local = await db.select().from(supplyItem).where(sql`(${regionInScope(actor, supplyItem.regionCode)} or ${inArray(supplyItem.regionCode, above)})`).orderBy(supplyItem.code);
  return [...SHIPPED, ...local.map(localOf)].sort((a, b) => a.code.localeCompare(b.code));
}

/** Items (level 4) by code, shipped or local (any locality: stock moves name codes already checked). */
export async function itemsByCode(db: Db, codes: readonly string[]): Promise<Map<string, SupplyItem>> {
  const out = new Map<string, SupplyItem>();
  const missing: string[] = [];
  for (const c of new Set(codes)) {
    const s = SHIPPED_BY_CODE.get(c);
    if (s) out.set(c, s);
    else missing.push(c);
  }
  if (missing.length) for (const r of await db.select().from(supplyItem).where(inArray(supplyItem.code, missing))) out.set(r.code, localOf(r));
  return out;
}

/** An item (7 digits) the actor may stock or request: refused with `SUPPLIES_ITEM_UNKNOWN` otherwise. */
export async function requireItem(db: Db, actor: Actor | null, code: string, field = 'itemCode'): Promise<SupplyItem> {
  const item = (await itemsByCode(db, [code])).get(code);
  const visible = item && (item.source !== 'local' || !actor || codeInSubtree(item.regionCode!, actor.regionPrefix) || [...ancestorCodes(actor.regionCode), actor.regionCode].includes(item.regionCode!));
  if (!item || item.level !== 4 || !visible) throw new AppError('SUPPLIES_ITEM_UNKNOWN', { fields: [{ field, code: 'SUPPLIES_ITEM_UNKNOWN' }] });
  return item;
}

/** A locality's own item: a valid 7-digit code under an existing branch, new everywhere. */
export async function addLocalItem(db: Db, ctx: ActorContext, input: LocalItemRequest): Promise<SupplyItem> {
  if (ctx.actor.gridId || !codeInSubtree(input.regionCode, ctx.actor.regionPrefix)) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'regionCode', code: 'REGION_CODE_INVALID' }] });
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`supply_item:${input.code}`}))`);
    const known = new Set([...SHIPPED_BY_CODE.keys(), ...(await tx.select({ code: supplyItem.code }).from(supplyItem)).map((r) => r.code)]);
    const problem = checkSupplyCode(input.code, known);
    if (problem) throw new AppError(problem.code, { ...problem.params, fields: [{ field: 'code', code: problem.code }] });
    const [row] = await tx.insert(supplyItem).values({ code: input.code, name: input.name, nameEn: input.nameEn ?? null, unit: input.unit, regionCode: input.regionCode, createdBy: ctx.actor.id, createdAt: ctx.clock.now() }).returning();
    await writeAudit(tx, ctx, { action: 'supplies.item', objectType: 'supply_item', objectId: input.code, regionCode: input.regionCode, details: { code: input.code, name: input.name } });
    return localOf(row!);
  });
}

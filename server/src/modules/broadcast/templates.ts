/**
 * Message templates as data: zh-CN and English texts with `{name}` parameters. The product ships
 * defaults (read-only, written at start when missing); a region adds its own, and one with the
 * key of a shipped or higher region's template replaces it for that subtree in the picker.
 */
import { createHash } from 'node:crypto';
import { and, asc, eq, sql } from 'drizzle-orm';
import { BROADCAST_DEFAULT_TEMPLATES, templateParams, type BroadcastTemplate, type TemplateRequest, type TemplateUpdateRequest } from '@gridgov/contracts';
import type { Db } from '../../platform/db/client.js';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError, notFound } from '../../platform/errors.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible } from '../../platform/scope.js';
import type { Actor } from '../../platform/context.js';
import { broadcastTemplate } from './tables.js';
import { keeps, TEMPLATE_VISIBILITY, type TemplateRow } from './workflow.js';

/** A stable id for a shipped template (an RFC 4122 version-4 layout over the key's hash). */
export function shippedTemplateId(key: string): string {
  const h = createHash('md5').update(`broadcast-template:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Writes the shipped templates that are missing (stable ids from their keys); never overwrites. */
export async function shipDefaultTemplates(db: Db, now: Date): Promise<void> {
  await db
    .insert(broadcastTemplate)
    .values(BROADCAST_DEFAULT_TEMPLATES.map((t) => ({ id: shippedTemplateId(t.key), key: t.key, name: t.name, nameEn: t.nameEn, regionCode: null, zh: t.zh, en: t.en, version: 1, createdAt: now, updatedAt: now })))
    .onConflictDoNothing();
}

const editable = (actor: Actor, t: TemplateRow) => t.regionCode !== null && keeps(actor, 'broadcast:template', t.regionCode);

async function present(kit: Pick<Kit, 'db' | 'providers'>, actor: Actor, found: readonly TemplateRow[]): Promise<BroadcastTemplate[]> {
  const regions = await kit.providers.regionNames(kit.db, [...new Set(found.flatMap((t) => (t.regionCode ? [t.regionCode] : [])))]);
  return found.map((t) => ({
    id: t.id, key: t.key, name: t.name, nameEn: t.nameEn, regionCode: t.regionCode, regionName: t.regionCode ? (regions.get(t.regionCode) ?? '') : null,
    zh: t.zh, en: t.en, params: templateParams(`${t.zh} ${t.en}`), version: t.version, editable: editable(actor, t),
  }));
}

export async function listTemplates(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext): Promise<BroadcastTemplate[]> {
  const found = await kit.db.select().from(broadcastTemplate).where(recordVisible(ctx.actor, TEMPLATE_VISIBILITY)).orderBy(asc(broadcastTemplate.key), sql`${broadcastTemplate.regionCode} nulls first`);
  return present(kit, ctx.actor, found);
}

/** A template the caller sees (for drafting), or null. */
export async function visibleTemplate(db: Db, actor: Actor, id: string): Promise<TemplateRow | null> {
  const [t] = await db.select().from(broadcastTemplate).where(and(eq(broadcastTemplate.id, id), recordVisible(actor, TEMPLATE_VISIBILITY)));
  return t ?? null;
}

async function loadEditable(db: Db, actor: Actor, id: string): Promise<TemplateRow> {
  const t = await visibleTemplate(db, actor, id);
  if (!t) throw notFound();
  if (t.regionCode === null) throw new AppError('BROADCAST_TEMPLATE_SHIPPED');
  if (!editable(actor, t)) throw new AppError('FORBIDDEN');
  return t;
}

export async function createTemplate(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, input: TemplateRequest): Promise<BroadcastTemplate> {
  if (!keeps(ctx.actor, 'broadcast:template', input.regionCode)) throw new AppError('BROADCAST_REGION', { fields: [{ field: 'regionCode', code: 'BROADCAST_REGION' }] });
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  try {
    await kit.db.transaction(async (tx) => {
      await tx.insert(broadcastTemplate).values({ id, ...input, version: 1, createdAt: now, updatedAt: now });
      await writeAudit(tx, ctx, { action: 'broadcast_template.save', objectType: 'broadcast_template', objectId: id, regionCode: input.regionCode, details: { key: input.key, name: input.name } });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'broadcast_template_region_key')) throw new AppError('BROADCAST_TEMPLATE_DUPLICATE', { fields: [{ field: 'key', code: 'BROADCAST_TEMPLATE_DUPLICATE' }] });
    throw error;
  }
  const [made] = await kit.db.select().from(broadcastTemplate).where(eq(broadcastTemplate.id, id));
  return (await present(kit, ctx.actor, [made!]))[0]!;
}

export async function updateTemplate(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, input: TemplateUpdateRequest): Promise<BroadcastTemplate> {
  const now = ctx.clock.now();
  const saved = await kit.db.transaction(async (tx) => {
    const t = await loadEditable(tx, ctx.actor, id);
    if (t.version !== input.version) throw new AppError('BROADCAST_VERSION_CONFLICT', { current: t.version });
    const { version: _v, ...fields } = input;
    const [next] = await tx.update(broadcastTemplate).set({ ...fields, version: t.version + 1, updatedAt: now }).where(eq(broadcastTemplate.id, id)).returning();
    await writeAudit(tx, ctx, { action: 'broadcast_template.save', objectType: 'broadcast_template', objectId: id, regionCode: t.regionCode ?? undefined, details: { key: t.key, name: input.name, version: t.version + 1 } });
    return next!;
  });
  return (await present(kit, ctx.actor, [saved]))[0]!;
}

export async function deleteTemplate(kit: Pick<Kit, 'db'>, ctx: ActorContext, id: string): Promise<{ deleted: true }> {
  await kit.db.transaction(async (tx) => {
    const t = await loadEditable(tx, ctx.actor, id);
    await tx.delete(broadcastTemplate).where(eq(broadcastTemplate.id, id));
    await writeAudit(tx, ctx, { action: 'broadcast_template.delete', objectType: 'broadcast_template', objectId: id, regionCode: t.regionCode ?? undefined, details: { key: t.key, name: t.name } });
  });
  return { deleted: true };
}

/**
 * Street-light loudspeakers (智慧路灯广播), kept here until the IoT module's device registry
 * exists: a name, the device id the gateway knows it by, a point, the region and optionally the
 * grid. A broadcast on the `loudspeaker` channel sends each loudspeaker of its area a device
 * command (the text to speak) through the outbox; the channel POSTs it to the device gateway
 * (`GRIDGOV_DEVICE_GATEWAY_URL`), and the IoT module will route it over MQTT later.
 */
import { and, asc, eq } from 'drizzle-orm';
import { divisionPrefix, type Loudspeaker, type LoudspeakerRequest, type LoudspeakerUpdateRequest } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError, notFound } from '../../platform/errors.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { recordVisible } from '../../platform/scope.js';
import { postBatch, type Send } from '../../platform/outbox/channels.js';
import type { DeliveryResult, OutboxChannel } from '../../platform/outbox/outbox.js';
import { gridsInScope } from '../grids/queries.js';
import { loudspeaker } from './tables.js';
import { keeps, LOUDSPEAKER_VISIBILITY, type LoudspeakerRow } from './workflow.js';

async function present(kit: Pick<Kit, 'db' | 'providers'>, found: readonly LoudspeakerRow[]): Promise<Loudspeaker[]> {
  const [regions, grids] = await Promise.all([
    kit.providers.regionNames(kit.db, [...new Set(found.map((l) => l.regionCode))]),
    kit.providers.gridNames(kit.db, [...new Set(found.flatMap((l) => (l.gridId ? [l.gridId] : [])))]),
  ]);
  return found.map((l) => ({
    id: l.id, name: l.name, deviceId: l.deviceId, regionCode: l.regionCode, regionName: regions.get(l.regionCode) ?? '', gridId: l.gridId, gridName: l.gridId ? (grids.get(l.gridId) ?? null) : null,
    lng: l.lng, lat: l.lat, version: l.version,
  }));
}

export async function listLoudspeakers(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext): Promise<Loudspeaker[]> {
  return present(kit, await kit.db.select().from(loudspeaker).where(recordVisible(ctx.actor, LOUDSPEAKER_VISIBILITY)).orderBy(asc(loudspeaker.regionCode), asc(loudspeaker.name)).limit(5000));
}

/** The grid must be one of the region's subtree. */
async function checkPlace(db: Db, actor: Actor, input: LoudspeakerRequest): Promise<void> {
  if (!keeps(actor, 'broadcast:device', input.regionCode)) throw new AppError('BROADCAST_REGION', { fields: [{ field: 'regionCode', code: 'BROADCAST_REGION' }] });
  if (input.gridId) {
    const grid = (await gridsInScope(db, actor, [input.gridId])).get(input.gridId);
    if (!grid || !grid.regionCode.startsWith(divisionPrefix(input.regionCode))) throw new AppError('BROADCAST_GRID', { fields: [{ field: 'gridId', code: 'BROADCAST_GRID' }] });
  }
}

export async function createLoudspeaker(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, input: LoudspeakerRequest): Promise<Loudspeaker> {
  await checkPlace(kit.db, ctx.actor, input);
  const now = ctx.clock.now();
  const id = crypto.randomUUID();
  try {
    await kit.db.transaction(async (tx) => {
      await tx.insert(loudspeaker).values({ id, ...input, version: 1, createdAt: now, updatedAt: now });
      await writeAudit(tx, ctx, { action: 'loudspeaker.save', objectType: 'loudspeaker', objectId: id, regionCode: input.regionCode, details: { name: input.name, deviceId: input.deviceId } });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'loudspeaker_device_key')) throw new AppError('BROADCAST_DEVICE_DUPLICATE', { fields: [{ field: 'deviceId', code: 'BROADCAST_DEVICE_DUPLICATE' }] });
    throw error;
  }
  const [made] = await kit.db.select().from(loudspeaker).where(eq(loudspeaker.id, id));
  return (await present(kit, [made!]))[0]!;
}

async function loadKept(db: Db, actor: Actor, id: string): Promise<LoudspeakerRow> {
  const [l] = await db.select().from(loudspeaker).where(and(eq(loudspeaker.id, id), recordVisible(actor, LOUDSPEAKER_VISIBILITY))).for('update');
  if (!l) throw notFound();
  if (!keeps(actor, 'broadcast:device', l.regionCode)) throw new AppError('FORBIDDEN');
  return l;
}

export async function updateLoudspeaker(kit: Pick<Kit, 'db' | 'providers'>, ctx: ActorContext, id: string, input: LoudspeakerUpdateRequest): Promise<Loudspeaker> {
  const now = ctx.clock.now();
  const { version, ...fields } = input;
  try {
    await kit.db.transaction(async (tx) => {
      const l = await loadKept(tx, ctx.actor, id);
      if (l.version !== version) throw new AppError('BROADCAST_VERSION_CONFLICT', { current: l.version });
      await checkPlace(tx, ctx.actor, fields);
      await tx.update(loudspeaker).set({ ...fields, version: l.version + 1, updatedAt: now }).where(eq(loudspeaker.id, id));
      await writeAudit(tx, ctx, { action: 'loudspeaker.save', objectType: 'loudspeaker', objectId: id, regionCode: fields.regionCode, details: { name: fields.name, deviceId: fields.deviceId, version: l.version + 1 } });
    });
  } catch (error) {
    if (isUniqueViolation(error, 'loudspeaker_device_key')) throw new AppError('BROADCAST_DEVICE_DUPLICATE', { fields: [{ field: 'deviceId', code: 'BROADCAST_DEVICE_DUPLICATE' }] });
    throw error;
  }
  const [saved] = await kit.db.select().from(loudspeaker).where(eq(loudspeaker.id, id));
  return (await present(kit, [saved!]))[0]!;
}

export async function deleteLoudspeaker(kit: Pick<Kit, 'db'>, ctx: ActorContext, id: string): Promise<{ deleted: true }> {
  await kit.db.transaction(async (tx) => {
    const l = await loadKept(tx, ctx.actor, id);
    await tx.delete(loudspeaker).where(eq(loudspeaker.id, id));
    await writeAudit(tx, ctx, { action: 'loudspeaker.delete', objectType: 'loudspeaker', objectId: id, regionCode: l.regionCode, details: { name: l.name, deviceId: l.deviceId } });
  });
  return { deleted: true };
}

/**
 * The outbox channel `loudspeaker`: a device command `{ id, channel, device, command: 'speak',
 * text, broadcastId }` POSTed to the device gateway (batches: `{ channel, batch, messages }`);
 * without a gateway configured the commands stay `disabled`.
 */
export function loudspeakerChannel(url: string | null, send: Send = fetch): OutboxChannel {
  const command = (m: { id: string; recipient: string; params: Record<string, unknown>; payload: Record<string, unknown> }) => ({
    id: m.id, device: m.recipient, command: 'speak', text: String(m.params.text ?? ''), broadcastId: m.payload.broadcastId ?? null,
  });
  return {
    name: 'loudspeaker',
    async deliver(m): Promise<DeliveryResult> {
      if (!url) return { status: 'disabled' };
      const [result] = await postBatch(send, url, 'loudspeaker', [command(m)]);
      return result!;
    },
    async deliverBatch(ms) {
      if (!url) return ms.map(() => ({ status: 'disabled' }));
      return postBatch(send, url, 'loudspeaker', ms.map(command));
    },
  };
}

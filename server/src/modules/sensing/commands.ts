/**
 * Commands back to devices (loudspeaker text, display text, gate open/close). A command is a row
 * (`queued`) and an outbox message in one transaction; the outbox channel `device_command`
 * publishes it on the device's MQTT `command` topic (retried with back-off while the process has
 * no broker link or the publish fails), the row becomes `sent`, and the device's `command_ack`
 * on its `ack` topic makes it `confirmed` (or `failed`, with the device's reason; store.ts). A
 * command not confirmed by its deadline is `expired` (the sweep below), and the outbox stops
 * trying it then too.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { commandRequest, type CommandRequest, type DeviceCommand } from '@gridgov/contracts';
import type { ActorContext } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { AppError } from '../../platform/errors.js';
import { writeAudit } from '../../platform/audit/write-audit.js';
import { defineJob } from '../../platform/jobs/queue.js';
import { enqueueOutbox, type OutboxChannel } from '../../platform/outbox/outbox.js';
import { codeInSubtree } from '../../platform/scope.js';
import { loadDevice } from '../devices/visibility.js';
import { commandLink } from './gateways.js';
import { deviceCommand } from './tables.js';

/** Which kinds of device take which commands. */
const ACCEPTS: Record<string, readonly string[]> = { street_light: ['speak', 'display'], access_gate: ['gate_open', 'gate_close', 'display'] };

const present = (c: typeof deviceCommand.$inferSelect): DeviceCommand => ({
  id: c.id, deviceId: c.deviceId, action: c.action as DeviceCommand['action'], params: c.params as Record<string, unknown>, status: c.status as DeviceCommand['status'],
  createdAt: c.createdAt.toISOString(), sentAt: c.sentAt?.toISOString() ?? null, confirmedAt: c.confirmedAt?.toISOString() ?? null, expiresAt: c.expiresAt.toISOString(), result: c.result,
});

export async function sendCommand(kit: Pick<Kit, 'db'>, ctx: ActorContext, deviceId: string, raw: CommandRequest): Promise<DeviceCommand> {
  const input = commandRequest.parse(raw);
  const now = ctx.clock.now();
  return kit.db.transaction(async (tx) => {
    const d = await loadDevice(tx, ctx.actor, deviceId);
    if (ctx.actor.gridId !== null || !codeInSubtree(d.regionCode, ctx.actor.regionPrefix)) throw new AppError('FORBIDDEN');
    if (!(ACCEPTS[d.kind] ?? []).includes(input.action)) throw new AppError('DEVICE_COMMAND_UNSUPPORTED', { fields: [{ field: 'action', code: 'DEVICE_COMMAND_UNSUPPORTED' }] });
    if (d.protocol !== 'mqtt' || d.status === 'disabled') throw new AppError('DEVICE_COMMAND_OFFLINE');
    const { action, expiresInMinutes, ...params } = input;
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + expiresInMinutes * 60_000);
    const [row] = await tx.insert(deviceCommand).values({ id, deviceId, action, params, status: 'queued', createdBy: ctx.actor.id, createdAt: now, expiresAt }).returning();
    await enqueueOutbox(tx, now, [{ channel: 'device_command', recipient: d.code, payload: { commandId: id, kind: d.kind, action, ...params }, subject: { type: 'device_command', id }, expiresAt }]);
    await writeAudit(tx, ctx, { action: 'device_command.create', objectType: 'device', objectId: deviceId, regionCode: d.regionCode, details: { code: d.code, action, commandId: id } });
    return present(row!);
  });
}

export async function listCommands(kit: Pick<Kit, 'db'>, ctx: ActorContext, deviceId: string): Promise<DeviceCommand[]> {
  await loadDevice(kit.db, ctx.actor, deviceId);
  const found = await kit.db.select().from(deviceCommand).where(eq(deviceCommand.deviceId, deviceId)).orderBy(desc(deviceCommand.createdAt)).limit(50);
  return found.map(present);
}

/** Publishes a command on the device's topic through this process's broker link. */
export function deviceCommandChannel(kit: Kit): OutboxChannel {
  return {
    name: 'device_command',
    async deliver(m) {
      const link = commandLink(kit);
      if (!link) return { status: 'retry', error: 'no MQTT gateway in this process' };
      const { commandId, kind, ...body } = m.payload as { commandId: string; kind: string } & Record<string, unknown>;
      const [open] = await kit.db.select({ status: deviceCommand.status }).from(deviceCommand).where(eq(deviceCommand.id, commandId));
      if (!open || !['queued', 'sent'].includes(open.status)) return { status: 'failed', error: `command ${open?.status ?? 'gone'}` };
      try {
        await link.command({ code: m.recipient, kind }, { id: commandId, commandId, ...body });
      } catch (error) {
        return { status: 'retry', error: error instanceof Error ? error.message : String(error) };
      }
      await kit.db.update(deviceCommand).set({ status: sql`case when ${deviceCommand.status} = 'queued' then 'sent' else ${deviceCommand.status} end`, sentAt: kit.clock.now() }).where(eq(deviceCommand.id, commandId));
      return { status: 'sent' };
    },
  };
}

/** Every minute: commands past their deadline without a confirmation expire. */
export const expireCommandsJob = defineJob({
  name: 'sensing.expire_commands',
  payload: z.object({}),
  repeatEveryMs: 60_000,
  async handle(_p, { db, clock }) {
    await db.update(deviceCommand).set({ status: 'expired' }).where(and(inArray(deviceCommand.status, ['queued', 'sent']), lt(deviceCommand.expiresAt, clock.now())));
  },
});

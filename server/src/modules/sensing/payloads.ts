/**
 * What each kind of MQTT device may publish: the envelope every message carries (`id`, the
 * device's own message id; `ts`, its time in ms; `type`) and the fields of each type. A message
 * that does not fit is refused with the field at fault (`bad_payload`) and counted per device.
 * Confirmations of commands (`command_ack`) go on the `ack` topic of every kind.
 */
import { z } from 'zod';
import { uuid } from '@gridgov/contracts';

const envelope = { id: z.string().min(1).max(64), ts: z.number().int() };
const status = z.object({ ...envelope, type: z.literal('status'), battery: z.number().min(0).max(100).optional(), lamp: z.enum(['on', 'off']).optional(), power: z.number().min(0).max(10_000).optional() });
const ack = z.object({ ...envelope, type: z.literal('command_ack'), commandId: uuid, ok: z.boolean(), detail: z.string().max(200).optional() });
/** A resident the device recognised (its face or card enrolled against the register), if any. */
const residentId = uuid.optional();

const byKind = {
  access_gate: [z.object({ ...envelope, type: z.literal('passage'), direction: z.enum(['in', 'out']), method: z.enum(['face', 'card', 'qr', 'password']), residentId, temperature: z.number().min(30).max(45).optional() })],
  thermal_camera: [z.object({ ...envelope, type: z.literal('fever'), temperature: z.number().min(30).max(45), residentId })],
  street_light: [z.object({ ...envelope, type: z.literal('sos') })],
  smoke_sensor: [z.object({ ...envelope, type: z.literal('smoke'), level: z.number().min(0).max(100).optional() })],
  water_sensor: [z.object({ ...envelope, type: z.literal('water'), depthCm: z.number().min(0).max(1000).optional() })],
  camera: [],
  vehicle_checkpoint: [],
  nvr: [],
  video_platform: [],
} as const;

/** Per device kind, the schema of its messages (its event types, a status report, a command confirmation). */
export const DEVICE_PAYLOADS = Object.fromEntries(
  Object.entries(byKind).map(([kind, types]) => [kind, z.discriminatedUnion('type', [status, ack, ...types])]),
) as unknown as Record<string, z.ZodType<{ id: string; ts: number; type: string } & Record<string, unknown>>>;

/** The event types that are alarms, and how long one alarm of the type gathers its repeats. */
export const ALARM_PERIOD_MINUTES: Record<string, number> = { fever: 30, sos: 10, smoke: 30, water: 60, watchlist: 10 };

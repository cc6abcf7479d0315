/**
 * Smart sensing (智能感知, M7): the alarms devices raise and what they became in the closed loop,
 * a device's recent messages, and commands back to devices with their confirmation.
 */
import { z } from 'zod';
import { pageQuery, uuid } from '../common.js';

export { SENSING_PERMISSIONS } from './permissions.js';
export { SENSING_AUDIT_ACTIONS } from './audit.js';
export { SENSING_ERRORS } from './errors.js';
export { SENSING_ENUM_LABELS } from './labels.js';
export { SENSING_MESSAGES } from './messages.js';

export const ALARM_TYPES = ['fever', 'sos', 'smoke', 'water', 'watchlist'] as const;
export const ALARM_STATUSES = ['new', 'filed'] as const;
export const COMMAND_ACTIONS = ['speak', 'display', 'gate_open', 'gate_close'] as const;
export const COMMAND_STATUSES = ['queued', 'sent', 'confirmed', 'failed', 'expired'] as const;

export const alarmListQuery = z.strictObject({
  type: z.enum(ALARM_TYPES).optional(),
  deviceId: uuid.optional(),
  gridId: uuid.optional(),
  /** Alarms first raised on or after this day (yyyy-mm-dd, local). */
  since: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  ...pageQuery,
});
export type AlarmListQuery = z.infer<typeof alarmListQuery>;

export const deviceAlarm = z.object({
  id: z.string(), type: z.enum(ALARM_TYPES), status: z.enum(ALARM_STATUSES), deviceId: z.string(), deviceCode: z.string(), deviceName: z.string(),
  regionCode: z.string(), gridId: z.string().nullable(), gridName: z.string().nullable(), lng: z.number().nullable(), lat: z.number().nullable(),
  firstAt: z.string(), lastAt: z.string(), repeats: z.number().int(),
  /** What the device measured (temperature, smoke level, water depth; a watch entry's masked hint), never a person. */
  facts: z.record(z.string(), z.unknown()),
  ticketId: z.string().nullable(), ticketNumber: z.string().nullable(), warningId: z.string().nullable(), notified: z.boolean(), error: z.string().nullable(),
});
export type DeviceAlarm = z.infer<typeof deviceAlarm>;

/** Alarms in scope as GeoJSON points for the map (the last 24 hours unless `since`). */
export const alarmLayer = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
    properties: z.object({ id: z.string(), type: z.enum(ALARM_TYPES), deviceName: z.string(), firstAt: z.string(), repeats: z.number().int(), status: z.enum(ALARM_STATUSES) }),
  })),
});
export type AlarmLayer = z.infer<typeof alarmLayer>;

/** A device's recent messages (status reports, events, command confirmations). */
export const deviceMessage = z.object({ at: z.string(), receivedAt: z.string(), messageId: z.string(), part: z.enum(['event', 'ack']), type: z.string(), body: z.record(z.string(), z.unknown()) });
export type DeviceMessage = z.infer<typeof deviceMessage>;
export const deviceMessagesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const commandRequest = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('speak'), text: z.string().trim().min(1).max(200), repeat: z.number().int().min(1).max(10).default(1), expiresInMinutes: z.number().int().min(1).max(1440).default(30) }),
  z.strictObject({ action: z.literal('display'), text: z.string().trim().min(1).max(100), expiresInMinutes: z.number().int().min(1).max(1440).default(30) }),
  z.strictObject({ action: z.literal('gate_open'), expiresInMinutes: z.number().int().min(1).max(60).default(2) }),
  z.strictObject({ action: z.literal('gate_close'), expiresInMinutes: z.number().int().min(1).max(60).default(2) }),
]);
export type CommandRequest = z.input<typeof commandRequest>;

export const deviceCommand = z.object({
  id: z.string(), deviceId: z.string(), action: z.enum(COMMAND_ACTIONS), params: z.record(z.string(), z.unknown()), status: z.enum(COMMAND_STATUSES),
  createdAt: z.string(), sentAt: z.string().nullable(), confirmedAt: z.string().nullable(), expiresAt: z.string(), result: z.string().nullable(),
});
export type DeviceCommand = z.infer<typeof deviceCommand>;

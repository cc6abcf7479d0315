/**
 * The device registry (设备管理, M7 智能感知): cameras, gates, sensors, street lights, NVRs and
 * lower video platforms, each with its code (the 20-digit national ID for video devices), place,
 * owner department, protocol and health; MQTT devices get a secret shown once.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';

export * from './device-id.js';
export { DEVICES_PERMISSIONS } from './permissions.js';
export { DEVICES_AUDIT_ACTIONS } from './audit.js';
export { DEVICES_ERRORS } from './errors.js';
export { DEVICES_ENUM_LABELS } from './labels.js';
export { DEVICES_MESSAGES } from './messages.js';

export const DEVICE_KINDS = ['camera', 'access_gate', 'thermal_camera', 'street_light', 'vehicle_checkpoint', 'smoke_sensor', 'water_sensor', 'nvr', 'video_platform'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];
export const DEVICE_PROTOCOLS = ['mqtt', 'gat1400', 'gb28181'] as const;
export type DeviceProtocol = (typeof DEVICE_PROTOCOLS)[number];
export const DEVICE_STATUSES = ['unknown', 'online', 'offline', 'disabled'] as const;
export type DeviceStatus = (typeof DEVICE_STATUSES)[number];

/** How long a device of each kind may stay silent before it counts as offline (seconds): a camera keeps alive every minute, a sensor reports hourly. */
export const DEFAULT_SILENCE_SECONDS: Record<DeviceKind, number> = {
  camera: 300, access_gate: 600, thermal_camera: 300, street_light: 1800, vehicle_checkpoint: 300, smoke_sensor: 7200, water_sensor: 7200, nvr: 300, video_platform: 300,
};

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().default(null);

export const deviceRequest = z.strictObject({
  code: z.string().trim().min(4).max(64),
  name: text(100),
  kind: z.enum(DEVICE_KINDS),
  protocol: z.enum(DEVICE_PROTOCOLS),
  parentId: uuid.nullable().default(null),
  regionCode: divisionCode,
  gridId: uuid.nullable().default(null),
  lng: z.number().min(-180).max(180).nullable().default(null),
  lat: z.number().min(-90).max(90).nullable().default(null),
  address: optionalText(200),
  departmentId: uuid.nullable().default(null),
  vendor: optionalText(60),
  model: optionalText(60),
  /** Null: the kind's default. */
  silenceSeconds: z.number().int().min(30).max(30 * 86_400).nullable().default(null),
});
export type DeviceRequest = z.input<typeof deviceRequest>;
export const deviceUpdateRequest = deviceRequest.extend({ version: z.number().int().min(1) });
export type DeviceUpdateRequest = z.input<typeof deviceUpdateRequest>;
export const deviceVersionRequest = z.strictObject({ version: z.number().int().min(1) });

export const device = z.object({
  id: z.string(), code: z.string(), typeCode: z.string().nullable(), name: z.string(), kind: z.enum(DEVICE_KINDS), protocol: z.enum(DEVICE_PROTOCOLS),
  parentId: z.string().nullable(), regionCode: z.string(), regionName: z.string(), gridId: z.string().nullable(), gridName: z.string().nullable(),
  lng: z.number().nullable(), lat: z.number().nullable(), address: z.string().nullable(), departmentId: z.string().nullable(), departmentName: z.string().nullable(),
  vendor: z.string().nullable(), model: z.string().nullable(), status: z.enum(DEVICE_STATUSES), lastSeenAt: z.string().nullable(),
  silenceSeconds: z.number().int(), hasSecret: z.boolean(), secretIssuedAt: z.string().nullable(), version: z.number().int(), createdAt: z.string(), updatedAt: z.string(),
});
export type Device = z.infer<typeof device>;

export const deviceListQuery = z.strictObject({
  kind: z.enum(DEVICE_KINDS).optional(), status: z.enum(DEVICE_STATUSES).optional(), gridId: uuid.optional(), q: z.string().trim().max(64).optional(), ...pageQuery,
});
export type DeviceListQuery = z.infer<typeof deviceListQuery>;
export const deviceIdParams = z.object({ id: uuid });

/** The secret of an MQTT device, shown this once (only its ciphertext and hash are kept). */
export const deviceSecret = z.object({ deviceId: z.string(), code: z.string(), secret: z.string(), issuedAt: z.string() });
export type DeviceSecret = z.infer<typeof deviceSecret>;

/** Devices in scope as GeoJSON points, for the map (coloured by status). */
export const deviceLayer = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(z.object({
    type: z.literal('Feature'),
    geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
    properties: z.object({ id: z.string(), name: z.string(), code: z.string(), kind: z.enum(DEVICE_KINDS), status: z.enum(DEVICE_STATUSES) }),
  })),
  counts: z.record(z.enum(DEVICE_STATUSES), z.number().int()),
});
export type DeviceLayer = z.infer<typeof deviceLayer>;

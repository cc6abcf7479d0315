/**
 * The device registry (设备管理, M7 智能感知): cameras, gates, sensors, street lights, NVRs and
 * lower video platforms, each with its code (the 20-digit national ID for video devices), place,
 * owner department, protocol and health; MQTT devices get a secret shown once.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';
import { COMPOUND_TYPES } from '../access/index.js';

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
  /** A camera's field of view: where it looks (degrees clockwise from north), how wide (degrees) and how far (metres). Coverage needs all three. */
  heading: z.number().min(0).max(360).nullable().default(null),
  fovDeg: z.number().min(1).max(360).nullable().default(null),
  rangeM: z.number().min(1).max(500).nullable().default(null),
  /** The compound (a building or venue of the registers) a gate or thermal camera serves: both or neither, within the device's region. */
  compoundType: z.enum(COMPOUND_TYPES).nullable().default(null),
  compoundId: uuid.nullable().default(null),
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
  silenceSeconds: z.number().int(), heading: z.number().nullable(), fovDeg: z.number().nullable(), rangeM: z.number().nullable(),
  compoundType: z.enum(COMPOUND_TYPES).nullable(), compoundId: z.string().nullable(), compoundName: z.string().nullable(), hasSecret: z.boolean(), secretIssuedAt: z.string().nullable(), version: z.number().int(), createdAt: z.string(), updatedAt: z.string(),
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

/** The device kinds that see a stretch of street (a street light only when it has a field of view). */
export const COVERAGE_KINDS = ['camera', 'thermal_camera', 'vehicle_checkpoint', 'street_light'] as const satisfies readonly DeviceKind[];

export const coverageQuery = z.strictObject({
  /** One grid of the scope (its roads, and every camera in scope that reaches them). */
  gridId: uuid.optional(),
  /** Only cameras online now (default: every camera not disabled). */
  onlineOnly: z.enum(['true', 'false']).optional(),
});
export type CoverageQuery = z.infer<typeof coverageQuery>;

const position = z.tuple([z.number(), z.number()]);

/**
 * Video coverage (视频覆盖 / 盲区分析): each camera's field of view as a sector, each street with
 * the share of its length inside any sector (and the covered stretches), and per grid the road
 * metres inside or along it and how many of them are covered, worst first (the blind spots).
 */
export const coverage = z.object({
  sectors: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(position)) }),
      properties: z.object({
        id: z.string(), name: z.string(), code: z.string(), kind: z.enum(DEVICE_KINDS), status: z.enum(DEVICE_STATUSES), gridId: z.string().nullable(),
        heading: z.number(), fovDeg: z.number(), rangeM: z.number(), lng: z.number(), lat: z.number(),
      }),
    })),
  }),
  segments: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(position) }),
      /** `covered`: the share (0-1) of the street's length inside any sector. */
      properties: z.object({ id: z.string(), name: z.string(), kind: z.string(), lengthM: z.number(), coveredM: z.number(), covered: z.number() }),
    })),
  }),
  /** The covered stretches of each street (to draw over it). */
  coveredParts: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(z.object({
      type: z.literal('Feature'),
      geometry: z.object({ type: z.literal('MultiLineString'), coordinates: z.array(z.array(position)) }),
      properties: z.object({ id: z.string() }),
    })),
  }),
  /** Per grid, the worst covered first (grids without roads last). */
  grids: z.array(z.object({
    gridId: z.string(), gridName: z.string(), regionCode: z.string(),
    roadM: z.number(), coveredM: z.number(), share: z.number().nullable(),
    /** Cameras placed in the grid with a full field of view, and those still missing heading, angle or range. */
    cameras: z.number().int(), camerasWithoutView: z.number().int(),
  })),
  totals: z.object({ roadM: z.number(), coveredM: z.number(), share: z.number().nullable(), cameras: z.number().int(), camerasWithoutView: z.number().int(), streets: z.number().int() }),
  /** True when the scope held more streets or cameras than one answer computes (the rest left out). */
  truncated: z.boolean(),
});
export type Coverage = z.infer<typeof coverage>;

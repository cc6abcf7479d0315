/**
 * Request and response schemas of the HTTP API, shared by server (validation, OpenAPI) and
 * web (types). Objects are strict: an unknown field is an error.
 */
import { z } from 'zod';
import { ROLES } from './roles.js';

export const REGION_LEVELS = ['province', 'city', 'county', 'township', 'community'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const divisionCode = z.string().regex(/^\d{12}$/, '12 digits');
export const uuid = z.uuid();

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};

export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const warning = z.object({ code: z.string(), message: z.string() });

// ---------- auth ----------
export const loginRequest = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(256),
  totp: z.string().regex(/^\d{6}$/).optional(),
});

export const scope = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  level: z.enum(REGION_LEVELS),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
});
export type Scope = z.infer<typeof scope>;

export const me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scope,
  permissions: z.array(z.string()),
  mustChangePassword: z.boolean(),
});
export type Me = z.infer<typeof me>;

/** Login answers either a session (cookie set) or the start of TOTP enrolment. */
export const loginResponse = z.discriminatedUnion('status', [
  z.object({ status: z.literal('ok'), user: me }),
  z.object({
    status: z.literal('totp_enrollment_required'),
    enrollmentToken: z.string(),
    secret: z.string(),
    otpauthUri: z.string(),
  }),
]);

export const totpEnrollRequest = z.strictObject({
  enrollmentToken: z.string().min(1),
  totp: z.string().regex(/^\d{6}$/),
});

export const changePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(256),
  newPassword: z.string().min(1).max(256),
});

// ---------- regions ----------
export const region = z.object({
  code: divisionCode,
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  childCount: z.number().int(),
  gridCount: z.number().int(),
});
export type Region = z.infer<typeof region>;

export const regionListQuery = z.strictObject({
  parent: divisionCode.optional(),
  includeRevoked: z.enum(['true', 'false']).optional(),
});

export const createRegionRequest = z.strictObject({
  code: divisionCode,
  name: z.string().trim().min(1).max(64),
  validFrom: z.iso.date().optional(),
});

export const updateRegionRequest = z.strictObject({
  name: z.string().trim().min(1).max(64).optional(),
  /** Revokes the code from this date; the region stays in history. */
  validTo: z.iso.date().optional(),
});

// ---------- grids ----------
const position = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
export const polygonGeometry = z.strictObject({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(position).min(4)).min(1),
});
export type PolygonGeometry = z.infer<typeof polygonGeometry>;

/** A grid's workers are the grid_worker accounts whose scope is that grid (set in user management). */
export const gridWorkerRef = z.object({ id: z.string(), displayName: z.string() });

export const grid = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  regionCode: divisionCode,
  regionName: z.string(),
  boundary: polygonGeometry,
  targetHouseholds: z.number().int(),
  workers: z.array(gridWorkerRef),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Grid = z.infer<typeof grid>;

export const gridListQuery = z.strictObject({
  region: divisionCode.optional(),
  q: z.string().max(64).optional(),
  ...pageQuery,
});

export const createGridRequest = z.strictObject({
  regionCode: divisionCode,
  name: z.string().trim().min(1).max(64),
  boundary: polygonGeometry,
  targetHouseholds: z.number().int().min(1).max(100000).optional(),
});

export const updateGridRequest = z.strictObject({
  name: z.string().trim().min(1).max(64).optional(),
  boundary: polygonGeometry.optional(),
  targetHouseholds: z.number().int().min(1).max(100000).optional(),
});

export const gridWriteResponse = z.object({ grid, warnings: z.array(warning) });

export const gridLookupQuery = z.strictObject({
  lon: z.coerce.number().min(-180).max(180),
  lat: z.coerce.number().min(-90).max(90),
});

export const gridLookupResponse = z.object({
  grid: z.object({ id: z.string(), code: z.string(), name: z.string(), regionCode: z.string() }).nullable(),
});

export const geoJsonQuery = z.strictObject({ region: divisionCode.optional() });

// ---------- users ----------
export const user = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(ROLES),
  scopeRegionCode: z.string(),
  scopeRegionName: z.string(),
  scopeGridId: z.string().nullable(),
  scopeGridName: z.string().nullable(),
  phone: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  totpEnrolled: z.boolean(),
  createdAt: z.string(),
});
export type User = z.infer<typeof user>;

export const userListQuery = z.strictObject({
  role: z.enum(ROLES).optional(),
  region: divisionCode.optional(),
  q: z.string().max(64).optional(),
  ...pageQuery,
});

export const createUserRequest = z.strictObject({
  username: z.string().regex(/^[a-zA-Z0-9_.-]{3,32}$/),
  displayName: z.string().trim().min(1).max(64),
  role: z.enum(ROLES),
  scopeRegionCode: divisionCode.optional(),
  scopeGridId: z.string().optional(),
  phone: z.string().regex(/^1\d{10}$/).optional(),
  password: z.string().min(1).max(256),
});

export const updateUserRequest = z.strictObject({
  displayName: z.string().trim().min(1).max(64).optional(),
  role: z.enum(ROLES).optional(),
  scopeRegionCode: divisionCode.optional(),
  scopeGridId: z.string().nullable().optional(),
  phone: z.string().regex(/^1\d{10}$/).nullable().optional(),
  disabled: z.boolean().optional(),
});

export const resetPasswordRequest = z.strictObject({ password: z.string().min(1).max(256) });

// ---------- audit ----------
export const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  role: z.string().nullable(),
  scope: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  subject: z.string().nullable(),
  outcome: z.enum(['success', 'denied', 'failure']),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.unknown(),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditListQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(64).optional(),
  outcome: z.enum(['success', 'denied', 'failure']).optional(),
  ...pageQuery,
});

export const mapConfig = z.object({ tileUrl: z.string().nullable(), center: z.tuple([z.number(), z.number()]), zoom: z.number() });

// ---------- live feed ----------
/**
 * An event of the live feed (`GET /api/live`, server-sent events; the event name is `type`):
 * `ticket.created` and `ticket.changed` carry `data.number` and `data.categoryId` (and
 * `data.action`, `data.status` for a change), `grid.changed` a grid's id.
 */
export const liveEvent = z.object({
  type: z.string(),
  /** The region the event belongs to: only viewers whose scope holds it receive it. */
  regionCode: z.string(),
  gridId: z.string().optional(),
  id: z.string().optional(),
  at: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type LiveEvent = z.infer<typeof liveEvent>;

/**
 * The device registry: one row per device (camera, gate, sensor, street light, NVR, lower
 * platform), its code (unique: the national ID of video devices, a vendor id otherwise), place,
 * owner department, protocol and health. MQTT devices keep their secret as vault ciphertext (a
 * time-bound password is an HMAC keyed with the secret itself) and a hash (the plain form).
 * `offline_notified_at` marks the outage already told to the owner (once per outage).
 */
import { sql } from 'drizzle-orm';
import { customType, doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const device = pgTable(
  'device',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    /** Digits 11-13 of a national ID (118 NVR, 132 IPC...), null for vendor ids. */
    typeCode: text('type_code'),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    protocol: text('protocol').notNull(),
    parentId: uuid('parent_id'),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
    lng: doublePrecision('lng'),
    lat: doublePrecision('lat'),
    address: text('address'),
    departmentId: uuid('department_id'),
    vendor: text('vendor'),
    model: text('model'),
    status: text('status').notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    silenceSeconds: integer('silence_seconds').notNull(),
    /** The compound (a building or a venue of the registers) an access gate or thermal camera serves: its passages are access records there. */
    compoundType: text('compound_type'),
    compoundId: uuid('compound_id'),
    /** A camera's field of view: the direction it looks (degrees clockwise from north), its angle and reach in metres. */
    heading: doublePrecision('heading'),
    fovDeg: doublePrecision('fov_deg'),
    rangeM: doublePrecision('range_m'),
    secretCipher: bytea('secret_cipher'),
    secretHash: bytea('secret_hash'),
    secretIssuedAt: timestamp('secret_issued_at', { withTimezone: true }),
    offlineNotifiedAt: timestamp('offline_notified_at', { withTimezone: true }),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('device_code_key').on(t.code),
    index('device_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
    index('device_grid_idx').on(t.gridId),
    index('device_parent_idx').on(t.parentId),
    /** The health sweep: devices that have been seen and are not yet offline or disabled. */
    index('device_online_seen_idx').on(t.lastSeenAt).where(sql`${t.status} = 'online'`),
  ],
);

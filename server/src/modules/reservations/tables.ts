import { sql } from 'drizzle-orm';
import { check, customType, doublePrecision, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Binary data (ciphertexts, keyed hashes) as Node Buffers. Defined here: drizzle-kit loads this file alone. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** A reservation drive (预约批次): one item, a reservation window and a pickup window, run by a region. */
export const supplyDrive = pgTable(
  'supply_drive',
  {
    id: uuid('id').primaryKey(),
    regionCode: text('region_code').notNull(),
    itemName: text('item_name').notNull(),
    unit: text('unit').notNull(),
    perPerson: integer('per_person').notNull(),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
    pickupFrom: timestamp('pickup_from', { withTimezone: true }).notNull(),
    pickupUntil: timestamp('pickup_until', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supply_drive_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status)],
);

/**
 * A pickup point of a drive and its stock. `reserved` counts the reservations held now (a pickup
 * keeps its count; a release gives it back), so `stock - reserved` is what is left: the check
 * makes overselling impossible whatever the code above it does.
 */
export const supplyPoint = pgTable(
  'supply_point',
  {
    id: uuid('id').primaryKey(),
    driveId: uuid('drive_id').notNull(),
    regionCode: text('region_code').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull(),
    lon: doublePrecision('lon'),
    lat: doublePrecision('lat'),
    hours: text('hours').notNull(),
    stock: integer('stock').notNull(),
    reserved: integer('reserved').notNull(),
    pickedUp: integer('picked_up').notNull(),
    released: integer('released').notNull(),
  },
  (t) => [
    index('supply_point_drive_idx').on(t.driveId),
    index('supply_point_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
    check('supply_point_stock_check', sql`${t.reserved} >= 0 and ${t.reserved} <= ${t.stock} and ${t.pickedUp} <= ${t.reserved}`),
  ],
);

/** One person's reservation in a drive: one per ID number (its keyed hash), with a pickup code. */
export const supplyReservation = pgTable(
  'supply_reservation',
  {
    id: uuid('id').primaryKey(),
    driveId: uuid('drive_id').notNull(),
    pointId: uuid('point_id').notNull(),
    /** The point's community (the dashboard counts reservations there). */
    regionCode: text('region_code').notNull(),
    name: text('name').notNull(),
    idNumberHash: bytea('id_number_hash').notNull(),
    idNumberCipher: bytea('id_number_cipher').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    phoneHash: bytea('phone_hash').notNull(),
    phoneCipher: bytea('phone_cipher').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    pickupCode: text('pickup_code').notNull(),
    status: text('status').notNull(),
    reservedAt: timestamp('reserved_at', { withTimezone: true }).notNull(),
    pickedUpAt: timestamp('picked_up_at', { withTimezone: true }),
    pickedUpBy: uuid('picked_up_by'),
  },
  (t) => [
    uniqueIndex('supply_reservation_person_uq').on(t.driveId, t.idNumberHash),
    uniqueIndex('supply_reservation_code_uq').on(t.driveId, t.pickupCode),
    index('supply_reservation_point_idx').on(t.pointId, t.status, t.reservedAt),
  ],
);

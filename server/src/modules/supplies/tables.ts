/**
 * Emergency supplies. Items are GB/T 38565 codes: the shipped catalogue is data
 * (contracts/supplies/catalogue.ts); `supply_item` holds a locality's own items. Warehouses have a
 * place and capacity; stock is per lot (`stock_lot`: warehouse, item, lot number, expiry), never
 * negative (a check constraint, and every move holds the warehouse-item lock). Every change is a
 * `stock_move` with the warehouse-item balance after it (the stock card). Levels hold min, max
 * and the reserve floor per warehouse and item, with the alert state last notified (once per
 * crossing). Counts are sheets of lots (book vs counted). Requests have lines; allocations record
 * which warehouse sends how much of a line (by hand now, a solver's plan later).
 */
import { sql } from 'drizzle-orm';
import { bigserial, bigint, check, customType, date, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const supplyItem = pgTable(
  'supply_item',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    unit: text('unit').notNull(),
    /** The locality that added it (its subtree and the regions below see it). */
    regionCode: text('region_code').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
);

export const warehouse = pgTable(
  'warehouse',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    regionCode: text('region_code').notNull(),
    address: text('address').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    capacityM3: doublePrecision('capacity_m3').notNull(),
    expiryAlertDays: integer('expiry_alert_days').notNull().default(30),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('warehouse_region_idx').on(sql`${t.regionCode} text_pattern_ops`)],
);

export const stockLot = pgTable(
  'stock_lot',
  {
    id: uuid('id').primaryKey(),
    warehouseId: uuid('warehouse_id').notNull().references(() => warehouse.id),
    itemCode: text('item_code').notNull(),
    lotNo: text('lot_no').notNull(),
    expiresOn: date('expires_on'),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    /** When the expiring alert was raised for this lot (once). */
    expiryAlertedAt: timestamp('expiry_alerted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('stock_lot_key').on(t.warehouseId, t.itemCode, t.lotNo),
    index('stock_lot_expiry_idx').on(t.expiresOn),
    check('stock_lot_quantity_nonnegative', sql`${t.quantity} >= 0`),
  ],
);

export const stockLevel = pgTable(
  'stock_level',
  {
    warehouseId: uuid('warehouse_id').notNull().references(() => warehouse.id),
    itemCode: text('item_code').notNull(),
    min: bigint('min', { mode: 'number' }).notNull(),
    max: bigint('max', { mode: 'number' }).notNull(),
    /** The reserve floor: stock an allocation must leave in place. */
    reserve: bigint('reserve', { mode: 'number' }).notNull(),
    /** ok, low, high: the state last notified. */
    alert: text('alert').notNull().default('ok'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('stock_level_key').on(t.warehouseId, t.itemCode), check('stock_level_order', sql`${t.min} <= ${t.max} and ${t.reserve} <= ${t.max}`)],
);

export const stockMove = pgTable(
  'stock_move',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    warehouseId: uuid('warehouse_id').notNull(),
    regionCode: text('region_code').notNull(),
    itemCode: text('item_code').notNull(),
    lotId: uuid('lot_id').notNull(),
    kind: text('kind').notNull(),
    reason: text('reason'),
    /** Signed: what the move added to the lot. */
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    /** The warehouse's stock of the item after the move (the stock card's running balance). */
    balance: bigint('balance', { mode: 'number' }).notNull(),
    /** The other half of a transfer. */
    linkedMoveId: bigint('linked_move_id', { mode: 'number' }),
    requestId: uuid('request_id'),
    countId: uuid('count_id'),
    /** The shipment whose departure or receipt made it. */
    shipmentId: uuid('shipment_id'),
    note: text('note'),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('stock_move_card_idx').on(t.warehouseId, t.itemCode, t.id),
    index('stock_move_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.id),
  ],
);

export const stockCount = pgTable(
  'stock_count',
  {
    id: uuid('id').primaryKey(),
    countNo: integer('count_no').generatedAlwaysAsIdentity().notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    regionCode: text('region_code').notNull(),
    status: text('status').notNull(),
    note: text('note'),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [index('stock_count_warehouse_idx').on(t.warehouseId, t.status), index('stock_count_region_idx').on(sql`${t.regionCode} text_pattern_ops`)],
);

export const stockCountLine = pgTable(
  'stock_count_line',
  {
    id: uuid('id').primaryKey(),
    countId: uuid('count_id').notNull(),
    lotId: uuid('lot_id').notNull(),
    itemCode: text('item_code').notNull(),
    /** The book quantity when the sheet was made (the confirm posts counted minus the book then). */
    book: bigint('book', { mode: 'number' }).notNull(),
    counted: bigint('counted', { mode: 'number' }),
  },
  (t) => [uniqueIndex('stock_count_line_key').on(t.countId, t.lotId)],
);

export const supplyRequest = pgTable(
  'supply_request',
  {
    id: uuid('id').primaryKey(),
    requestNo: integer('request_no').generatedAlwaysAsIdentity().notNull(),
    regionCode: text('region_code').notNull(),
    gridId: uuid('grid_id'),
    siteName: text('site_name').notNull(),
    address: text('address').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    priority: smallint('priority').notNull(),
    neededBy: timestamp('needed_by', { withTimezone: true }).notNull(),
    purpose: text('purpose').notNull(),
    /** The emergency event it is for (an open event of its region or one above), if any. */
    eventId: uuid('event_id'),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('supply_request_no_key').on(t.requestNo),
    index('supply_request_region_idx').on(sql`${t.regionCode} text_pattern_ops`, t.status),
    index('supply_request_open_idx').on(t.status, t.priority, t.neededBy),
    index('supply_request_for_event_idx').on(t.eventId),
  ],
);

export const supplyRequestLine = pgTable(
  'supply_request_line',
  {
    id: uuid('id').primaryKey(),
    requestId: uuid('request_id').notNull(),
    itemCode: text('item_code').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
  },
  (t) => [index('supply_request_line_request_idx').on(t.requestId), check('supply_request_line_positive', sql`${t.quantity} > 0`)],
);

/** Which warehouse sends how much of a request line; `issued` grows as the stock is issued. */
export const supplyAllocation = pgTable(
  'supply_allocation',
  {
    id: uuid('id').primaryKey(),
    requestId: uuid('request_id').notNull(),
    lineId: uuid('line_id').notNull(),
    warehouseId: uuid('warehouse_id').notNull(),
    itemCode: text('item_code').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    issued: bigint('issued', { mode: 'number' }).notNull().default(0),
    /** Who made it: `manual`, or a solver plan's id later. */
    source: text('source').notNull().default('manual'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supply_allocation_line_idx').on(t.lineId), index('supply_allocation_warehouse_idx').on(t.warehouseId, t.itemCode)],
);

export const supplyRequestEvent = pgTable(
  'supply_request_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    requestId: uuid('request_id').notNull(),
    action: text('action').notNull(),
    status: text('status').notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supply_request_event_idx').on(t.requestId, t.id)],
);

// --- logistics (docs/logistics.md): vehicles, drivers, shipments with lines, lots, discrepancies, tracks and timeline

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const vehicle = pgTable(
  'vehicle',
  {
    id: uuid('id').primaryKey(),
    plateNo: text('plate_no').notNull(),
    kind: text('kind').notNull(),
    capacityKg: integer('capacity_kg').notNull(),
    capacityM3: doublePrecision('capacity_m3'),
    regionCode: text('region_code').notNull(),
    /** The warehouse it belongs to, if any. */
    warehouseId: uuid('warehouse_id'),
    status: text('status').notNull(),
    note: text('note'),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('vehicle_plate_key').on(t.plateNo), index('vehicle_region_idx').on(sql`${t.regionCode} text_pattern_ops`)],
);

/** A driver: the phone encrypted, hashed and masked (platform/pii); optionally a staff account (who then drives from the phone) or a resident. */
export const driver = pgTable(
  'driver',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    phoneCipher: bytea('phone_cipher').notNull(),
    phoneHash: bytea('phone_hash').notNull(),
    phoneMasked: text('phone_masked').notNull(),
    licenceClass: text('licence_class').notNull(),
    regionCode: text('region_code').notNull(),
    userId: uuid('user_id'),
    residentId: uuid('resident_id'),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('driver_region_idx').on(sql`${t.regionCode} text_pattern_ops`), index('driver_user_idx').on(t.userId)],
);

/**
 * A shipment: from a warehouse (or, for a return, a request's site) to a request's site or a
 * warehouse. Both ends are kept as places (name, region, grid, point) so scope is plain SQL on
 * either region; `driver_user_id` copies the driver's account for the driver's rule.
 */
export const shipment = pgTable(
  'shipment',
  {
    id: uuid('id').primaryKey(),
    shipmentNo: integer('shipment_no').generatedAlwaysAsIdentity().notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    requestId: uuid('request_id'),
    /** A return: the shipment it sends back from. */
    returnOf: uuid('return_of'),
    fromWarehouseId: uuid('from_warehouse_id'),
    fromName: text('from_name').notNull(),
    fromRegionCode: text('from_region_code').notNull(),
    fromGridId: uuid('from_grid_id'),
    fromLng: doublePrecision('from_lng').notNull(),
    fromLat: doublePrecision('from_lat').notNull(),
    toWarehouseId: uuid('to_warehouse_id'),
    toName: text('to_name').notNull(),
    toRegionCode: text('to_region_code').notNull(),
    toGridId: uuid('to_grid_id'),
    toLng: doublePrecision('to_lng').notNull(),
    toLat: doublePrecision('to_lat').notNull(),
    vehicleId: uuid('vehicle_id'),
    driverId: uuid('driver_id'),
    driverUserId: uuid('driver_user_id'),
    plannedAt: timestamp('planned_at', { withTimezone: true }),
    departedAt: timestamp('departed_at', { withTimezone: true }),
    arrivedAt: timestamp('arrived_at', { withTimezone: true }),
    receivedAt: timestamp('received_at', { withTimezone: true }),
    lastLng: doublePrecision('last_lng'),
    lastLat: doublePrecision('last_lat'),
    lastAt: timestamp('last_at', { withTimezone: true }),
    note: text('note'),
    version: integer('version').notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('shipment_no_key').on(t.shipmentNo),
    index('shipment_from_region_idx').on(sql`${t.fromRegionCode} text_pattern_ops`, t.status),
    index('shipment_to_region_idx').on(sql`${t.toRegionCode} text_pattern_ops`, t.status),
    index('shipment_request_idx').on(t.requestId),
    index('shipment_driver_idx').on(t.driverUserId, t.status),
  ],
);

export const shipmentLine = pgTable(
  'shipment_line',
  {
    id: uuid('id').primaryKey(),
    shipmentId: uuid('shipment_id').notNull(),
    itemCode: text('item_code').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    /** The request allocation it serves (request shipments). */
    allocationId: uuid('allocation_id'),
    /** A return line: the line it returns, and why. */
    returnOfLine: uuid('return_of_line'),
    reason: text('reason'),
    /** The lots loaded: [{ lotNo, expiresOn, quantity }], set at departure (copied for a return). */
    lots: jsonb('lots').notNull().default([]),
    /** What was received (good, into the destination's stock when it is a warehouse). */
    received: bigint('received', { mode: 'number' }),
  },
  (t) => [index('shipment_line_shipment_idx').on(t.shipmentId), index('shipment_line_allocation_idx').on(t.allocationId), check('shipment_line_positive', sql`${t.quantity} > 0`)],
);

export const shipmentDiscrepancy = pgTable(
  'shipment_discrepancy',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shipmentId: uuid('shipment_id').notNull(),
    lineId: uuid('line_id').notNull(),
    kind: text('kind').notNull(),
    quantity: bigint('quantity', { mode: 'number' }).notNull(),
    note: text('note'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('shipment_discrepancy_idx').on(t.shipmentId)],
);

export const shipmentTrack = pgTable(
  'shipment_track',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shipmentId: uuid('shipment_id').notNull(),
    lng: doublePrecision('lng').notNull(),
    lat: doublePrecision('lat').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    note: text('note'),
    /** `driver` or `console`. */
    source: text('source').notNull(),
    actorId: uuid('actor_id'),
  },
  (t) => [index('shipment_track_idx').on(t.shipmentId, t.at)],
);

export const shipmentEvent = pgTable(
  'shipment_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    shipmentId: uuid('shipment_id').notNull(),
    action: text('action').notNull(),
    status: text('status').notNull(),
    actorId: uuid('actor_id'),
    note: text('note'),
    data: jsonb('data').notNull().default({}),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('shipment_event_idx').on(t.shipmentId, t.id)],
);

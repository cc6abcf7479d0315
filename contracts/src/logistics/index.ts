/**
 * Logistics (物资运输, M6 item 5): vehicles and drivers; shipments of supplies from a warehouse to a
 * request's site (from its allocations), between warehouses, or returned from a site to the
 * warehouse; their steps planned → loading → departed (stock issued, first expiring first) →
 * in transit (tracking points) → arrived → received (per line: quantity received and the
 * discrepancies short / damaged / excess / wrong item) → closed, or cancelled before departure.
 * Traffic-control notices (交通管制): an area or road line, a kind and a time window.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';

export const VEHICLE_KINDS = ['truck', 'flatbed', 'refrigerated', 'van', 'pickup', 'other'] as const;
export type VehicleKind = (typeof VEHICLE_KINDS)[number];
export const VEHICLE_STATUSES = ['available', 'in_use', 'maintenance', 'retired'] as const;
export type VehicleStatus = (typeof VEHICLE_STATUSES)[number];
export const DRIVER_STATUSES = ['active', 'inactive'] as const;
export type DriverStatus = (typeof DRIVER_STATUSES)[number];
/** Driving licence classes (准驾车型) relevant to supply transport (GA/T 1003 / 公安部令第162号). */
export const LICENCE_CLASSES = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export type LicenceClass = (typeof LICENCE_CLASSES)[number];
export const SHIPMENT_KINDS = ['request', 'transfer', 'return'] as const;
export type ShipmentKind = (typeof SHIPMENT_KINDS)[number];
export const SHIPMENT_STATUSES = ['planned', 'loading', 'departed', 'in_transit', 'arrived', 'received', 'closed', 'cancelled'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];
export const DISCREPANCY_KINDS = ['short', 'damaged', 'excess', 'wrong_item'] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];
export const RETURN_REASONS = ['damaged', 'unused'] as const;
export type ReturnReason = (typeof RETURN_REASONS)[number];
export const TRAFFIC_CONTROL_KINDS = ['road_closed', 'one_way', 'vehicles_restricted', 'escort'] as const;
export type TrafficControlKind = (typeof TRAFFIC_CONTROL_KINDS)[number];
export const TRAFFIC_CONTROL_STATUSES = ['scheduled', 'active', 'ended'] as const;
export type TrafficControlStatus = (typeof TRAFFIC_CONTROL_STATUSES)[number];

const note = z.string().trim().min(1).max(500);
const name = z.string().trim().min(1).max(100);
const qty = z.number().int().min(1).max(10_000_000);
const count = z.number().int().min(0).max(10_000_000);
const version = { version: z.number().int().min(1) };
const itemCode = z.string().trim().max(20);
const instant = z.iso.datetime({ offset: true });
const lng = z.number().min(73).max(136);
const lat = z.number().min(3).max(54);

// --- vehicles and drivers
export const vehicleRequest = z.strictObject({
  /** 湘J12345, 湘JD12345 (new-energy), 湘J1234警: province character, letter, five or six characters. */
  plateNo: z.string().trim().min(7).max(9),
  kind: z.enum(VEHICLE_KINDS),
  /** Load capacity in kg and, optionally, in m³. */
  capacityKg: z.number().int().min(0).max(100_000),
  capacityM3: z.number().min(0).max(1000).optional(),
  regionCode: divisionCode,
  warehouseId: uuid.optional(),
  status: z.enum(VEHICLE_STATUSES).default('available'),
  note: note.optional(),
});
export type VehicleRequest = z.input<typeof vehicleRequest>;
export const vehicleUpdateRequest = vehicleRequest.extend(version);
export const vehicle = z.object({
  id: z.string(), plateNo: z.string(), kind: z.enum(VEHICLE_KINDS), capacityKg: z.number().int(), capacityM3: z.number().nullable(), regionCode: z.string(), regionName: z.string(),
  warehouseId: z.string().nullable(), warehouseName: z.string().nullable(), status: z.enum(VEHICLE_STATUSES), note: z.string().nullable(), version: z.number().int(),
});
export type Vehicle = z.infer<typeof vehicle>;

export const driverRequest = z.strictObject({
  name,
  /** Mobile number: stored encrypted, hashed and masked; shown masked. */
  phone: z.string().trim().min(11).max(20),
  licenceClass: z.enum(LICENCE_CLASSES),
  regionCode: divisionCode,
  /** The driver's staff account (they then post tracking from their phone), or a resident of the registers. */
  userId: uuid.optional(),
  residentId: uuid.optional(),
  status: z.enum(DRIVER_STATUSES).default('active'),
});
export type DriverRequest = z.input<typeof driverRequest>;
export const driverUpdateRequest = driverRequest.extend({ ...version, phone: driverRequest.shape.phone.optional() });
export const driver = z.object({
  id: z.string(), name: z.string(), phoneMasked: z.string(), licenceClass: z.enum(LICENCE_CLASSES), regionCode: z.string(), regionName: z.string(),
  userId: z.string().nullable(), userName: z.string().nullable(), linkedResident: z.boolean(), status: z.enum(DRIVER_STATUSES), version: z.number().int(),
});
export type Driver = z.infer<typeof driver>;
export const crewQuery = z.strictObject({ regionCode: divisionCode.optional(), status: z.string().trim().max(20).optional() });

// --- shipments
const crew = { vehicleId: uuid.optional(), driverId: uuid.optional() };
export const shipmentCreateRequest = z.discriminatedUnion('kind', [
  /** The request's allocations from one warehouse not yet shipped or issued become the lines. */
  z.strictObject({ kind: z.literal('request'), requestId: uuid, fromWarehouseId: uuid, plannedAt: instant.optional(), note: note.optional(), ...crew }),
  z.strictObject({
    kind: z.literal('transfer'), fromWarehouseId: uuid, toWarehouseId: uuid, plannedAt: instant.optional(), note: note.optional(), ...crew,
    lines: z.array(z.strictObject({ itemCode, quantity: qty })).min(1).max(100),
  }),
]);
export type ShipmentCreateRequest = z.infer<typeof shipmentCreateRequest>;
export const returnRequest = z.strictObject({
  lines: z.array(z.strictObject({ lineId: uuid, quantity: qty, reason: z.enum(RETURN_REASONS) })).min(1).max(100),
  note: note.optional(),
  ...crew,
});
export type ReturnRequest = z.infer<typeof returnRequest>;
export const discrepancy = z.strictObject({ kind: z.enum(DISCREPANCY_KINDS), quantity: qty, note: note.optional() });
export const SHIPMENT_ACTION_INPUTS = {
  load: z.strictObject({ ...version, note: note.optional(), ...crew }),
  depart: z.strictObject({ ...version, note: note.optional(), ...crew }),
  arrive: z.strictObject({ ...version, note: note.optional(), lng: lng.optional(), lat: lat.optional() }),
  receive: z.strictObject({
    ...version,
    note: note.optional(),
    /** Every line once: what was received into the destination (good), and the discrepancies that explain any difference. */
    lines: z.array(z.strictObject({ lineId: uuid, received: count, discrepancies: z.array(discrepancy).max(4).default([]) })).min(1).max(100),
  }),
  close: z.strictObject({ ...version, note: note.optional() }),
  cancel: z.strictObject({ ...version, reason: note }),
};
export type ShipmentAction = keyof typeof SHIPMENT_ACTION_INPUTS;
export const SHIPMENT_ACTIONS = Object.keys(SHIPMENT_ACTION_INPUTS) as ShipmentAction[];
export type ReceiveRequest = z.input<(typeof SHIPMENT_ACTION_INPUTS)['receive']>;
export const trackRequest = z.strictObject({ lng, lat, at: instant.optional(), note: z.string().trim().min(1).max(200).optional() });
export type TrackRequest = z.infer<typeof trackRequest>;
export const shipmentListQuery = z.strictObject({
  status: z.enum(SHIPMENT_STATUSES).optional(), kind: z.enum(SHIPMENT_KINDS).optional(), requestId: uuid.optional(), warehouseId: uuid.optional(),
  /** `open`: not received, closed or cancelled. */
  open: z.enum(['true', 'false']).optional(), mine: z.enum(['true', 'false']).optional(), ...pageQuery,
});
export type ShipmentListQuery = z.infer<typeof shipmentListQuery>;
const place = z.object({ name: z.string(), regionCode: z.string(), lng: z.number(), lat: z.number(), warehouseId: z.string().nullable() });
export const shipmentSummary = z.object({
  id: z.string(), shipmentNo: z.number().int(), kind: z.enum(SHIPMENT_KINDS), status: z.enum(SHIPMENT_STATUSES), from: place, to: place,
  requestId: z.string().nullable(), requestNo: z.number().int().nullable(), returnOf: z.string().nullable(),
  vehicle: z.object({ id: z.string(), plateNo: z.string() }).nullable(), driver: z.object({ id: z.string(), name: z.string(), phoneMasked: z.string() }).nullable(),
  plannedAt: z.string().nullable(), departedAt: z.string().nullable(), arrivedAt: z.string().nullable(), receivedAt: z.string().nullable(),
  position: z.object({ lng: z.number(), lat: z.number(), at: z.string() }).nullable(), lineCount: z.number().int(), discrepancies: z.number().int(), version: z.number().int(),
});
export type ShipmentSummary = z.infer<typeof shipmentSummary>;
export const shipmentLine = z.object({
  id: z.string(), itemCode: z.string(), itemName: z.string(), unit: z.string().nullable(), quantity: z.number().int(), received: z.number().int().nullable(), returned: z.number().int(),
  reason: z.enum(RETURN_REASONS).nullable(), lots: z.array(z.object({ lotNo: z.string(), expiresOn: z.string().nullable(), quantity: z.number().int() })),
  discrepancies: z.array(z.object({ kind: z.enum(DISCREPANCY_KINDS), quantity: z.number().int(), note: z.string().nullable() })),
});
export type ShipmentLine = z.infer<typeof shipmentLine>;
export const shipmentDetail = shipmentSummary.extend({
  note: z.string().nullable(), lines: z.array(shipmentLine), actions: z.array(z.enum([...SHIPMENT_ACTIONS, 'track', 'return'])),
  track: z.array(z.object({ lng: z.number(), lat: z.number(), at: z.string(), note: z.string().nullable(), source: z.string() })),
  timeline: z.array(z.object({ action: z.string(), status: z.string(), note: z.string().nullable(), actorName: z.string().nullable(), at: z.string() })),
  returns: z.array(z.object({ id: z.string(), shipmentNo: z.number().int(), status: z.enum(SHIPMENT_STATUSES) })),
});
export type ShipmentDetail = z.infer<typeof shipmentDetail>;

// --- traffic control (交通管制)
const position = z.tuple([lng, lat]);
/** A closed area (GeoJSON Polygon) or a stretch of road (GeoJSON LineString), WGS84 lng/lat. */
export const trafficGeometry = z.union([
  z.strictObject({
    type: z.literal('Polygon'),
    coordinates: z.array(z.array(position).min(4).max(2000)).min(1).max(20)
      .refine((rings) => rings.every((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1]), { message: 'Each ring ends where it starts' }),
  }),
  z.strictObject({ type: z.literal('LineString'), coordinates: z.array(position).min(2).max(2000) }),
]);
export type TrafficGeometry = z.infer<typeof trafficGeometry>;
export const trafficControlRequest = z.strictObject({
  title: name,
  kind: z.enum(TRAFFIC_CONTROL_KINDS),
  regionCode: divisionCode,
  eventId: uuid.optional(),
  geometry: trafficGeometry,
  startAt: instant,
  /** Open-ended when absent (until lifted). */
  endAt: instant.optional(),
  description: z.string().trim().min(1).max(1000).optional(),
  /** Shown on the residents' portal. */
  public: z.boolean().default(true),
});
export type TrafficControlRequest = z.input<typeof trafficControlRequest>;
export const trafficControlUpdateRequest = trafficControlRequest.extend(version);
export const trafficLiftRequest = z.strictObject({ ...version, note: note.optional() });
export const trafficControlQuery = z.strictObject({ status: z.enum(TRAFFIC_CONTROL_STATUSES).optional(), eventId: uuid.optional(), at: instant.optional(), ...pageQuery });
export type TrafficControlQuery = z.infer<typeof trafficControlQuery>;
export const trafficControl = z.object({
  id: z.string(), controlNo: z.number().int(), title: z.string(), kind: z.enum(TRAFFIC_CONTROL_KINDS), regionCode: z.string(), regionName: z.string(),
  eventId: z.string().nullable(), eventNo: z.number().int().nullable(), geometry: trafficGeometry, startAt: z.string(), endAt: z.string().nullable(), liftedAt: z.string().nullable(),
  status: z.enum(TRAFFIC_CONTROL_STATUSES), description: z.string().nullable(), public: z.boolean(), version: z.number().int(), canEdit: z.boolean(),
});
export type TrafficControl = z.infer<typeof trafficControl>;
/** What the portal shows: no ids of events, no region codes. */
export const publicTrafficControl = trafficControl.pick({ title: true, kind: true, regionName: true, geometry: true, startAt: true, endAt: true, status: true, description: true });
export type PublicTrafficControl = z.infer<typeof publicTrafficControl>;
export * from './permissions.js';
export * from './audit.js';
export * from './errors.js';
export * from './messages.js';
export * from './labels.js';

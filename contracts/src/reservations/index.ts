/**
 * Supplies reservation (口罩预约): a command centre runs a drive for one item (masks), with
 * limited stock at each pickup point; residents reserve one lot per person per drive (by ID
 * number) on the portal, first come first served, and get a pickup code; staff at the point
 * confirm the pickup; what is not collected by the end of the pickup window goes back to stock.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';
import { nameText } from '../text.js';

export const SUPPLY_DRIVE_STATUSES = ['draft', 'open', 'closed', 'ended', 'cancelled'] as const;
export type SupplyDriveStatus = (typeof SUPPLY_DRIVE_STATUSES)[number];
export const RESERVATION_STATUSES = ['reserved', 'picked_up', 'released'] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

const at = z.iso.datetime({ offset: true });
const note = z.string().trim().min(1).max(500);

export const supplyPointInput = z.strictObject({
  name: nameText(60),
  address: z.string().trim().min(2).max(120),
  /** The community the point serves: staff there confirm its pickups. */
  regionCode: divisionCode,
  lon: z.number().min(-180).max(180).optional(),
  lat: z.number().min(-90).max(90).optional(),
  hours: z.string().trim().max(60).default(''),
  stock: z.number().int().min(1).max(1_000_000),
});

export const supplyDriveInput = z
  .strictObject({
    regionCode: divisionCode,
    itemName: nameText(40),
    unit: nameText(10),
    /** How many units one reservation takes. */
    perPerson: z.number().int().min(1).max(100),
    opensAt: at,
    closesAt: at,
    pickupFrom: at,
    pickupUntil: at,
    points: z.array(supplyPointInput).min(1).max(500),
  })
  .superRefine((d, ctx) => {
    const t = (s: string) => Date.parse(s);
    if (t(d.closesAt) <= t(d.opensAt)) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'must be after opensAt' });
    if (t(d.pickupUntil) <= t(d.pickupFrom)) ctx.addIssue({ code: 'custom', path: ['pickupUntil'], message: 'must be after pickupFrom' });
    if (t(d.pickupUntil) < t(d.closesAt)) ctx.addIssue({ code: 'custom', path: ['pickupUntil'], message: 'must not be before closesAt' });
    if (t(d.pickupFrom) < t(d.opensAt)) ctx.addIssue({ code: 'custom', path: ['pickupFrom'], message: 'must not be before opensAt' });
  });
export type SupplyDriveInput = z.infer<typeof supplyDriveInput>;

const version = { version: z.number().int().min(1) };
/** The steps people take; the drive ends by itself at the end of its pickup window. */
export const SUPPLY_DRIVE_ACTION_INPUTS = {
  open: z.strictObject(version),
  close: z.strictObject({ ...version, note: note.optional() }),
  cancel: z.strictObject({ ...version, note }),
} as const;
export type SupplyDriveAction = keyof typeof SUPPLY_DRIVE_ACTION_INPUTS | 'end';
export const SUPPLY_DRIVE_ACTIONS = Object.keys(SUPPLY_DRIVE_ACTION_INPUTS) as Exclude<SupplyDriveAction, 'end'>[];

export const supplyPoint = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  regionCode: z.string(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  hours: z.string(),
  stock: z.number().int(),
  reserved: z.number().int(),
  pickedUp: z.number().int(),
});
export type SupplyPoint = z.infer<typeof supplyPoint>;

export const supplyDrive = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  itemName: z.string(),
  unit: z.string(),
  perPerson: z.number().int(),
  opensAt: z.string(),
  closesAt: z.string(),
  pickupFrom: z.string(),
  pickupUntil: z.string(),
  status: z.enum(SUPPLY_DRIVE_STATUSES),
  version: z.number().int(),
  createdAt: z.string(),
  /** The points the caller may see: all for a manager, their own for pickup staff. */
  points: z.array(supplyPoint),
  /** Over those points: reservations now held, picked up, released at the end. */
  totals: z.object({ stock: z.number().int(), reserved: z.number().int(), pickedUp: z.number().int(), released: z.number().int() }),
  actions: z.array(z.enum(SUPPLY_DRIVE_ACTIONS)),
});
export type SupplyDrive = z.infer<typeof supplyDrive>;

export const supplyDriveListQuery = z.strictObject({ status: z.enum(SUPPLY_DRIVE_STATUSES).optional(), ...pageQuery });

/** A reservation as staff see it: masked, and without its pickup code (which only the resident holds). */
export const reservation = z.object({
  id: z.string(),
  pointId: z.string(),
  pointName: z.string(),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string(),
  status: z.enum(RESERVATION_STATUSES),
  reservedAt: z.string(),
  pickedUpAt: z.string().nullable(),
});
export type Reservation = z.infer<typeof reservation>;
export const reservationListQuery = z.strictObject({ point: uuid.optional(), status: z.enum(RESERVATION_STATUSES).optional(), ...pageQuery });

export const pickupInput = z.strictObject({ code: z.string().trim().regex(/^\d{8}$/, '8 digits') });

/** The portal: open drives that apply at a place, with what is left at each point. */
export const publicSupplyDrive = z.object({
  id: z.string(),
  regionName: z.string(),
  itemName: z.string(),
  unit: z.string(),
  perPerson: z.number().int(),
  opensAt: z.string(),
  closesAt: z.string(),
  pickupFrom: z.string(),
  pickupUntil: z.string(),
  points: z.array(z.object({ id: z.string(), name: z.string(), address: z.string(), hours: z.string(), lon: z.number().nullable(), lat: z.number().nullable(), left: z.number().int() })),
});
export type PublicSupplyDrive = z.infer<typeof publicSupplyDrive>;
/** A place (the drives run there, above it and below it); none: every open drive. */
export const publicSupplyDriveQuery = z.strictObject({ region: divisionCode.optional() });

export const reservationRequest = z.strictObject({
  driveId: uuid,
  pointId: uuid,
  name: nameText(40),
  idNumber: z.string().trim().min(15).max(18),
  phone: z.string().trim().min(5).max(20),
});
export type ReservationRequest = z.infer<typeof reservationRequest>;
export const reservationLookup = z.strictObject({ driveId: uuid, idNumber: z.string().trim().min(15).max(18), phone: z.string().trim().min(5).max(20) });

/** What the resident gets back: the pickup code and where and when to collect. */
export const reservationReceipt = z.object({
  pickupCode: z.string(),
  itemName: z.string(),
  quantity: z.number().int(),
  unit: z.string(),
  pointName: z.string(),
  address: z.string(),
  hours: z.string(),
  pickupFrom: z.string(),
  pickupUntil: z.string(),
  status: z.enum(RESERVATION_STATUSES),
  idNumberMasked: z.string(),
});
export type ReservationReceipt = z.infer<typeof reservationReceipt>;

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';

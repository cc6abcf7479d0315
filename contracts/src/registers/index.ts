/**
 * Base registers (M1): people, places, things and organisations. Every record belongs to a
 * grid. ID numbers and phones never travel in the clear: responses carry the masked form, and
 * the full value only comes from the audited unmask endpoint.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';

export const REGISTER_KINDS = ['resident', 'household', 'building', 'dwelling', 'venue', 'facility', 'organization'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

/** URL segment of each register: /api/<segment>. */
export const REGISTER_PATHS: Record<RegisterKind, string> = {
  resident: 'residents',
  household: 'households',
  building: 'buildings',
  dwelling: 'dwellings',
  venue: 'venues',
  facility: 'facilities',
  organization: 'organizations',
};

export const RESIDENT_KINDS = ['registered', 'floating', 'overseas'] as const;
export const ID_TYPES = ['id_card', 'passport', 'other'] as const;
export const RESIDENT_TAGS = [
  'elderly_alone', 'disabled', 'party_member', 'volunteer', 'veteran', 'low_income', 'left_behind_child', 'left_behind_elderly', 'pregnant', 'chronic_illness',
] as const;
export const HOUSEHOLD_RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandchild', 'sibling', 'other'] as const;
export const HOUSEHOLD_KINDS = ['family', 'collective'] as const;
export const BUILDING_KINDS = ['residential', 'commercial', 'mixed', 'public', 'industrial', 'other'] as const;
export const DWELLING_USES = ['owner_occupied', 'rented', 'vacant', 'business', 'other'] as const;
export const VENUE_KINDS = ['market', 'supermarket', 'restaurant', 'hotel', 'school', 'hospital', 'station', 'entertainment', 'religious', 'other'] as const;
export const FACILITY_KINDS = ['street_light', 'manhole_cover', 'camera', 'gate', 'fire_hydrant', 'other'] as const;
export const FACILITY_STATUSES = ['normal', 'damaged', 'missing', 'offline'] as const;
export const ORGANIZATION_KINDS = ['enterprise', 'shop', 'social_org', 'government_unit'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();
const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);
const point = { lon: lon.nullable().optional(), lat: lat.nullable().optional() };
/**
 * Optimistic concurrency: an update names the version it read. Update schemas re-declare the
 * fields that have defaults, so a patch never resets a field it does not name.
 */
const expectedVersion = { version: z.number().int().min(1) };

/** Fields every record response carries. */
const recordBase = {
  id: z.string(),
  gridId: z.string(),
  gridName: z.string(),
  regionCode: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
};
const pointOut = { lon: z.number().nullable(), lat: z.number().nullable() };

// ---------- residents ----------
export const residentInput = z.strictObject({
  gridId: uuid,
  name: text(50),
  idType: z.enum(ID_TYPES).default('id_card'),
  /** Full ID number: checked against GB 11643 when idType is id_card. */
  idNumber: text(40),
  phone: optionalText(20),
  kind: z.enum(RESIDENT_KINDS),
  nationality: optionalText(40),
  ethnicity: optionalText(20),
  registeredAddress: optionalText(200),
  address: optionalText(200),
  dwellingId: uuid.nullable().optional(),
  tags: z.array(z.enum(RESIDENT_TAGS)).max(RESIDENT_TAGS.length).optional(),
  notes: optionalText(500),
  /** Birth date and sex for non-ID-card documents; derived from the number for ID cards. */
  birthDate: z.iso.date().nullable().optional(),
  sex: z.enum(['male', 'female']).nullable().optional(),
});
export const residentUpdate = residentInput.partial().extend({ ...expectedVersion, idType: z.enum(ID_TYPES).optional() });

export const resident = z.object({
  ...recordBase,
  name: z.string(),
  idType: z.enum(ID_TYPES),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  sex: z.enum(['male', 'female']).nullable(),
  /**
   * The birth year only: with the full date a masked ID number would leave a few dozen
   * candidates (docs/personal-data.md). The full date is part of the unmasked ID number.
   */
  birthYear: z.number().int().nullable(),
  kind: z.enum(RESIDENT_KINDS),
  nationality: z.string().nullable(),
  ethnicity: z.string().nullable(),
  registeredAddress: z.string().nullable(),
  address: z.string().nullable(),
  dwellingId: z.string().nullable(),
  dwellingLabel: z.string().nullable(),
  householdId: z.string().nullable(),
  tags: z.array(z.string()),
  notes: z.string().nullable(),
});
export type Resident = z.infer<typeof resident>;

// ---------- households ----------
export const householdInput = z.strictObject({
  gridId: uuid,
  /** 户号: unique within the grid. */
  number: text(40),
  kind: z.enum(HOUSEHOLD_KINDS).default('family'),
  dwellingId: uuid.nullable().optional(),
  address: optionalText(200),
  notes: optionalText(500),
});
export const householdUpdate = householdInput.partial().extend({ ...expectedVersion, kind: z.enum(HOUSEHOLD_KINDS).optional() });

export const householdMember = z.object({
  residentId: z.string(),
  name: z.string(),
  relation: z.enum(HOUSEHOLD_RELATIONS),
  idNumberMasked: z.string(),
});
export const household = z.object({
  ...recordBase,
  number: z.string(),
  kind: z.enum(HOUSEHOLD_KINDS),
  dwellingId: z.string().nullable(),
  dwellingLabel: z.string().nullable(),
  address: z.string().nullable(),
  notes: z.string().nullable(),
  members: z.array(householdMember),
});
export type Household = z.infer<typeof household>;
export const addMemberRequest = z.strictObject({ residentId: uuid, relation: z.enum(HOUSEHOLD_RELATIONS) });

// ---------- buildings and dwellings ----------
export const buildingInput = z.strictObject({
  gridId: uuid,
  name: text(100),
  kind: z.enum(BUILDING_KINDS).default('residential'),
  address: optionalText(200),
  floors: z.number().int().min(1).max(200).nullable().optional(),
  units: z.number().int().min(1).max(100).nullable().optional(),
  ...point,
  notes: optionalText(500),
});
export const buildingUpdate = buildingInput.partial().extend({ ...expectedVersion, kind: z.enum(BUILDING_KINDS).optional() });
export const building = z.object({
  ...recordBase,
  name: z.string(),
  kind: z.enum(BUILDING_KINDS),
  address: z.string().nullable(),
  floors: z.number().int().nullable(),
  units: z.number().int().nullable(),
  dwellingCount: z.number().int(),
  ...pointOut,
  notes: z.string().nullable(),
});
export type Building = z.infer<typeof building>;

export const dwellingInput = z.strictObject({
  buildingId: uuid,
  unit: optionalText(20),
  floor: z.number().int().min(-10).max(200).nullable().optional(),
  room: text(20),
  area: z.number().min(0).max(100000).nullable().optional(),
  use: z.enum(DWELLING_USES).default('owner_occupied'),
  notes: optionalText(500),
});
export const dwellingUpdate = dwellingInput.partial().extend({ ...expectedVersion, use: z.enum(DWELLING_USES).optional() });
export const dwelling = z.object({
  ...recordBase,
  buildingId: z.string(),
  buildingName: z.string(),
  unit: z.string().nullable(),
  floor: z.number().int().nullable(),
  room: z.string(),
  label: z.string(),
  area: z.number().nullable(),
  use: z.enum(DWELLING_USES),
  notes: z.string().nullable(),
});
export type Dwelling = z.infer<typeof dwelling>;

// ---------- venues ----------
export const venueInput = z.strictObject({
  gridId: uuid,
  name: text(100),
  kind: z.enum(VENUE_KINDS),
  address: optionalText(200),
  ...point,
  keyPlace: z.boolean().default(false),
  keyReason: optionalText(200),
  contactName: optionalText(50),
  contactPhone: optionalText(20),
  notes: optionalText(500),
});
export const venueUpdate = venueInput.partial().extend({ ...expectedVersion, keyPlace: z.boolean().optional() });
export const venue = z.object({
  ...recordBase,
  name: z.string(),
  kind: z.enum(VENUE_KINDS),
  address: z.string().nullable(),
  ...pointOut,
  /** The code residents scan to check in (场所码). */
  venueCode: z.string(),
  keyPlace: z.boolean(),
  keyReason: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  notes: z.string().nullable(),
});
export type Venue = z.infer<typeof venue>;

// ---------- facilities ----------
export const facilityInput = z.strictObject({
  gridId: uuid,
  kind: z.enum(FACILITY_KINDS),
  /** Asset code, unique across the system. */
  code: text(40),
  name: optionalText(100),
  lon,
  lat,
  status: z.enum(FACILITY_STATUSES).default('normal'),
  department: optionalText(100),
  notes: optionalText(500),
});
export const facilityUpdate = facilityInput.partial().extend({ ...expectedVersion, status: z.enum(FACILITY_STATUSES).optional() });
export const facility = z.object({
  ...recordBase,
  kind: z.enum(FACILITY_KINDS),
  code: z.string(),
  name: z.string().nullable(),
  lon: z.number(),
  lat: z.number(),
  status: z.enum(FACILITY_STATUSES),
  department: z.string().nullable(),
  notes: z.string().nullable(),
});
export type Facility = z.infer<typeof facility>;

// ---------- organisations ----------
export const organizationInput = z.strictObject({
  gridId: uuid,
  name: text(100),
  kind: z.enum(ORGANIZATION_KINDS),
  /** 统一社会信用代码 (GB 32100), checked when given. */
  creditCode: optionalText(18),
  legalRepresentative: optionalText(50),
  contactName: optionalText(50),
  contactPhone: optionalText(20),
  address: optionalText(200),
  ...point,
  notes: optionalText(500),
});
export const organizationUpdate = organizationInput.partial().extend(expectedVersion);
export const organizationEmployee = z.object({
  residentId: z.string(),
  name: z.string(),
  position: z.string().nullable(),
  isContact: z.boolean(),
});
export const organization = z.object({
  ...recordBase,
  name: z.string(),
  kind: z.enum(ORGANIZATION_KINDS),
  creditCode: z.string().nullable(),
  legalRepresentative: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhoneMasked: z.string().nullable(),
  address: z.string().nullable(),
  ...pointOut,
  notes: z.string().nullable(),
  employees: z.array(organizationEmployee),
});
export type Organization = z.infer<typeof organization>;
export const addEmployeeRequest = z.strictObject({
  residentId: uuid,
  position: optionalText(50),
  isContact: z.boolean().default(false),
});

// ---------- shared: lists, history, unmask, map ----------
/** Filters every register list takes; each register reads the ones that apply to it. */
export const registerListQuery = z.strictObject({
  region: divisionCode.optional(),
  gridId: uuid.optional(),
  /** Name, pinyin initials (zs for 张三) or address. */
  q: z.string().trim().max(64).optional(),
  /**
   * Exact ID number or phone, matched through the keyed hash. Needs register:unmask and counts
   * against the caller's unmask budget like an unmask (docs/personal-data.md).
   */
  idNumber: z.string().trim().max(40).optional(),
  phone: z.string().trim().max(20).optional(),
  kind: z.string().max(40).optional(),
  tag: z.enum(RESIDENT_TAGS).optional(),
  status: z.string().max(40).optional(),
  keyPlace: z.enum(['true', 'false']).optional(),
  buildingId: uuid.optional(),
  ...pageQuery,
});
export type RegisterListQuery = z.infer<typeof registerListQuery>;

export const historyEntry = z.object({
  version: z.number().int(),
  at: z.string(),
  action: z.enum(['create', 'update', 'delete', 'import']),
  actorName: z.string().nullable(),
  /** Changed fields; personal data shows masked values only. */
  changes: z.array(z.object({ field: z.string(), from: z.unknown(), to: z.unknown() })),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const UNMASK_FIELDS = ['idNumber', 'phone', 'contactPhone'] as const;
export const unmaskRequest = z.strictObject({
  /** Why the full value is needed: kept in the audit log. */
  reason: z.string().trim().min(4).max(200),
  fields: z.array(z.enum(UNMASK_FIELDS)).min(1).max(3),
});
export const unmaskResponse = z.object({
  idNumber: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  contactPhone: z.string().nullable().optional(),
});

export const registerPointsQuery = z.strictObject({
  region: divisionCode.optional(),
  gridId: uuid.optional(),
  kind: z.string().max(40).optional(),
});
export const registerPoint = z.object({ id: z.string(), name: z.string(), kind: z.string(), lon: z.number(), lat: z.number() });
export const registerPoints = z.object({ items: z.array(registerPoint), truncated: z.boolean() });

/** Count per grid for the residents map (a choropleth rather than millions of points). */
export const gridCounts = z.object({ items: z.array(z.object({ gridId: z.string(), count: z.number().int() })) });
export * from './permissions.js';
export * from './audit.js';
export * from './labels.js';
export * from './errors.js';

/** A resident's real name (实名认证): the name and the ID number (or another document's number). */
export const identityRequest = z.strictObject({ name: z.string().trim().min(1).max(50), idNumber: z.string().trim().min(1).max(40) });
export type IdentityRequest = z.infer<typeof identityRequest>;
/** The account's identity as its owner sees it: masked, and whether the registers know the person. */
export const ownIdentity = z.object({
  verified: z.boolean(),
  name: z.string().nullable(),
  idMasked: z.string().nullable(),
  /** The document matches a resident of the registers (name and number). */
  registered: z.boolean(),
  verifiedAt: z.string().nullable(),
});
export type OwnIdentity = z.infer<typeof ownIdentity>;

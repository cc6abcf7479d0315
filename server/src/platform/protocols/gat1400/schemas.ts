/**
 * The GA/T 1400 JSON objects the platform reads, as zod 4 schemas. Vendors add dozens of fields of
 * their own and write numbers as strings, so objects are loose (unknown fields pass through
 * untouched for the sink to keep) and numbers and codes are coerced; identifiers and times are
 * strict, because a record that cannot be traced to its device and instant is worth nothing.
 * Field names follow vendor DTOs (xiezhihui98/GAT1400, haoxianrui/gat1400), see STANDARDS.md §1.4.
 */
import { z } from 'zod';
import { contentIdProblem, isDeviceId, sourceIdProblem } from './ids.js';
import { viidTimeProblem } from './time.js';

/** Vendors write an absent value as "" or null. */
const blank = (v: unknown): unknown => (v === '' || v === null ? undefined : v);

/** An integer sent as a number or a string of digits ("12"); "" and null are absent. */
export const looseInt = z.preprocess(blank, z.union([z.number(), z.string().trim().regex(/^-?\d+$/).transform(Number)], { error: 'expected an integer' }).pipe(z.number().int()).optional());

/** A decimal sent as a number or a string ("113.25"). */
export const looseNumber = z.preprocess(
  blank,
  z
    .union([z.number(), z.string().trim().regex(/^-?\d+(\.\d+)?$/).transform(Number)], { error: 'expected a number' })
    .pipe(z.number().finite())
    .optional(),
);

/** A code of the standard's tables ("5", 5, "02"): kept as the digit string, leading zeros and all. */
export const codeString = z.preprocess(blank, z.union([z.number().int().nonnegative().transform(String), z.string().trim().regex(/^\d{1,12}$/)], { error: 'expected a code of digits' }).optional());

/** Free text a vendor may send as a number (a name, a plate "粤B12345", an ID number). */
const text = (max: number) => z.preprocess(blank, z.union([z.string().max(max), z.number().transform(String)], { error: 'expected text' }).optional());

const problem = (check: (v: unknown) => string | null) => (value: string, ctx: z.RefinementCtx) => {
  const p = check(value);
  if (p) ctx.addIssue({ code: 'custom', message: p });
};

/** A 20-digit device ID (GB/T 28181 layout). Strict: no trimming, no numbers. */
export const deviceId = z.string({ error: 'expected a 20-digit device ID' }).refine(isDeviceId, { error: 'expected a 20-digit device ID' });
/** A 41-digit source ID. */
export const sourceId = z.string({ error: 'expected a 41-digit source ID' }).superRefine(problem(sourceIdProblem));
/** A 48-digit content ID (FaceID, MotorVehicleID, PersonID). */
export const contentId = z.string({ error: 'expected a 48-digit content ID' }).superRefine(problem(contentIdProblem));
/** A `yyyyMMddHHmmss` China time. Strict: a string of 14 digits that is a real time. */
export const viidTime = z.string({ error: 'expected a time as yyyyMMddHHmmss' }).superRefine(problem(viidTimeProblem));

const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());

/** Base64 image data; line breaks and a `data:` prefix, which some devices add, are dropped. */
const base64 = z.preprocess(
  (v) => (typeof v === 'string' ? v.replace(/^data:[^,]*,/, '').replace(/\s+/g, '') : blank(v)),
  z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, { error: 'expected base64 data' }).optional(),
);

/** One list item, or a bare object where a list was due (some devices send one object unwrapped). */
const listOf = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? [v] : v), z.array(item));

/** SubImageInfoObject: one image of a capture (the scene, the face crop, the plate crop...). */
export const subImageInfoObject = z.looseObject({
  ImageID: text(64),
  EventSort: looseInt,
  DeviceID: optional(deviceId),
  StoragePath: text(1024),
  /** Image type code (01 vehicle scene, 11 face crop, 14 scene...). */
  Type: codeString,
  FileFormat: text(16),
  Width: looseInt,
  Height: looseInt,
  ShotTime: optional(viidTime),
  Data: base64,
});
export type SubImageInfoObject = z.output<typeof subImageInfoObject>;

const subImageList = z.preprocess(blank, z.looseObject({ SubImageInfoObject: listOf(subImageInfoObject) }).optional());

/** The box of an object in its image, in pixels. */
const box = {
  LeftTopX: looseInt,
  LeftTopY: looseInt,
  RightBtmX: looseInt,
  RightBtmY: looseInt,
};

/** What faces and persons share: where they were found, when, and who the person may be. */
const humanFields = {
  /** 0 other, 1 automatic, 2 manual. */
  InfoKind: looseInt,
  SourceID: sourceId,
  DeviceID: optional(deviceId),
  ...box,
  ShotTime: optional(viidTime),
  IDNumber: text(32),
  IDType: codeString,
  Name: text(64),
  GenderCode: codeString,
  AgeUpLimit: looseInt,
  AgeLowerLimit: looseInt,
  SubImageList: subImageList,
};

/** FaceObject: a face found in an image. */
export const faceObject = z.looseObject({
  FaceID: contentId,
  ...humanFields,
  FaceAppearTime: optional(viidTime),
  FaceDisAppearTime: optional(viidTime),
  Similaritydegree: looseNumber,
});
export type FaceObject = z.output<typeof faceObject>;

/** PersonObject: a whole person found in an image. */
export const personObject = z.looseObject({
  PersonID: contentId,
  ...humanFields,
  PersonAppearTime: optional(viidTime),
  PersonDisAppearTime: optional(viidTime),
});
export type PersonObject = z.output<typeof personObject>;

/** MotorVehicleObject: a vehicle passing a checkpoint or seen in an image. */
export const motorVehicleObject = z.looseObject({
  MotorVehicleID: contentId,
  InfoKind: looseInt,
  SourceID: sourceId,
  DeviceID: optional(deviceId),
  TollgateID: optional(deviceId),
  ...box,
  PassTime: optional(viidTime),
  AppearTime: optional(viidTime),
  DisappearTime: optional(viidTime),
  LaneNo: looseInt,
  /** 1 with a plate, 0 without (vendors send 0/1, "0"/"1", true/false). */
  HasPlate: z.preprocess((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : blank(v)), looseInt),
  PlateNo: text(32),
  /** Plate class (02 small car ...), 99 other. */
  PlateClass: codeString,
  /** Colour code: 1 black, 2 white, 5 blue, 6 yellow, 9 green, 99 other (STANDARDS.md §1.4). */
  PlateColor: codeString,
  VehicleClass: text(8),
  VehicleColor: codeString,
  VehicleBrand: text(32),
  VehicleModel: text(64),
  VehicleLength: looseInt,
  Speed: looseNumber,
  Direction: codeString,
  StorageUrl1: text(1024),
  StorageUrl2: text(1024),
  SubImageList: subImageList,
});
export type MotorVehicleObject = z.output<typeof motorVehicleObject>;

/** APEObject: a capture device (采集设备) as a device or a lower platform reports it. */
export const apeObject = z.looseObject({
  ApeID: deviceId,
  Name: text(128),
  Model: text(64),
  IPAddr: text(64),
  Port: looseInt,
  Longitude: looseNumber,
  Latitude: looseNumber,
  /** 6-digit division code of the place. */
  PlaceCode: codeString,
  /** 12-digit code of the owning organisation. */
  OrgCode: text(12),
  CapDirection: codeString,
  MonitorDirection: codeString,
  /** 1 online, 2 offline, 9 other. */
  IsOnline: codeString,
  OwnerApsID: optional(deviceId),
  FunctionType: text(32),
  PositionType: text(32),
});
export type ApeObject = z.output<typeof apeObject>;

/** SubscribeDetail codes 1-16 (STANDARDS.md §1.4), comma-separated. */
const subscribeDetail = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : blank(v)),
  z
    .string()
    .regex(/^\s*\d{1,2}\s*(,\s*\d{1,2}\s*)*$/, { error: 'expected codes 1-16, comma-separated' })
    .refine((s) => s.split(',').every((c) => Number(c) >= 1 && Number(c) <= 16), { error: 'expected codes 1-16, comma-separated' }),
);

/** SubscribeObject: what an upper platform asks to be sent. */
export const subscribeObject = z.looseObject({
  SubscribeID: z.union([z.string().min(1).max(64), z.number().transform(String)], { error: 'expected a SubscribeID' }),
  Title: text(256),
  SubscribeDetail: subscribeDetail,
  ResourceURI: text(1024),
  ApplicantName: text(64),
  ApplicantOrg: text(128),
  BeginTime: optional(viidTime),
  EndTime: optional(viidTime),
  ReceiveAddr: text(1024),
  ReportInterval: looseInt,
  Reason: text(256),
  /** 0 subscribe, 1 cancel. */
  OperateType: looseInt,
  /** 0 active, 1 cancelled, 2 expired, 9 not subscribed. */
  SubscribeStatus: looseInt,
  ResourceClass: looseInt,
  ResultImageDeclare: text(64),
  ResultFeatureDeclare: looseInt,
});
export type SubscribeObject = z.output<typeof subscribeObject>;

const nestedList = <K extends string, T extends z.ZodType>(key: K, item: T) =>
  z.preprocess(blank, z.looseObject({ [key]: listOf(item) } as { [P in K]: ReturnType<typeof listOf<T>> }).optional());

/** SubscribeNotificationObject: what a subscription delivers. */
export const subscribeNotificationObject = z.looseObject({
  NotificationID: z.union([z.string().min(1).max(64), z.number().transform(String)], { error: 'expected a NotificationID' }),
  SubscribeID: z.union([z.string().min(1).max(64), z.number().transform(String)], { error: 'expected a SubscribeID' }),
  Title: text(256),
  TriggerTime: optional(viidTime),
  InfoIDs: text(100_000),
  ExecuteOperation: looseInt,
  FaceObjectList: nestedList('FaceObject', faceObject),
  PersonObjectList: nestedList('PersonObject', personObject),
  MotorVehicleObjectList: nestedList('MotorVehicleObject', motorVehicleObject),
  DeviceList: nestedList('APEObject', apeObject),
});
export type SubscribeNotificationObject = z.output<typeof subscribeNotificationObject>;

/** RegisterObject / KeepaliveObject / UnRegisterObject: a device naming itself. */
const deviceObject = z.looseObject({ DeviceID: deviceId });
export const registerEnvelope = z.looseObject({ RegisterObject: deviceObject });
export const keepaliveEnvelope = z.looseObject({ KeepaliveObject: deviceObject });
export const unRegisterEnvelope = z.looseObject({ UnRegisterObject: deviceObject });

/** One answer status (Java vendors send StatusCode as a string). */
export const responseStatusObject = z.looseObject({
  RequestURL: z.string().optional(),
  StatusCode: looseInt.pipe(z.number().int()),
  StatusString: z.string().optional(),
  Id: z.preprocess(blank, z.string().optional()),
  LocalTime: z.preprocess(blank, z.string().optional()),
});
export type ResponseStatusObjectOut = z.output<typeof responseStatusObject>;
export const responseStatusEnvelope = z.looseObject({ ResponseStatusObject: responseStatusObject });
/** `ResponseStatusListObject` (the usual name) or `ResponseStatusList` (some platforms). */
export const responseStatusListEnvelope = z.preprocess(
  (v) => (v && typeof v === 'object' && !('ResponseStatusListObject' in v) && 'ResponseStatusList' in v ? { ResponseStatusListObject: (v as { ResponseStatusList: unknown }).ResponseStatusList } : v),
  z.looseObject({ ResponseStatusListObject: z.looseObject({ ResponseStatusObject: listOf(responseStatusObject) }) }),
);

/** The batch kinds the server takes: the envelope keys (vendor spellings first), the object key, its schema and id field. */
export const LIST_KINDS = {
  faces: { listKeys: ['FaceListObject', 'FaceList'], objectKey: 'FaceObject', schema: faceObject, idField: 'FaceID' },
  persons: { listKeys: ['PersonListObject', 'PersonList'], objectKey: 'PersonObject', schema: personObject, idField: 'PersonID' },
  motorVehicles: { listKeys: ['MotorVehicleListObject', 'MotorVehicleList'], objectKey: 'MotorVehicleObject', schema: motorVehicleObject, idField: 'MotorVehicleID' },
  apes: { listKeys: ['APEListObject', 'APEList'], objectKey: 'APEObject', schema: apeObject, idField: 'ApeID' },
  subscribes: { listKeys: ['SubscribeListObject', 'SubscribeList'], objectKey: 'SubscribeObject', schema: subscribeObject, idField: 'SubscribeID' },
  subscribeNotifications: {
    listKeys: ['SubscribeNotificationListObject', 'SubscribeNotificationList'],
    objectKey: 'SubscribeNotificationObject',
    schema: subscribeNotificationObject,
    idField: 'NotificationID',
  },
} as const;

export type ListKind = keyof typeof LIST_KINDS;

/** The raw items of a batch envelope, or null when the body is not that envelope. */
export function listItems(kind: ListKind, body: unknown): unknown[] | null {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return null;
  const spec = LIST_KINDS[kind];
  const key = spec.listKeys.find((k) => k in body);
  const list = key ? (body as Record<string, unknown>)[key] : undefined;
  if (!list || typeof list !== 'object' || Array.isArray(list)) return null;
  const items = (list as Record<string, unknown>)[spec.objectKey];
  if (Array.isArray(items)) return items;
  return items && typeof items === 'object' ? [items] : null;
}

/** The id an item claims (for its status), even when the item is not valid. */
export function claimedId(kind: ListKind, item: unknown): string {
  const id = item && typeof item === 'object' ? (item as Record<string, unknown>)[LIST_KINDS[kind].idField] : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id).slice(0, 64) : '';
}

/** The issues of a failed parse in one line: `FaceID: expected 48 digits, got 12 characters; ShotTime: ...`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join('.') || '(object)'}: ${i.message}`)
    .join('; ');
}

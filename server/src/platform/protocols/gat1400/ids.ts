/**
 * The identifiers GA/T 1400 objects carry. All are digit strings whose parts mean something, so a
 * malformed id is refused at the door instead of becoming a record nobody can trace to a camera.
 *
 * - Device ID (设备编码), 20 digits, the GB/T 28181 layout: civil code 8 (province 2, city 2,
 *   county 2, grass-roots unit 2) + industry 2 + type 3 + network 1 + serial 6. [S][P]
 * - Source ID (图像信息基本要素ID), 41 digits: the capturing device's ID 20 + information type 2
 *   (`02` image is what devices send; other values [U]) + capture time `yyyyMMddHHmmss` 14 +
 *   sequence 5. [S]
 * - Content ID (图像信息内容要素ID: FaceID, MotorVehicleID, PersonID...), 48 digits: the Source ID
 *   of the image it was found in 41 + object type 2 (`02` motor vehicle and `06` face seen [S];
 *   the others in `CONTENT_TYPES` are [U]) + sequence 5.
 * See README.md in this folder for the sources.
 */
import { formatViidTime, viidTimeProblem } from './time.js';

/** The parts of a 20-digit device ID. */
export interface DeviceIdParts {
  /** 中心编码: the civil (administrative division) code of the owning centre, 8 digits. */
  civilCode: string;
  /** 行业编码, 2 digits (00 社会治安路面接入 ... per GB/T 28181 Annex D). */
  industry: string;
  /** 类型编码, 3 digits: 111 DVR, 132 network camera, 200 central server ... (`DEVICE_TYPES`). */
  typeCode: string;
  /** 网络标识, 1 digit: 0-4 surveillance private network, 5 public-security net, 6 government net, 7 Internet. */
  network: string;
  /** 设备序号, 6 digits. */
  serial: string;
}

/** The type codes (digits 11-13) the platform can name; others are valid but unnamed. [S] (STANDARDS.md §1.5) */
export const DEVICE_TYPES: Readonly<Record<string, string>> = {
  '111': 'DVR',
  '112': '视频服务器',
  '113': '编码器',
  '114': '解码器',
  '117': '报警控制器',
  '118': 'NVR',
  '131': '摄像机',
  '132': '网络摄像机',
  '133': '显示器',
  '134': '报警输入设备',
  '135': '报警输出设备',
  '142': '智能门',
  '143': '凭证识别单元',
  '200': '中心信令控制服务器',
  '201': 'Web应用服务器',
  '202': '媒体分发服务器',
  '203': '代理服务器',
  '204': '安全服务器',
  '205': '报警服务器',
  '206': '数据库服务器',
  '207': 'GIS服务器',
  '208': '管理服务器',
  '209': '接入网关',
  '210': '媒体存储服务器',
};

/** Object type codes of a content ID (digits 42-43). Only 02 and 06 were seen in vendor code; the rest are [U]. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '01': 'person',
  '02': 'motorVehicle',
  '03': 'nonMotorVehicle',
  '04': 'thing',
  '05': 'scene',
  '06': 'face',
};

const DEVICE_ID = /^(\d{8})(\d{2})(\d{3})(\d)(\d{6})$/;
const SOURCE_ID = /^(\d{20})(\d{2})(\d{14})(\d{5})$/;
const CONTENT_ID = /^(\d{41})(\d{2})(\d{5})$/;

/** The parts of a device ID, or null when it is not 20 digits. */
export function parseDeviceId(id: unknown): DeviceIdParts | null {
  if (typeof id !== 'string') return null;
  const m = DEVICE_ID.exec(id);
  if (!m) return null;
  const [civilCode, industry, typeCode, network, serial] = m.slice(1) as [string, string, string, string, string];
  return { civilCode, industry, typeCode, network, serial };
}

export function isDeviceId(id: unknown): id is string {
  return parseDeviceId(id) !== null;
}

/** The 3-digit type code of a device ID (132 for a network camera), or null when the ID is malformed. */
export function deviceTypeCode(id: unknown): string | null {
  return parseDeviceId(id)?.typeCode ?? null;
}

/** The parts of a 41-digit source ID. */
export interface SourceIdParts {
  deviceId: string;
  /** 信息类型, 2 digits; `02` is an image. */
  infoType: string;
  /** The capture time as sent, `yyyyMMddHHmmss`. */
  time: string;
  sequence: string;
}

/** Why a value is not a source ID, or null when it is one. */
export function sourceIdProblem(id: unknown): string | null {
  if (typeof id !== 'string') return 'expected a string';
  const m = SOURCE_ID.exec(id);
  if (!m) return `expected 41 digits, got ${id.length} characters`;
  const time = viidTimeProblem(m[3]);
  return time ? `characters 23-36 are not a time: ${time}` : null;
}

/** The parts of a source ID, or null when it is not one. */
export function parseSourceId(id: unknown): SourceIdParts | null {
  if (sourceIdProblem(id) !== null) return null;
  const [deviceId, infoType, time, sequence] = SOURCE_ID.exec(id as string)!.slice(1) as [string, string, string, string];
  return { deviceId, infoType, time, sequence };
}

export function isSourceId(id: unknown): id is string {
  return sourceIdProblem(id) === null;
}

/** The parts of a 48-digit content ID. */
export interface ContentIdParts {
  sourceId: string;
  /** Object type, 2 digits (`CONTENT_TYPES`). */
  objectType: string;
  sequence: string;
}

/** Why a value is not a content ID, or null when it is one. */
export function contentIdProblem(id: unknown): string | null {
  if (typeof id !== 'string') return 'expected a string';
  const m = CONTENT_ID.exec(id);
  if (!m) return `expected 48 digits, got ${id.length} characters`;
  const source = sourceIdProblem(m[1]);
  return source ? `its first 41 digits are not a source ID: ${source}` : null;
}

/** The parts of a content ID, or null when it is not one. */
export function parseContentId(id: unknown): ContentIdParts | null {
  if (contentIdProblem(id) !== null) return null;
  const [sourceId, objectType, sequence] = CONTENT_ID.exec(id as string)!.slice(1) as [string, string, string];
  return { sourceId, objectType, sequence };
}

export function isContentId(id: unknown): id is string {
  return contentIdProblem(id) === null;
}

const seq = (n: number): string => {
  if (!Number.isInteger(n) || n < 0 || n > 99_999) throw new RangeError(`sequence ${n} is not 0-99999`);
  return String(n).padStart(5, '0');
};

/** Mints a source ID for an image a device took (simulators and tests). */
export function makeSourceId(deviceId: string, at: Date, sequence: number, infoType = '02'): string {
  if (!isDeviceId(deviceId)) throw new RangeError(`${deviceId} is not a 20-digit device ID`);
  if (!/^\d{2}$/.test(infoType)) throw new RangeError(`info type ${infoType} is not 2 digits`);
  return `${deviceId}${infoType}${formatViidTime(at)}${seq(sequence)}`;
}

/** Mints a content ID for an object found in an image (simulators and tests). */
export function makeContentId(sourceId: string, objectType: string, sequence: number): string {
  if (!isSourceId(sourceId)) throw new RangeError(`${sourceId} is not a 41-digit source ID`);
  if (!/^\d{2}$/.test(objectType)) throw new RangeError(`object type ${objectType} is not 2 digits`);
  return `${sourceId}${objectType}${seq(sequence)}`;
}

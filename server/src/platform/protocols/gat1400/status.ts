/**
 * Answers and errors the GA/T 1400 way. A device reads `ResponseStatusObject.StatusCode` (the
 * 0-9 table of GA/T 1400.4, as vendor code has it: 0 OK, 1 other error, 2 device busy, 3 device
 * error, 4 invalid operation, 5 invalid XML format, 6 invalid XML content, 7 invalid JSON format,
 * 8 invalid JSON content, 9 reboot), so every refusal of this layer maps onto that table. Our own
 * stable code travels at the end of `StatusString` and in the `X-GridGov-Error` header, so a
 * client or a log search can branch on it; the human text comes in English and Chinese.
 */
import { formatViidTime } from './time.js';

/** The StatusCode values of GA/T 1400.4 (nanguantong/gat-1400 gat1400_status_code.h) [S]. */
export const VIID_STATUS = {
  OK: 0,
  OTHER_ERROR: 1,
  DEVICE_BUSY: 2,
  DEVICE_ERROR: 3,
  INVALID_OPERATION: 4,
  INVALID_XML_FORMAT: 5,
  INVALID_XML_CONTENT: 6,
  INVALID_JSON_FORMAT: 7,
  INVALID_JSON_CONTENT: 8,
  REBOOT: 9,
} as const;

export type ViidStatusCode = (typeof VIID_STATUS)[keyof typeof VIID_STATUS];

interface Spec {
  http: number;
  viid: ViidStatusCode;
  en: string;
  zh: string;
}

/** The stable error codes of the GA/T 1400 layer. */
export const GAT1400_ERRORS = {
  GAT1400_CONTENT_TYPE: { http: 415, viid: 4, en: 'Send Content-Type: application/VIID+JSON;charset=UTF-8', zh: '请求类型须为 application/VIID+JSON;charset=UTF-8' },
  GAT1400_JSON_INVALID: { http: 400, viid: 7, en: 'The body is not valid JSON', zh: '请求体不是合法的 JSON' },
  GAT1400_BODY_INVALID: { http: 400, viid: 8, en: 'The body is not the GA/T 1400 envelope this URL takes', zh: '请求体不是该接口要求的视图库对象' },
  GAT1400_BODY_TOO_LARGE: { http: 413, viid: 1, en: 'The body is too large; send fewer objects per request', zh: '请求体过大，请分批上传' },
  GAT1400_OBJECT_INVALID: { http: 400, viid: 8, en: 'The object is not valid', zh: '对象内容不合法' },
  GAT1400_OBJECT_REFUSED: { http: 409, viid: 1, en: 'The platform did not accept the object', zh: '平台未接收该对象' },
  GAT1400_AUTH_REQUIRED: { http: 401, viid: 4, en: 'Register with HTTP Digest authentication', zh: '请使用摘要认证注册' },
  GAT1400_AUTH_FAILED: { http: 401, viid: 4, en: 'Wrong device ID or password', zh: '设备编码或密码错误' },
  GAT1400_AUTH_MALFORMED: { http: 401, viid: 4, en: 'The Authorization header is not a valid Digest answer for this request', zh: '摘要认证头不合法' },
  GAT1400_NONCE_REPLAYED: { http: 401, viid: 4, en: 'The nonce was already used or is unknown; answer the new challenge', zh: '随机数已使用或无效，请按新的质询重新认证' },
  GAT1400_NONCE_EXPIRED: { http: 401, viid: 4, en: 'The nonce expired; answer the new challenge', zh: '随机数已过期，请按新的质询重新认证' },
  GAT1400_NOT_REGISTERED: { http: 401, viid: 4, en: 'Send User-Identify with the ID of a registered device, and register again when the session lapsed', zh: '请在 User-Identify 中提供已注册设备的编码；会话过期须重新注册' },
  GAT1400_DEVICE_MISMATCH: { http: 403, viid: 4, en: 'The DeviceID of the body is not the authenticated device', zh: '请求体中的设备编码与认证设备不一致' },
  GAT1400_DEVICE_ID_INVALID: { http: 400, viid: 8, en: 'The DeviceID is not a 20-digit device code', zh: '设备编码须为 20 位数字' },
  GAT1400_NOT_FOUND: { http: 404, viid: 4, en: 'No such GA/T 1400 interface here', zh: '不支持该视图库接口' },
  GAT1400_INTERNAL: { http: 500, viid: 1, en: 'The platform failed; retry later', zh: '平台内部错误，请稍后重试' },
} as const satisfies Record<string, Spec>;

export type Gat1400ErrorCode = keyof typeof GAT1400_ERRORS;

/** A refusal of this layer: a stable code, the GA/T 1400 StatusCode and HTTP status it maps to, details for the log. */
export class Gat1400Error extends Error {
  readonly status: number;
  readonly viidStatus: ViidStatusCode;
  constructor(
    readonly code: Gat1400ErrorCode,
    readonly detail?: string,
  ) {
    super(`${GAT1400_ERRORS[code].en}${detail ? `: ${detail}` : ''} (${code})`);
    this.name = 'Gat1400Error';
    this.status = GAT1400_ERRORS[code].http;
    this.viidStatus = GAT1400_ERRORS[code].viid;
  }
}

/** The `StatusString` of a refusal: English, the detail, the Chinese text, and the stable code last. */
export function statusString(code: Gat1400ErrorCode, detail?: string): string {
  const spec = GAT1400_ERRORS[code];
  return `${spec.en}${detail ? `: ${detail}` : ''} / ${spec.zh} (${code})`;
}

/** One ResponseStatusObject as devices read it. */
export interface ResponseStatus {
  Id: string;
  RequestURL: string;
  StatusCode: number;
  StatusString: string;
  LocalTime: string;
}

/** A success for one object or one call. */
export function okStatus(requestUrl: string, id: string, now: Date): ResponseStatus {
  return { Id: id, RequestURL: requestUrl, StatusCode: VIID_STATUS.OK, StatusString: 'OK', LocalTime: formatViidTime(now) };
}

/** A refusal for one object or one call. */
export function errorStatus(requestUrl: string, id: string, now: Date, code: Gat1400ErrorCode, detail?: string): ResponseStatus {
  return { Id: id, RequestURL: requestUrl, StatusCode: GAT1400_ERRORS[code].viid, StatusString: statusString(code, detail), LocalTime: formatViidTime(now) };
}

/** The stable code at the end of a StatusString, for clients that branch on it. */
export function codeOfStatusString(text: string): Gat1400ErrorCode | null {
  const m = /\((GAT1400_[A-Z_]+)\)$/.exec(text);
  return m && m[1]! in GAT1400_ERRORS ? (m[1] as Gat1400ErrorCode) : null;
}

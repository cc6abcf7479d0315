/**
 * A small GA/T 1400 client: what a camera does (Register with Digest, Keepalive, push faces and
 * vehicles, UnRegister). It drives the device simulator (`npm run devices:simulate`, to come) and
 * the integration tests, and can push to another view library in a cascade later.
 */
import { digestAuthorization } from './digest.js';
import { responseStatusEnvelope, responseStatusListEnvelope, type ResponseStatusObjectOut } from './schemas.js';
import { VIID_CONTENT_TYPE } from './server.js';

export interface Gat1400ClientOptions {
  /** The server's origin, e.g. `http://127.0.0.1:8080` (the client adds /VIID/...). */
  baseUrl: string;
  deviceId: string;
  password: string;
  /** Extra RegisterObject fields (DeviceName, Manufacturer, Model...). */
  registerInfo?: Record<string, unknown>;
  /** Per-request timeout; 10 s by default. */
  timeoutMs?: number;
}

/** A raw answer: HTTP status, headers and the JSON body (null when there was none or it was not JSON). */
export interface ViidResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A call the server refused: its HTTP status and the status object it sent. */
export class Gat1400ClientError extends Error {
  constructor(
    readonly status: number,
    readonly responseStatus: ResponseStatusObjectOut | null,
    readonly errorCode: string | null,
  ) {
    super(`GA/T 1400 call failed with HTTP ${status}${errorCode ? ` (${errorCode})` : ''}: ${responseStatus?.StatusString ?? ''}`);
    this.name = 'Gat1400ClientError';
  }
}

export class Gat1400Client {
  /** The Authorization header of the last Digest answer (tests replay it). */
  lastAuthorization: string | null = null;
  constructor(private readonly options: Gat1400ClientOptions) {}

  get deviceId(): string {
    return this.options.deviceId;
  }

  /** One request, as it is: no Digest, no status check. `userIdentify` false leaves the header out. */
  async send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, userIdentify = true): Promise<ViidResponse> {
    const all: Record<string, string> = { accept: 'application/VIID+JSON, application/json', ...headers };
    if (userIdentify) all['user-identify'] = this.options.deviceId;
    if (body !== undefined) all['content-type'] ??= VIID_CONTENT_TYPE;
    const res = await fetch(new URL(path, this.options.baseUrl), {
      method,
      headers: all,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, headers: res.headers, body: parsed };
  }

  /** A request behind the Digest handshake: try, answer the 401 challenge once, try again. */
  async sendWithDigest(method: string, path: string, body: unknown, userIdentify: boolean): Promise<ViidResponse> {
    const first = await this.send(method, path, body, {}, userIdentify);
    const challenge = first.headers.get('www-authenticate');
    if (first.status !== 401 || !challenge || !/^\s*digest\b/i.test(challenge)) return first;
    const uri = new URL(path, this.options.baseUrl).pathname;
    this.lastAuthorization = digestAuthorization(challenge, { username: this.options.deviceId, password: this.options.password, method, uri });
    return this.send(method, path, body, { authorization: this.lastAuthorization }, userIdentify);
  }

  /** POST /VIID/System/Register with Digest. */
  async register(): Promise<ResponseStatusObjectOut> {
    const res = await this.sendWithDigest('POST', '/VIID/System/Register', { RegisterObject: { ...this.options.registerInfo, DeviceID: this.options.deviceId } }, false);
    return single(res);
  }

  /** POST /VIID/System/Keepalive. */
  async keepalive(): Promise<ResponseStatusObjectOut> {
    return single(await this.send('POST', '/VIID/System/Keepalive', { KeepaliveObject: { DeviceID: this.options.deviceId } }));
  }

  /** POST /VIID/System/UnRegister (with Digest when the server asks for it). */
  async unregister(): Promise<ResponseStatusObjectOut> {
    return single(await this.sendWithDigest('POST', '/VIID/System/UnRegister', { UnRegisterObject: { DeviceID: this.options.deviceId } }, true));
  }

  /** GET /VIID/System/Time: the server's `SystemTimeObject`. */
  async systemTime(): Promise<Record<string, unknown>> {
    const res = await this.send('GET', '/VIID/System/Time');
    if (res.status !== 200) throw refused(res);
    return (res.body as { SystemTimeObject: Record<string, unknown> }).SystemTimeObject;
  }

  /** POST /VIID/Faces: one status per face, in order. */
  async postFaces(faces: Record<string, unknown>[]): Promise<ResponseStatusObjectOut[]> {
    return list(await this.send('POST', '/VIID/Faces', { FaceListObject: { FaceObject: faces } }));
  }

  /** POST /VIID/MotorVehicles: one status per vehicle, in order. */
  async postMotorVehicles(vehicles: Record<string, unknown>[]): Promise<ResponseStatusObjectOut[]> {
    return list(await this.send('POST', '/VIID/MotorVehicles', { MotorVehicleListObject: { MotorVehicleObject: vehicles } }));
  }

  /** POST /VIID/Persons: one status per person, in order. */
  async postPersons(persons: Record<string, unknown>[]): Promise<ResponseStatusObjectOut[]> {
    return list(await this.send('POST', '/VIID/Persons', { PersonListObject: { PersonObject: persons } }));
  }
}

function refused(res: ViidResponse): Gat1400ClientError {
  const parsed = responseStatusEnvelope.safeParse(res.body);
  return new Gat1400ClientError(res.status, parsed.success ? parsed.data.ResponseStatusObject : null, res.headers.get('x-gridgov-error'));
}

function single(res: ViidResponse): ResponseStatusObjectOut {
  const parsed = responseStatusEnvelope.safeParse(res.body);
  if (res.status !== 200 || !parsed.success || parsed.data.ResponseStatusObject.StatusCode !== 0) throw refused(res);
  return parsed.data.ResponseStatusObject;
}

function list(res: ViidResponse): ResponseStatusObjectOut[] {
  const parsed = responseStatusListEnvelope.safeParse(res.body);
  if (res.status !== 200 || !parsed.success) throw refused(res);
  return parsed.data.ResponseStatusListObject.ResponseStatusObject;
}

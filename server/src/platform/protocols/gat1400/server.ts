/**
 * The GA/T 1400 (视图库, VIID) server: the HTTP interface front-end devices and lower view
 * libraries push captures to. Mounted under /VIID with its own body parser, error answers and
 * "not found", because devices speak `application/VIID+JSON` and read `ResponseStatusObject`, not
 * the platform's error envelope.
 *
 * Register (and UnRegister) go through an HTTP Digest handshake with single-use nonces; every
 * other call names a registered device in `User-Identify`, whose session lapses when keepalives
 * stop. Batches are answered object by object, so one malformed face does not cost the good ones.
 * Storage is injected: credentials, sessions, nonces and the capture sink.
 */
import type { FastifyError, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { systemClock, type Clock } from '../../clock.js';
import { DigestServer, type CredentialStore, type DigestOutcome, type NonceStore } from './digest.js';
import { isDeviceId } from './ids.js';
import { claimedId, describeIssues, keepaliveEnvelope, LIST_KINDS, listItems, registerEnvelope, unRegisterEnvelope, type ListKind } from './schemas.js';
import type { DeviceSession, SessionStore } from './sessions.js';
import type { CaptureSink, ObjectOutcome } from './sink.js';
import { errorStatus, Gat1400Error, okStatus, type Gat1400ErrorCode, type ResponseStatus } from './status.js';
import { formatViidTime } from './time.js';

/** The media type of every GA/T 1400 body. */
export const VIID_CONTENT_TYPE = 'application/VIID+JSON;charset=UTF-8';

/** A refusal, for the per-device counters (an alarm on a device that keeps failing). */
export interface Gat1400Refusal {
  /** The device the request claimed to be (Digest username or User-Identify), when it is a well-formed device ID. */
  deviceId: string | null;
  code: Gat1400ErrorCode;
  url: string;
}

export interface Gat1400Options {
  credentials: CredentialStore;
  sessions: SessionStore;
  nonces: NonceStore;
  sink: CaptureSink;
  /** The 20-digit ID of this view library (SystemTimeObject.VIIDServerID). */
  serverId: string;
  clock?: Clock;
  /** The Digest realm; HA1 values in the credential store must be computed with it. */
  realm?: string;
  /** Life of a Digest nonce; 30 s by default. */
  nonceTtlMs?: number;
  /** A session lapses this long after Register or the last Keepalive; 180 s (three missed 60 s keepalives) by default. */
  keepaliveTimeoutMs?: number;
  /** Whether UnRegister needs the Digest handshake too (GA/T 1400.4 practice); true by default. */
  digestOnUnRegister?: boolean;
  /** Whether calls must come from the address that registered (User-Identify alone is easy to forge); true by default. */
  bindSessionToAddress?: boolean;
  /** Largest body in bytes (images travel base64 inside); 16 MiB by default. */
  bodyLimit?: number;
  /** Most objects in one batch; 1000 by default. */
  maxObjectsPerRequest?: number;
  /** Called once per refused request or refused object. */
  countRefusal?: (refusal: Gat1400Refusal) => void;
}

export const DEFAULT_REALM = 'GridGov-VIID';

const DIGEST_FAILURES: Record<Exclude<DigestOutcome, { ok: true }>['reason'], Gat1400ErrorCode> = {
  missing: 'GAT1400_AUTH_REQUIRED',
  malformed: 'GAT1400_AUTH_MALFORMED',
  'wrong-realm': 'GAT1400_AUTH_MALFORMED',
  'wrong-uri': 'GAT1400_AUTH_MALFORMED',
  'unknown-user': 'GAT1400_AUTH_FAILED',
  'wrong-response': 'GAT1400_AUTH_FAILED',
  replayed: 'GAT1400_NONCE_REPLAYED',
  expired: 'GAT1400_NONCE_EXPIRED',
};

/** An error raised inside a handler that carries the device it concerns and the challenge to send. */
class Refusal extends Gat1400Error {
  constructor(
    code: Gat1400ErrorCode,
    detail: string | undefined,
    readonly deviceId: string | null,
    readonly challenge?: string,
  ) {
    super(code, detail);
  }
}

/** What Fastify itself raises (bad media type, body too large, bad JSON) in our terms. */
function fromFastify(error: FastifyError): Gat1400Error | null {
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new Gat1400Error('GAT1400_CONTENT_TYPE', error.message);
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new Gat1400Error('GAT1400_BODY_TOO_LARGE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new Gat1400Error('GAT1400_BODY_INVALID', 'the body is empty');
    // The host app's input guard (control characters in any text) when the plugin is mounted in the platform's app.
    case 'VALIDATION_FAILED':
      return new Gat1400Error('GAT1400_BODY_INVALID', 'a text holds a control character');
    default:
      return null;
  }
}

/**
 * The plugin: register it on a Fastify 5 app (`app.register(gat1400Routes(options))`); it mounts
 * everything under /VIID.
 */
export function gat1400Routes(options: Gat1400Options): FastifyPluginAsync {
  if (!isDeviceId(options.serverId)) throw new Error(`serverId ${options.serverId} is not a 20-digit device ID`);
  const clock = options.clock ?? systemClock;
  const keepaliveMs = options.keepaliveTimeoutMs ?? 180_000;
  const bindAddress = options.bindSessionToAddress ?? true;
  const digestOnUnRegister = options.digestOnUnRegister ?? true;
  const maxObjects = options.maxObjectsPerRequest ?? 1000;
  const bodyLimit = options.bodyLimit ?? 16 * 1024 * 1024;
  const { sessions, sink } = options;
  const digest = new DigestServer({ realm: options.realm ?? DEFAULT_REALM, nonces: options.nonces, credentials: options.credentials, nonceTtlMs: options.nonceTtlMs, now: () => clock.now() });

  const claimed = (req: FastifyRequest): string | null => {
    const header = req.headers['user-identify'];
    return typeof header === 'string' && isDeviceId(header) ? header : null;
  };

  const count = (deviceId: string | null, code: Gat1400ErrorCode, url: string): void => {
    // The first leg of the Digest handshake is the protocol, not a refusal.
    if (code !== 'GAT1400_AUTH_REQUIRED') options.countRefusal?.({ deviceId, code, url });
  };

  const answer = (reply: FastifyReply, status: number, body: unknown): FastifyReply => reply.status(status).type(VIID_CONTENT_TYPE).send(body);

  /** The Digest check of Register and UnRegister; throws a Refusal carrying a fresh challenge. */
  async function authenticate(req: FastifyRequest): Promise<string> {
    const outcome = await digest.verify(req.method, req.url, req.headers.authorization);
    if (outcome.ok) return outcome.username;
    const challenge = await digest.challenge(outcome.reason === 'expired');
    const deviceId = outcome.username && isDeviceId(outcome.username) ? outcome.username : null;
    throw new Refusal(DIGEST_FAILURES[outcome.reason], undefined, deviceId, challenge);
  }

  /** The live session named by User-Identify. */
  async function requireSession(req: FastifyRequest): Promise<DeviceSession> {
    const header = req.headers['user-identify'];
    if (typeof header !== 'string' || header === '') throw new Refusal('GAT1400_NOT_REGISTERED', 'no User-Identify header', null);
    if (!isDeviceId(header)) throw new Refusal('GAT1400_NOT_REGISTERED', 'User-Identify is not a 20-digit device ID', null);
    const session = await sessions.get(header);
    const now = clock.now();
    if (!session) throw new Refusal('GAT1400_NOT_REGISTERED', 'the device is not registered', header);
    if (session.expiresAt <= now) {
      await sessions.remove(header);
      throw new Refusal('GAT1400_NOT_REGISTERED', 'the session lapsed: no keepalive in time', header);
    }
    if (bindAddress && session.address !== req.ip) throw new Refusal('GAT1400_NOT_REGISTERED', 'the device registered from another address', header);
    return session;
  }

  /** The DeviceID a device-naming envelope carries, checked against the caller. */
  function bodyDevice(req: FastifyRequest, envelope: typeof registerEnvelope | typeof keepaliveEnvelope | typeof unRegisterEnvelope, key: string, caller: string): Record<string, unknown> {
    const parsed = envelope.safeParse(req.body);
    if (!parsed.success) throw new Refusal('GAT1400_BODY_INVALID', `expected {"${key}":{"DeviceID":"<20 digits>"}}: ${describeIssues(parsed.error)}`, caller);
    const object = (parsed.data as Record<string, Record<string, unknown>>)[key]!;
    if (object.DeviceID !== caller) throw new Refusal('GAT1400_DEVICE_MISMATCH', `${key}.DeviceID ${String(object.DeviceID)} is not ${caller}`, caller);
    return object;
  }

  /** One batch: each object validated on its own, the valid ones handed to the sink, one status each. */
  async function batch(req: FastifyRequest, reply: FastifyReply, kind: ListKind, deliver: (deviceId: string, objects: never[]) => Promise<ObjectOutcome[]>): Promise<FastifyReply> {
    const session = await requireSession(req);
    const spec = LIST_KINDS[kind];
    const items = listItems(kind, req.body);
    if (!items) throw new Refusal('GAT1400_BODY_INVALID', `expected {"${spec.listKeys[0]}":{"${spec.objectKey}":[...]}}`, session.deviceId);
    if (items.length > maxObjects) throw new Refusal('GAT1400_BODY_INVALID', `${items.length} objects; send at most ${maxObjects} per request`, session.deviceId);
    const now = clock.now();
    const url = req.url;
    const statuses: ResponseStatus[] = new Array(items.length);
    const valid: { index: number; object: unknown }[] = [];
    items.forEach((item, index) => {
      const parsed = spec.schema.safeParse(item);
      if (parsed.success) valid.push({ index, object: parsed.data });
      else {
        statuses[index] = errorStatus(url, claimedId(kind, item), now, 'GAT1400_OBJECT_INVALID', describeIssues(parsed.error));
        count(session.deviceId, 'GAT1400_OBJECT_INVALID', url);
      }
    });
    const outcomes = valid.length ? await deliver(session.deviceId, valid.map((v) => v.object) as never[]) : [];
    valid.forEach(({ index, object }, i) => {
      const outcome = outcomes[i] ?? { accepted: false, reason: 'no answer from the platform' };
      const id = claimedId(kind, object);
      if (outcome.accepted) statuses[index] = okStatus(url, id, now);
      else {
        statuses[index] = errorStatus(url, id, now, 'GAT1400_OBJECT_REFUSED', outcome.reason);
        count(session.deviceId, 'GAT1400_OBJECT_REFUSED', url);
      }
    });
    return answer(reply, 200, { ResponseStatusListObject: { ResponseStatusObject: statuses } });
  }

  const routes: FastifyPluginAsync = async (app) => {
    app.removeAllContentTypeParsers();
    // application/VIID+JSON as the standard says; plain application/json too, which many devices send.
    app.addContentTypeParser(['application/viid+json', 'application/json'], { parseAs: 'string', bodyLimit }, (req, body, done) => {
      const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(req.headers['content-type'] ?? '')?.[1];
      if (charset && !/^utf-?8$/i.test(charset)) return done(new Gat1400Error('GAT1400_CONTENT_TYPE', `charset ${charset}: only UTF-8 is read`), undefined);
      const text = String(body);
      if (text.trim() === '') return done(null, undefined);
      try {
        done(null, JSON.parse(text));
      } catch (e) {
        done(new Gat1400Error('GAT1400_JSON_INVALID', (e as Error).message), undefined);
      }
    });

    app.setErrorHandler(async (error: FastifyError | Gat1400Error, req, reply) => {
      const known = error instanceof Gat1400Error ? error : fromFastify(error as FastifyError);
      const e = known ?? new Gat1400Error('GAT1400_INTERNAL');
      if (!known) req.log.error({ err: error }, 'GA/T 1400 request failed');
      const deviceId = error instanceof Refusal ? error.deviceId : claimed(req);
      count(deviceId, e.code, req.url);
      if (error instanceof Refusal && error.challenge) void reply.header('www-authenticate', error.challenge);
      void reply.header('x-gridgov-error', e.code);
      return answer(reply, e.status, { ResponseStatusObject: errorStatus(req.url, deviceId ?? '', clock.now(), e.code, e.detail) });
    });

    app.setNotFoundHandler(async (req, reply) => {
      const deviceId = claimed(req);
      count(deviceId, 'GAT1400_NOT_FOUND', req.url);
      void reply.header('x-gridgov-error', 'GAT1400_NOT_FOUND');
      return answer(reply, 404, { ResponseStatusObject: errorStatus(req.url, deviceId ?? '', clock.now(), 'GAT1400_NOT_FOUND', `${req.method} ${req.url.split('?')[0]}`) });
    });

    app.post('/System/Register', async (req, reply) => {
      const deviceId = await authenticate(req);
      const object = bodyDevice(req, registerEnvelope, 'RegisterObject', deviceId);
      const now = clock.now();
      const { DeviceID: _id, ...info } = object;
      await sessions.save({ deviceId, address: req.ip, registeredAt: now, lastKeepaliveAt: now, expiresAt: new Date(now.getTime() + keepaliveMs), info });
      return answer(reply, 200, { ResponseStatusObject: okStatus(req.url, deviceId, now) });
    });

    app.post('/System/Keepalive', async (req, reply) => {
      const session = await requireSession(req);
      bodyDevice(req, keepaliveEnvelope, 'KeepaliveObject', session.deviceId);
      const now = clock.now();
      await sessions.save({ ...session, lastKeepaliveAt: now, expiresAt: new Date(now.getTime() + keepaliveMs) });
      return answer(reply, 200, { ResponseStatusObject: okStatus(req.url, session.deviceId, now) });
    });

    app.post('/System/UnRegister', async (req, reply) => {
      const session = await requireSession(req);
      if (digestOnUnRegister) {
        const deviceId = await authenticate(req);
        if (deviceId !== session.deviceId) throw new Refusal('GAT1400_DEVICE_MISMATCH', `Digest user ${deviceId} is not User-Identify ${session.deviceId}`, session.deviceId);
      }
      bodyDevice(req, unRegisterEnvelope, 'UnRegisterObject', session.deviceId);
      await sessions.remove(session.deviceId);
      return answer(reply, 200, { ResponseStatusObject: okStatus(req.url, session.deviceId, clock.now()) });
    });

    app.get('/System/Time', async (req, reply) => {
      await requireSession(req);
      // TimeMode is left out: its code table was not found (STANDARDS.md §6).
      return answer(reply, 200, { SystemTimeObject: { VIIDServerID: options.serverId, LocalTime: formatViidTime(clock.now()), TimeZone: 'Asia/Shanghai' } });
    });

    app.post('/Faces', (req, reply) => batch(req, reply, 'faces', (d, o) => sink.faces(d, o)));
    app.post('/Persons', (req, reply) => batch(req, reply, 'persons', (d, o) => sink.persons(d, o)));
    app.post('/MotorVehicles', (req, reply) => batch(req, reply, 'motorVehicles', (d, o) => sink.motorVehicles(d, o)));
    app.post('/APEs', (req, reply) => batch(req, reply, 'apes', (d, o) => sink.apes(d, o, 'create')));
    app.put('/APEs', (req, reply) => batch(req, reply, 'apes', (d, o) => sink.apes(d, o, 'update')));
    app.get('/APEs', async (req, reply) => {
      const session = await requireSession(req);
      return answer(reply, 200, { APEListObject: { APEObject: await sink.listApes(session.deviceId) } });
    });
    app.post('/Subscribes', (req, reply) => batch(req, reply, 'subscribes', (d, o) => sink.subscribes(d, o)));
    app.get('/Subscribes', async (req, reply) => {
      const session = await requireSession(req);
      return answer(reply, 200, { SubscribeListObject: { SubscribeObject: await sink.listSubscribes(session.deviceId) } });
    });
    app.post('/SubscribeNotifications', (req, reply) => batch(req, reply, 'subscribeNotifications', (d, o) => sink.subscribeNotifications(d, o)));
  };

  return async (app) => {
    await app.register(routes, { prefix: '/VIID' });
  };
}

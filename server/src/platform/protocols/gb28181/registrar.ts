/**
 * The GB/T 28181 registrar: what the platform does when cameras, NVRs and lower platforms talk
 * to it. REGISTER with Digest (a single-use nonce; a wrong answer gets 403 and no new challenge,
 * §L.2), Expires honoured (0 unregisters), Keepalive MESSAGEs keeping a device online, a sweep
 * that marks it offline after the configured number of missed intervals, and the Catalog: queried
 * after each new registration, collected over as many MESSAGEs as SumNum needs, and taken as
 * pushed by NOTIFY/MESSAGE.
 *
 * Why injected interfaces: the registrar holds no tables. The device-registry module implements
 * {@link DeviceRegistrySink} and {@link CredentialStore} against the database; tests use memory.
 * Sink calls are delivered one at a time in order, so a device is registered before it is online
 * and online before its catalog arrives.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '../../clock.js';
import { timeZone } from '../../time-zone.js';
import { digestResponse } from './digest.js';
import {
  ManscdpError,
  MANSCDP_CONTENT_TYPE,
  buildCatalogQuery,
  decodeManscdpBody,
  isDeviceId,
  parseManscdp,
  type BodyEncoding,
  type CatalogItem,
} from './manscdp.js';
import {
  buildResponse,
  getHeader,
  parseDigestParams,
  parseNameAddr,
  type SipHeader,
  type SipLimits,
  type SipRequest,
  type SipTransportName,
} from './sip-message.js';
import { SipTransport, newBranch, newToken, type IncomingRequest, type SipPeer } from './transport.js';

/** Where a registered device can be reached: its Contact, and the address its REGISTER came from. */
export interface DeviceContact {
  uri: string;
  address: string;
  port: number;
  transport: SipTransportName;
  expiresAt: Date;
}

/** Why a device went offline. */
export type OfflineReason = 'unregistered' | 'keepalive_timeout' | 'registration_expired';

/** What the registrar tells the platform. Implemented by the device-registry module. */
export interface DeviceRegistrySink {
  /** A device registered or refreshed its registration (contact may have changed). */
  registered(deviceId: string, contact: DeviceContact, transport: SipTransportName): void | Promise<void>;
  online(deviceId: string, at: Date): void | Promise<void>;
  offline(deviceId: string, at: Date, reason: OfflineReason): void | Promise<void>;
  /**
   * A catalog from a device: the whole answer to our query (`complete` false when some pages never
   * came before the timeout), or one push (`push`, items carry `event`).
   */
  catalog(deviceId: string, items: CatalogItem[], info: { sn: number; sumNum: number; complete: boolean; push: boolean }): void | Promise<void>;
}

/** The SIP password of a device; undefined/null for a device the platform does not know. */
export interface CredentialStore {
  passwordFor(deviceId: string): string | null | undefined | Promise<string | null | undefined>;
}

/** Why the registrar refused something; counted per source by the platform (abuse, misconfigured devices). */
export type RegistrarRefusal = 'bad_digest' | 'unknown_device' | 'malformed' | 'not_registered' | 'too_large' | 'too_many_connections';

/** Registrar configuration. Defaults follow STANDARDS.md §1.5. */
export interface RegistrarOptions {
  /** The platform's 20-digit ID (type 200). */
  serverId: string;
  /** The Digest realm / SIP domain; by convention the first 10 digits of the server ID. */
  realm?: string;
  host: string;
  udpPort?: number;
  tcpPort?: number;
  transports?: SipTransportName[];
  sink: DeviceRegistrySink;
  credentials: CredentialStore;
  onRefusal?: (source: SipPeer, reason: RegistrarRefusal) => void;
  /** A sink call that failed; the registrar carries on. */
  onSinkError?: (err: unknown) => void;
  clock?: Clock;
  keepaliveIntervalMs?: number;
  missedKeepalives?: number;
  expires?: { min: number; max: number; default: number };
  nonceTtlMs?: number;
  maxNonces?: number;
  catalogTimeoutMs?: number;
  maxCatalogItems?: number;
  /** How often the sweep runs on a real timer; 0 runs none (tests call {@link Registrar.sweep}). */
  sweepEveryMs?: number;
  limits?: SipLimits;
  transactionTimeoutMs?: number;
}

interface Registration {
  deviceId: string;
  contact: DeviceContact;
  source: SipPeer;
  lastSeen: number;
  online: boolean;
  encoding: BodyEncoding;
}

interface PendingCatalog {
  deviceId: string;
  sn: number;
  sumNum: number | null;
  items: Map<string, CatalogItem>;
  startedAt: number;
}

/** The GB/T 28181 Date header: local wall-clock time with milliseconds, which devices use to set their clocks. */
export function gbDate(at: Date): string {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: timeZone(), year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  return `${f.format(at).replace(' ', 'T')}.${String(at.getMilliseconds()).padStart(3, '0')}`;
}

/** The platform side of GB/T 28181 signalling for device registration, liveness and catalog. */
export class Registrar {
  readonly transport: SipTransport;
  private readonly clock: Clock;
  private readonly realm: string;
  private readonly registrations = new Map<string, Registration>();
  private readonly nonces = new Map<string, { deviceId: string; issuedAt: number }>();
  private readonly catalogs = new Map<string, PendingCatalog>();
  private sinkQueue: Promise<void> = Promise.resolve();
  private sweeper: NodeJS.Timeout | null = null;
  private sn = Math.floor(Math.random() * 1000) + 1;
  private cseq = 1;
  private readonly expires: { min: number; max: number; default: number };

  constructor(private readonly options: RegistrarOptions) {
    if (!isDeviceId(options.serverId)) throw new Error('serverId must be a 20-digit GB/T 28181 ID');
    this.clock = options.clock ?? systemClock;
    this.realm = options.realm ?? options.serverId.slice(0, 10);
    this.expires = options.expires ?? { min: 60, max: 86_400, default: 3600 };
    this.transport = new SipTransport({
      host: options.host,
      udpPort: options.udpPort,
      tcpPort: options.tcpPort,
      transports: options.transports,
      limits: options.limits,
      transactionTimeoutMs: options.transactionTimeoutMs,
      onRequest: (incoming) => void this.handle(incoming).catch(() => incoming.respond(buildResponse(incoming.request, 500, [], undefined, newToken()))),
      onRefused: (source, reason) => this.refuse(source, reason),
    });
  }

  /** Listens on the configured transports and starts the sweep timer. */
  async start(): Promise<void> {
    await this.transport.start();
    const every = this.options.sweepEveryMs ?? 5000;
    if (every > 0) {
      this.sweeper = setInterval(() => this.sweep(), every);
      this.sweeper.unref();
    }
  }

  /** Stops listening; registrations are forgotten (the registry keeps the durable state). */
  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    await this.transport.close();
    await this.sinkQueue;
  }

  /** Resolves once every sink call made so far has run (tests, shutdown). */
  settled(): Promise<void> {
    return this.sinkQueue;
  }

  /** The devices currently registered, for the platform's status page. */
  devices(): Array<{ deviceId: string; online: boolean; contact: DeviceContact; lastSeen: Date }> {
    return [...this.registrations.values()].map((r) => ({ deviceId: r.deviceId, online: r.online, contact: r.contact, lastSeen: new Date(r.lastSeen) }));
  }

  /**
   * Marks offline the devices that missed too many keepalives, drops expired registrations,
   * delivers catalogs whose pages stopped coming, and forgets stale nonces. Runs on a timer;
   * tests call it after moving their clock.
   */
  sweep(): void {
    const now = this.clock.now().getTime();
    const limit = (this.options.keepaliveIntervalMs ?? 60_000) * (this.options.missedKeepalives ?? 3);
    for (const reg of [...this.registrations.values()]) {
      if (now >= reg.contact.expiresAt.getTime()) {
        this.registrations.delete(reg.deviceId);
        if (reg.online) this.emit((s) => s.offline(reg.deviceId, new Date(now), 'registration_expired'));
      } else if (reg.online && now - reg.lastSeen > limit) {
        reg.online = false;
        this.emit((s) => s.offline(reg.deviceId, new Date(now), 'keepalive_timeout'));
      }
    }
    const catalogTimeout = this.options.catalogTimeoutMs ?? 60_000;
    for (const [key, pending] of this.catalogs) {
      if (now - pending.startedAt > catalogTimeout) {
        this.catalogs.delete(key);
        // A query nobody answered is not an empty catalog: only pages that came are delivered.
        if (pending.sumNum !== null) this.deliverCatalog(pending, false);
      }
    }
    const nonceTtl = this.options.nonceTtlMs ?? 300_000;
    for (const [nonce, n] of this.nonces) if (now - n.issuedAt > nonceTtl) this.nonces.delete(nonce);
  }

  /** Sends a Catalog query to a registered device; the answer reaches the sink as it arrives. */
  async queryCatalog(deviceId: string): Promise<number> {
    const reg = this.registrations.get(deviceId);
    if (!reg) throw new Error(`device ${deviceId} is not registered`);
    const sn = this.sn++;
    this.catalogs.set(`${deviceId}|${sn}`, { deviceId, sn, sumNum: null, items: new Map(), startedAt: this.clock.now().getTime() });
    const body = buildCatalogQuery({ sn, deviceId, encoding: reg.encoding });
    const req: SipRequest = {
      kind: 'request',
      method: 'MESSAGE',
      uri: reg.contact.uri.startsWith('sip:') ? reg.contact.uri : `sip:${deviceId}@${reg.source.address}:${reg.source.port}`,
      headers: [
        { name: 'Via', value: this.transport.via(reg.source.transport, newBranch()) },
        { name: 'From', value: `<sip:${this.options.serverId}@${this.realm}>;tag=${newToken()}` },
        { name: 'To', value: `<sip:${deviceId}@${this.realm}>` },
        { name: 'Call-ID', value: `${newToken(12)}@${this.transport.host}` },
        { name: 'CSeq', value: `${this.cseq++} MESSAGE` },
        { name: 'Max-Forwards', value: '70' },
        { name: 'Content-Type', value: MANSCDP_CONTENT_TYPE },
        { name: 'User-Agent', value: 'GridGov' },
      ],
      body,
    };
    // Sent to where the REGISTER came from (the device may be behind NAT), not to its Contact.
    await this.transport.request(req, reg.source);
    return sn;
  }

  private refuse(source: SipPeer, reason: RegistrarRefusal): void {
    this.options.onRefusal?.(source, reason);
  }

  private emit(call: (sink: DeviceRegistrySink) => void | Promise<void>): void {
    this.sinkQueue = this.sinkQueue.then(() => call(this.options.sink)).catch((err: unknown) => this.options.onSinkError?.(err));
  }

  private async handle({ request, source, respond }: IncomingRequest): Promise<void> {
    const toTag = newToken();
    const answer = (status: number, extra: SipHeader[] = []) => respond(buildResponse(request, status, extra, undefined, toTag));
    switch (request.method) {
      case 'ACK':
        return;
      case 'REGISTER':
        return this.register(request, source, answer);
      case 'MESSAGE':
      case 'NOTIFY':
        return this.message(request, source, answer);
      case 'OPTIONS':
        return answer(200, [{ name: 'Allow', value: 'REGISTER, MESSAGE, NOTIFY, OPTIONS, ACK' }]);
      default:
        return answer(405, [{ name: 'Allow', value: 'REGISTER, MESSAGE, NOTIFY, OPTIONS, ACK' }]);
    }
  }

  private challenge(deviceId: string, stale: boolean): SipHeader {
    const nonce = randomBytes(16).toString('hex');
    const max = this.options.maxNonces ?? 10_000;
    // A flood of unauthenticated REGISTERs evicts the oldest nonces rather than growing memory.
    while (this.nonces.size >= max) this.nonces.delete(this.nonces.keys().next().value!);
    this.nonces.set(nonce, { deviceId, issuedAt: this.clock.now().getTime() });
    return { name: 'WWW-Authenticate', value: `Digest realm="${this.realm}", nonce="${nonce}", algorithm=MD5, qop="auth"${stale ? ', stale=true' : ''}` };
  }

  private async register(req: SipRequest, source: SipPeer, answer: (status: number, extra?: SipHeader[]) => void): Promise<void> {
    const from = parseNameAddr(getHeader(req, 'From') ?? '');
    const deviceId = from?.user;
    if (!deviceId || !isDeviceId(deviceId)) {
      this.refuse(source, 'malformed');
      return answer(400);
    }
    const password = await this.options.credentials.passwordFor(deviceId);
    if (password === undefined || password === null) {
      this.refuse(source, 'unknown_device');
      return answer(403);
    }
    const auth = getHeader(req, 'Authorization');
    if (!auth) return answer(401, [this.challenge(deviceId, false)]);
    const p = parseDigestParams(auth);
    const given = p?.get('response') ?? '';
    const algorithm = p?.get('algorithm');
    if (!p || p.get('username') !== deviceId || p.get('realm') !== this.realm || !p.get('nonce') || !p.get('uri') || !/^[0-9a-f]{32}$/i.test(given) || (algorithm && algorithm.toUpperCase() !== 'MD5')) {
      this.refuse(source, 'bad_digest');
      return answer(403);
    }
    const nonce = p.get('nonce')!;
    const qop = p.get('qop');
    const expected = digestResponse({ username: deviceId, realm: this.realm, password, method: 'REGISTER', uri: p.get('uri')!, nonce, qop, nc: p.get('nc'), cnonce: p.get('cnonce') });
    if (!timingSafeEqual(Buffer.from(expected, 'hex'), Buffer.from(given.toLowerCase(), 'hex'))) {
      this.nonces.delete(nonce);
      this.refuse(source, 'bad_digest');
      return answer(403);
    }
    const issued = this.nonces.get(nonce);
    const now = this.clock.now().getTime();
    if (!issued || issued.deviceId !== deviceId || now - issued.issuedAt > (this.options.nonceTtlMs ?? 300_000)) {
      // The password was right but the nonce is spent or unknown (a re-REGISTER reusing the last
      // one, or a replay): a fresh challenge marked stale, never a 200.
      return answer(401, [this.challenge(deviceId, true)]);
    }
    this.nonces.delete(nonce);

    const contactValue = getHeader(req, 'Contact');
    const contact = contactValue ? parseNameAddr(contactValue) : null;
    const expiresText = contact?.params.get('expires') ?? getHeader(req, 'Expires');
    let expires = this.expires.default;
    if (expiresText !== undefined && expiresText !== null) {
      if (!/^\d{1,10}$/.test(expiresText)) {
        this.refuse(source, 'malformed');
        return answer(400);
      }
      expires = Number(expiresText);
    }
    const at = new Date(now);
    if (expires === 0 || contactValue?.trim() === '*') {
      const reg = this.registrations.get(deviceId);
      this.registrations.delete(deviceId);
      if (reg?.online) this.emit((s) => s.offline(deviceId, at, 'unregistered'));
      return answer(200, [{ name: 'Expires', value: '0' }, { name: 'Date', value: gbDate(at) }]);
    }
    if (expires < this.expires.min) return answer(423, [{ name: 'Min-Expires', value: String(this.expires.min) }]);
    expires = Math.min(expires, this.expires.max);
    const previous = this.registrations.get(deviceId);
    const reg: Registration = {
      deviceId,
      source,
      contact: { uri: contact?.uri ?? `sip:${deviceId}@${source.address}:${source.port}`, address: source.address, port: source.port, transport: source.transport, expiresAt: new Date(now + expires * 1000) },
      lastSeen: now,
      online: true,
      encoding: previous?.encoding ?? 'GB2312',
    };
    this.registrations.set(deviceId, reg);
    answer(200, [
      { name: 'Contact', value: `<${reg.contact.uri}>;expires=${expires}` },
      { name: 'Expires', value: String(expires) },
      { name: 'Date', value: gbDate(at) },
    ]);
    this.emit((s) => s.registered(deviceId, reg.contact, source.transport));
    if (!previous?.online) {
      this.emit((s) => s.online(deviceId, at));
      // A new registration (not a refresh): ask for its channels.
      this.queryCatalog(deviceId).catch(() => undefined);
    }
  }

  private message(req: SipRequest, source: SipPeer, answer: (status: number, extra?: SipHeader[]) => void): void {
    const deviceId = parseNameAddr(getHeader(req, 'From') ?? '')?.user;
    const type = getHeader(req, 'Content-Type');
    if (type && !/manscdp\+xml/i.test(type)) return answer(415);
    if (!deviceId || !isDeviceId(deviceId)) {
      this.refuse(source, 'malformed');
      return answer(400);
    }
    const reg = this.registrations.get(deviceId);
    // A device speaks from the address it registered from; anything else is not that device.
    if (!reg || reg.source.address !== source.address) {
      this.refuse(source, 'not_registered');
      return answer(403);
    }
    let body;
    try {
      body = parseManscdp(req.body);
      reg.encoding = decodeManscdpBody(req.body).encoding;
    } catch (err) {
      if (!(err instanceof ManscdpError)) throw err;
      this.refuse(source, 'malformed');
      return answer(400);
    }
    answer(200);
    const now = this.clock.now().getTime();
    reg.lastSeen = now;
    if (!reg.online) {
      reg.online = true;
      this.emit((s) => s.online(deviceId, new Date(now)));
    }
    if (body.cmdType !== 'Catalog' || body.root === 'Query') return;
    if (body.root === 'Notify') {
      const items = body.items;
      this.emit((s) => s.catalog(deviceId, items, { sn: body.sn, sumNum: body.sumNum, complete: true, push: true }));
      return;
    }
    const key = `${deviceId}|${body.sn}`;
    let pending = this.catalogs.get(key);
    if (!pending) {
      // A response we did not ask for (or asked before a restart): collect it all the same, but
      // only a few at a time per device, so made-up SNs cannot grow memory until the sweep.
      if ([...this.catalogs.values()].filter((c) => c.deviceId === deviceId).length >= 8) return;
      pending = { deviceId, sn: body.sn, sumNum: null, items: new Map(), startedAt: now };
      this.catalogs.set(key, pending);
    }
    pending.sumNum = body.sumNum;
    const max = this.options.maxCatalogItems ?? 10_000;
    for (const item of body.items) if (pending.items.size < max || pending.items.has(item.deviceId)) pending.items.set(item.deviceId, item);
    if (pending.items.size >= Math.min(body.sumNum, max)) {
      this.catalogs.delete(key);
      this.deliverCatalog(pending, true);
    }
  }

  private deliverCatalog(pending: PendingCatalog, complete: boolean): void {
    const items = [...pending.items.values()];
    this.emit((s) => s.catalog(pending.deviceId, items, { sn: pending.sn, sumNum: pending.sumNum ?? items.length, complete, push: false }));
  }
}

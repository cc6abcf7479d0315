/**
 * A small GB/T 28181 device: registers with Digest, sends Keepalive MESSAGEs, and answers a
 * Catalog query with its configured channels (split over pages with one SumNum, as NVRs do).
 *
 * Why: the registrar's tests need a real SIP peer over real sockets, and the coming
 * `npm run devices:simulate` drives many simulated cameras with it. The server never uses it: it
 * plays the device side only (no media, no SUBSCRIBE, no re-register timer beyond what the
 * caller drives).
 */
import { randomBytes } from 'node:crypto';
import { MANSCDP_CONTENT_TYPE, buildCatalogResponse, buildKeepalive, parseManscdp, ManscdpError, type BodyEncoding, type CatalogChannel } from './manscdp.js';
import { digestHa1, digestResponse, parseDigestHeader } from '../digest.js';
import { buildResponse, getHeader, type SipHeader, type SipRequest, type SipResponse, type SipTransportName } from './sip-message.js';
import { SipTransport, newBranch, newToken, type IncomingRequest, type SipPeer } from './transport.js';

/** Configuration of a simulated device. */
export interface DeviceClientOptions {
  deviceId: string;
  password: string;
  /** The platform: its address, SIP port, 20-digit ID and domain (realm). */
  server: { host: string; port: number; id: string; domain?: string };
  transport: SipTransportName;
  localHost?: string;
  channels?: CatalogChannel[];
  /** Channels per Catalog response MESSAGE. */
  catalogPageSize?: number;
  encoding?: BodyEncoding;
  transactionTimeoutMs?: number;
}

/** A simulated GB/T 28181 device over UDP or TCP. */
export class SipDeviceClient {
  private readonly transport: SipTransport;
  private readonly server: SipPeer;
  private readonly domain: string;
  private readonly callId = `${newToken(12)}@gridgov-sim`;
  private readonly fromTag = newToken();
  private cseq = 1;
  private sn = 1;
  private keepaliveTimer: NodeJS.Timeout | null = null;
  /** REGISTER requests sent, challenges received and Catalog queries answered: what tests assert on. */
  readonly stats = { registers: 0, challenges: 0, catalogQueries: 0 };

  constructor(private readonly options: DeviceClientOptions) {
    this.domain = options.server.domain ?? options.server.id.slice(0, 10);
    this.server = { transport: options.transport, address: options.server.host, port: options.server.port };
    this.transport = new SipTransport({
      host: options.localHost ?? '127.0.0.1',
      udpPort: 0,
      tcpPort: 0,
      transports: [options.transport],
      transactionTimeoutMs: options.transactionTimeoutMs ?? 8000,
      onRequest: (incoming) => this.onRequest(incoming),
    });
  }

  /** Binds the local socket. */
  start(): Promise<void> {
    return this.transport.start();
  }

  /** Stops keepalives and closes the sockets. */
  async close(): Promise<void> {
    this.stopKeepalives();
    await this.transport.close();
  }

  private get localPort(): number {
    return this.options.transport === 'udp' ? this.transport.udpPort : this.transport.tcpPort;
  }

  private baseHeaders(method: string): SipHeader[] {
    return [
      { name: 'Via', value: this.transport.via(this.options.transport, newBranch()) },
      { name: 'Max-Forwards', value: '70' },
      { name: 'From', value: `<sip:${this.options.deviceId}@${this.domain}>;tag=${this.fromTag}` },
      { name: 'To', value: method === 'REGISTER' ? `<sip:${this.options.deviceId}@${this.domain}>` : `<sip:${this.options.server.id}@${this.domain}>` },
      { name: 'Call-ID', value: method === 'REGISTER' ? this.callId : `${newToken(12)}@gridgov-sim` },
      { name: 'CSeq', value: `${this.cseq++} ${method}` },
    ];
  }

  /**
   * Registers (or unregisters with 0) and returns the final response. Answers one 401 with Digest,
   * and one more only when the server says the nonce was stale; a 403 is final.
   */
  async register(expires = 3600): Promise<SipResponse> {
    const uri = `sip:${this.options.server.id}@${this.domain}`;
    let authorization: string | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers = this.baseHeaders('REGISTER');
      headers.push(
        { name: 'Contact', value: `<sip:${this.options.deviceId}@${this.transport.host}:${this.localPort}>` },
        { name: 'Expires', value: String(expires) },
        { name: 'User-Agent', value: 'GridGov device simulator' },
      );
      if (authorization) headers.push({ name: 'Authorization', value: authorization });
      this.stats.registers++;
      const res = await this.transport.request({ kind: 'request', method: 'REGISTER', uri, headers, body: Buffer.alloc(0) }, this.server);
      if (res.status !== 401) return res;
      this.stats.challenges++;
      const challenge = parseDigestHeader(getHeader(res, 'WWW-Authenticate'));
      if (!challenge || (authorization && challenge.stale?.toLowerCase() !== 'true')) return res;
      authorization = this.authorize(challenge, uri);
    }
    throw new Error('the server kept challenging');
  }

  private authorize(challenge: Record<string, string>, uri: string): string {
    const realm = challenge.realm ?? this.domain;
    const nonce = challenge.nonce ?? '';
    const qop = challenge.qop?.split(',').map((q) => q.trim()).includes('auth') ? 'auth' : undefined;
    const cnonce = randomBytes(8).toString('hex');
    const nc = '00000001';
    const response = digestResponse({ ha1: digestHa1(this.options.deviceId, realm, this.options.password), method: 'REGISTER', uri, nonce, qop, nc, cnonce });
    const parts = [`username="${this.options.deviceId}"`, `realm="${realm}"`, `nonce="${nonce}"`, `uri="${uri}"`, `response="${response}"`, 'algorithm=MD5'];
    if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
    return `Digest ${parts.join(', ')}`;
  }

  /** Unregisters (Expires: 0). */
  unregister(): Promise<SipResponse> {
    return this.register(0);
  }

  /** Sends one Keepalive notification and returns the platform's answer. */
  keepalive(): Promise<SipResponse> {
    return this.sendManscdp(buildKeepalive({ sn: this.sn++, deviceId: this.options.deviceId, encoding: this.options.encoding }));
  }

  /** Sends a Keepalive every interval until {@link stopKeepalives} or {@link close}. */
  startKeepalives(intervalMs: number): void {
    this.stopKeepalives();
    this.keepaliveTimer = setInterval(() => void this.keepalive().catch(() => undefined), intervalMs);
  }

  /** Stops the keepalive timer (a device that went silent). */
  stopKeepalives(): void {
    if (this.keepaliveTimer) clearInterval(this.keepaliveTimer);
    this.keepaliveTimer = null;
  }

  /** Sends a MANSCDP body in a MESSAGE (or NOTIFY for pushes) to the platform. */
  sendManscdp(body: Buffer, method: 'MESSAGE' | 'NOTIFY' = 'MESSAGE'): Promise<SipResponse> {
    const headers = this.baseHeaders(method);
    headers.push({ name: 'Content-Type', value: MANSCDP_CONTENT_TYPE });
    if (method === 'NOTIFY') headers.push({ name: 'Event', value: 'Catalog' }, { name: 'Subscription-State', value: 'active' });
    const req: SipRequest = { kind: 'request', method, uri: `sip:${this.options.server.id}@${this.domain}`, headers, body };
    return this.transport.request(req, this.server);
  }

  private onRequest({ request, respond }: IncomingRequest): void {
    if (request.method === 'ACK') return;
    if (request.method !== 'MESSAGE') {
      respond(buildResponse(request, 405, [], undefined, newToken()));
      return;
    }
    let body;
    try {
      body = parseManscdp(request.body);
    } catch (err) {
      if (!(err instanceof ManscdpError)) throw err;
      respond(buildResponse(request, 400, [], undefined, newToken()));
      return;
    }
    respond(buildResponse(request, 200, [], undefined, newToken()));
    if (body.cmdType === 'Catalog' && body.root === 'Query') {
      this.stats.catalogQueries++;
      void this.sendCatalog(body.sn).catch(() => undefined);
    }
  }

  private async sendCatalog(sn: number): Promise<void> {
    const channels = this.options.channels ?? [];
    const size = Math.max(1, this.options.catalogPageSize ?? 2);
    const pages = channels.length === 0 ? [[]] : Array.from({ length: Math.ceil(channels.length / size) }, (_, i) => channels.slice(i * size, (i + 1) * size));
    for (const page of pages) {
      await this.sendManscdp(buildCatalogResponse({ sn, deviceId: this.options.deviceId, sumNum: channels.length, channels: page, encoding: this.options.encoding }));
    }
  }
}

/**
 * SIP over UDP and TCP (RFC 3261 §18, RFC 3581 rport) for the GB/T 28181 registrar and the device
 * client: one endpoint that listens on both, frames TCP by Content-Length, routes responses by the
 * top Via (received/rport, or the connection the request came on), answers retransmitted requests
 * from a short cache, and runs client transactions (requests we send, retransmitted over UDP until
 * a final response or a timeout).
 *
 * Why here and not a library: the rest of the protocol layer only needs `onRequest` and
 * `request()`; keeping the transport this small keeps every byte a device can send us bounded.
 */
import dgram from 'node:dgram';
import net from 'node:net';
import { randomBytes } from 'node:crypto';
import {
  DEFAULT_SIP_LIMITS,
  SipParseError,
  buildResponse,
  canAnswer,
  findHeaderEnd,
  formatVia,
  getHeader,
  getHeaderValues,
  parseCSeq,
  parseSipMessage,
  parseVia,
  serializeSipMessage,
  type SipHeader,
  type SipLimits,
  type SipRequest,
  type SipResponse,
  type SipTransportName,
} from './sip-message.js';

/** Where a message came from, or where one goes: transport, address and port. */
export interface SipPeer {
  transport: SipTransportName;
  address: string;
  port: number;
}

/** Why the transport dropped or refused something a peer sent; counted per source by the caller. */
export type SipRefusal = 'malformed' | 'too_large' | 'too_many_connections';

/** What a request handler gets: the sender, and a way to answer that routes by Via. */
export interface IncomingRequest {
  request: SipRequest;
  source: SipPeer;
  respond(response: SipResponse): void;
}

/** Configuration of a SIP endpoint. Port 0 picks a free port (tests). */
export interface SipTransportOptions {
  host: string;
  udpPort?: number;
  tcpPort?: number;
  transports?: SipTransportName[];
  limits?: SipLimits;
  maxTcpConnections?: number;
  /** A TCP connection with nothing received for this long is closed. */
  tcpIdleMs?: number;
  /** The kernel receive buffer of the UDP socket: room for bursts (many devices re-registering at once). */
  udpReceiveBufferBytes?: number;
  /** Timer F of RFC 3261: how long a request we send waits for its final response. */
  transactionTimeoutMs?: number;
  onRequest: (incoming: IncomingRequest) => void;
  onRefused?: (source: SipPeer, reason: SipRefusal, detail: string) => void;
}

interface ClientTransaction {
  method: string;
  resolve: (res: SipResponse) => void;
  reject: (err: Error) => void;
  timers: NodeJS.Timeout[];
}

interface CachedResponse {
  at: number;
  bytes: Buffer | null; // null while the handler has not answered yet
}

interface TcpState {
  socket: net.Socket;
  buffer: Buffer;
  /** Framing was lost: nothing more is read, the last answer is flushed, then the socket closes. */
  closing: boolean;
}

const T1 = 500;
const T2 = 4000;
const SERVER_CACHE_MS = 32_000;
const SERVER_CACHE_MAX = 4096;

/** A random RFC 3261 branch (the magic cookie marks it as globally unique). */
export function newBranch(): string {
  return `z9hG4bK${randomBytes(10).toString('hex')}`;
}

/** A random tag or Call-ID token. */
export function newToken(bytes = 8): string {
  return randomBytes(bytes).toString('hex');
}

/** A SIP endpoint on UDP and TCP, used by the registrar (server side) and the device client. */
export class SipTransport {
  private udp: dgram.Socket | null = null;
  private tcp: net.Server | null = null;
  private readonly connections = new Map<string, TcpState>();
  private readonly pending = new Map<string, ClientTransaction>();
  private readonly answered = new Map<string, CachedResponse>();
  private readonly limits: SipLimits;
  private closed = false;

  constructor(private readonly options: SipTransportOptions) {
    this.limits = options.limits ?? DEFAULT_SIP_LIMITS;
  }

  /** Binds the configured transports; resolves once both listen. */
  async start(): Promise<void> {
    const transports = this.options.transports ?? ['udp', 'tcp'];
    const family = net.isIPv6(this.options.host) ? 'udp6' : 'udp4';
    if (transports.includes('udp')) {
      const udp = dgram.createSocket({ type: family });
      udp.on('message', (data, rinfo) => this.onDatagram(data, { transport: 'udp', address: rinfo.address, port: rinfo.port }));
      udp.on('error', () => undefined);
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(this.options.udpPort ?? 5060, this.options.host, () => {
          udp.off('error', reject);
          resolve();
        });
      });
      try {
        udp.setRecvBufferSize(this.options.udpReceiveBufferBytes ?? 1024 * 1024);
      } catch {
        // The kernel's limit stands; bursts beyond it are dropped by the kernel, as UDP is.
      }
      this.udp = udp;
    }
    if (transports.includes('tcp')) {
      const tcp = net.createServer((socket) => this.onConnection(socket));
      tcp.maxConnections = this.options.maxTcpConnections ?? 1024;
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(this.options.tcpPort ?? 5060, this.options.host, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      this.tcp = tcp;
    }
  }

  /** The bound UDP port (0 when UDP is off). */
  get udpPort(): number {
    return this.udp ? this.udp.address().port : 0;
  }

  /** The bound TCP port (0 when TCP is off). */
  get tcpPort(): number {
    const addr = this.tcp?.address();
    return addr && typeof addr === 'object' ? addr.port : 0;
  }

  /** The address we listen on, for Via and Contact. */
  get host(): string {
    return this.options.host;
  }

  /** Our own Via for a request we send on a transport. */
  via(transport: SipTransportName, branch = newBranch()): string {
    const port = transport === 'udp' ? this.udpPort : this.tcpPort;
    return `SIP/2.0/${transport.toUpperCase()} ${this.host}:${port};rport;branch=${branch}`;
  }

  /** Closes the sockets and fails every request still waiting for an answer. */
  async close(): Promise<void> {
    this.closed = true;
    for (const [key, tx] of this.pending) {
      tx.timers.forEach(clearTimeout);
      tx.reject(new Error('transport closed'));
      this.pending.delete(key);
    }
    for (const state of this.connections.values()) state.socket.destroy();
    this.connections.clear();
    await Promise.all([
      this.udp ? new Promise<void>((resolve) => this.udp!.close(() => resolve())) : undefined,
      this.tcp ? new Promise<void>((resolve) => this.tcp!.close(() => resolve())) : undefined,
    ]);
  }

  /**
   * Sends a request and resolves with its final response (provisional ones are skipped).
   * Retransmits over UDP at T1, doubling up to T2 (RFC 3261 §17.1.2); fails after Timer F.
   */
  request(req: SipRequest, dest: SipPeer, timeoutMs = this.options.transactionTimeoutMs ?? 32_000): Promise<SipResponse> {
    const top = parseVia(getHeaderValues(req, 'Via')[0] ?? '');
    const branch = top?.params.get('branch');
    const cseq = parseCSeq(getHeader(req, 'CSeq'));
    if (!branch || !cseq) return Promise.reject(new Error('a request needs a Via branch and a CSeq'));
    const key = `${branch}|${cseq.method}`;
    const bytes = serializeSipMessage(req);
    return new Promise<SipResponse>((resolve, reject) => {
      const tx: ClientTransaction = { method: cseq.method, resolve, reject, timers: [] };
      this.pending.set(key, tx);
      const finish = () => {
        tx.timers.forEach(clearTimeout);
        this.pending.delete(key);
      };
      tx.resolve = (res) => {
        finish();
        resolve(res);
      };
      tx.reject = (err) => {
        finish();
        reject(err);
      };
      tx.timers.push(setTimeout(() => tx.reject(new Error(`no answer to ${cseq.method} within ${timeoutMs} ms`)), timeoutMs));
      this.sendBytes(bytes, dest).catch((err: Error) => tx.reject(err));
      if (dest.transport === 'udp') {
        let interval = T1;
        const again = () => {
          if (!this.pending.has(key)) return;
          this.sendBytes(bytes, dest).catch(() => undefined);
          interval = Math.min(interval * 2, T2);
          tx.timers.push(setTimeout(again, interval));
        };
        tx.timers.push(setTimeout(again, interval));
      }
    });
  }

  /** Sends a message once, without waiting for anything (ACK, or a response we route ourselves). */
  send(msg: SipRequest | SipResponse, dest: SipPeer): Promise<void> {
    return this.sendBytes(serializeSipMessage(msg), dest);
  }

  private async sendBytes(bytes: Buffer, dest: SipPeer): Promise<void> {
    if (this.closed) throw new Error('transport closed');
    if (dest.transport === 'udp') {
      if (!this.udp) throw new Error('UDP is not enabled');
      await new Promise<void>((resolve, reject) => this.udp!.send(bytes, dest.port, dest.address, (err) => (err ? reject(err) : resolve())));
      return;
    }
    const socket = await this.connectionTo(dest);
    await new Promise<void>((resolve, reject) => socket.write(bytes, (err) => (err ? reject(err) : resolve())));
  }

  private async connectionTo(dest: SipPeer): Promise<net.Socket> {
    const existing = this.connections.get(peerKey(dest));
    if (existing && !existing.socket.destroyed) return existing.socket;
    const socket = net.connect({ host: dest.address, port: dest.port });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    this.onConnection(socket);
    return socket;
  }

  private onConnection(socket: net.Socket): void {
    const peer: SipPeer = { transport: 'tcp', address: normalizeAddress(socket.remoteAddress ?? ''), port: socket.remotePort ?? 0 };
    if (this.connections.size >= (this.options.maxTcpConnections ?? 1024)) {
      this.options.onRefused?.(peer, 'too_many_connections', 'connection limit');
      socket.destroy();
      return;
    }
    const state: TcpState = { socket, buffer: Buffer.alloc(0), closing: false };
    const key = peerKey(peer);
    this.connections.set(key, state);
    socket.setTimeout(this.options.tcpIdleMs ?? 15 * 60_000, () => socket.destroy());
    socket.on('data', (chunk) => {
      if (state.closing) return;
      state.buffer = state.buffer.length ? Buffer.concat([state.buffer, chunk]) : chunk;
      this.drainStream(state, peer);
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      if (this.connections.get(key) === state) this.connections.delete(key);
    });
  }

  /** Cuts complete messages out of a TCP stream by Content-Length; a framing error closes the connection. */
  private drainStream(state: TcpState, peer: SipPeer): void {
    while (!state.closing) {
      let skip = 0;
      while (skip < state.buffer.length && (state.buffer[skip] === 0x0d || state.buffer[skip] === 0x0a)) skip++;
      if (skip) state.buffer = state.buffer.subarray(skip);
      if (state.buffer.length === 0) return;
      const end = findHeaderEnd(state.buffer);
      if (!end) {
        if (state.buffer.length > this.limits.maxMessageBytes) this.dropConnection(state, peer, 'too_large', 'header block too large');
        return;
      }
      const head = state.buffer.subarray(0, end.headerEnd).toString('latin1');
      const lengths = [...head.matchAll(/^(?:content-length|l)[ \t]*:[ \t]*([^\r\n]*?)[ \t]*\r?$/gim)].map((m) => m[1]!);
      if (lengths.length === 0 || !/^\d{1,9}$/.test(lengths[0]!) || new Set(lengths).size > 1) {
        // Without a usable Content-Length the stream cannot be framed: answer 400 if we can, then close.
        this.onMessageBytes(state.buffer.subarray(0, end.bodyStart), peer, true);
        this.dropConnection(state, peer, null, 'no usable Content-Length');
        return;
      }
      const total = end.bodyStart + Number(lengths[0]);
      if (total > this.limits.maxMessageBytes) {
        this.dropConnection(state, peer, 'too_large', `message of ${total} bytes`);
        return;
      }
      if (state.buffer.length < total) return;
      const message = state.buffer.subarray(0, total);
      state.buffer = state.buffer.subarray(total);
      this.onMessageBytes(Buffer.from(message), peer, true);
    }
  }

  private dropConnection(state: TcpState, peer: SipPeer, reason: SipRefusal | null, detail: string): void {
    if (reason) this.options.onRefused?.(peer, reason, detail);
    state.closing = true;
    state.buffer = Buffer.alloc(0);
    state.socket.end();
    setTimeout(() => state.socket.destroy(), 1000).unref();
  }

  private onDatagram(data: Buffer, source: SipPeer): void {
    // A bare CRLF keepalive (RFC 5626) is not a message.
    if (data.every((b) => b === 0x0d || b === 0x0a)) return;
    this.onMessageBytes(data, source, false);
  }

  private onMessageBytes(data: Buffer, source: SipPeer, stream: boolean): void {
    let msg;
    try {
      msg = parseSipMessage(data, this.limits, stream);
    } catch (err) {
      if (!(err instanceof SipParseError)) throw err;
      this.options.onRefused?.(source, err.code === 'too_large' ? 'too_large' : 'malformed', err.message);
      if (err.partial && err.partial.method !== 'ACK' && canAnswer(err.partial)) {
        const req: SipRequest = { kind: 'request', method: err.partial.method, uri: err.partial.uri, headers: err.partial.headers, body: Buffer.alloc(0) };
        this.stampVia(req, source);
        this.routeResponse(buildResponse(req, 400, [], undefined, newToken()), source);
      }
      return;
    }
    if (msg.kind === 'response') {
      const top = parseVia(getHeaderValues(msg, 'Via')[0] ?? '');
      const cseq = parseCSeq(getHeader(msg, 'CSeq'));
      const tx = top && cseq ? this.pending.get(`${top.params.get('branch')}|${cseq.method}`) : undefined;
      if (tx && msg.status >= 200) tx.resolve(msg);
      return;
    }
    const top = this.stampVia(msg, source);
    if (!top || !parseCSeq(getHeader(msg, 'CSeq')) || !getHeader(msg, 'Call-ID') || !getHeader(msg, 'From') || !getHeader(msg, 'To')) {
      this.options.onRefused?.(source, 'malformed', 'a request without Via, CSeq, Call-ID, From or To');
      if (top && canAnswer(msg)) this.routeResponse(buildResponse(msg, 400, [], undefined, newToken()), source);
      return;
    }
    if (msg.method === 'ACK') {
      this.options.onRequest({ request: msg, source, respond: () => undefined });
      return;
    }
    // A retransmission of a request we already answered gets the same answer again (RFC 3261 §17.2.2).
    const cacheKey = `${top.params.get('branch') ?? ''}|${msg.method}|${getHeader(msg, 'Call-ID')}|${getHeader(msg, 'CSeq')}|${peerKey(source)}`;
    const now = Date.now();
    const cached = this.answered.get(cacheKey);
    if (cached && now - cached.at < SERVER_CACHE_MS) {
      if (cached.bytes) this.routeBytes(cached.bytes, msg.headers, source);
      return;
    }
    this.remember(cacheKey, { at: now, bytes: null });
    let responded = false;
    const respond = (response: SipResponse) => {
      if (responded) return;
      responded = true;
      const bytes = serializeSipMessage(response);
      this.remember(cacheKey, { at: Date.now(), bytes });
      this.routeBytes(bytes, response.headers, source);
    };
    try {
      this.options.onRequest({ request: msg, source, respond });
    } catch {
      // A handler bug must not take the socket down with it: the peer gets a 500.
      if (!responded) respond(buildResponse(msg, 500, [], undefined, newToken()));
    }
  }

  private remember(key: string, entry: CachedResponse): void {
    this.answered.delete(key);
    this.answered.set(key, entry);
    if (this.answered.size <= SERVER_CACHE_MAX) return;
    const cutoff = Date.now() - SERVER_CACHE_MS;
    for (const [k, v] of this.answered) {
      if (this.answered.size <= SERVER_CACHE_MAX && v.at >= cutoff) break;
      this.answered.delete(k);
    }
  }

  /** Adds received= and fills rport on the top Via of a request we received (RFC 3261 §18.2.1, RFC 3581). */
  private stampVia(req: SipRequest, source: SipPeer): ReturnType<typeof parseVia> {
    const index = req.headers.findIndex((h) => h.name === 'Via');
    if (index < 0) return null;
    const values = getHeaderValues({ headers: [req.headers[index]!] }, 'Via');
    const top = parseVia(values[0] ?? '');
    if (!top) return null;
    if (top.host.replace(/^\[|\]$/g, '') !== source.address) top.params.set('received', source.address);
    if (top.params.has('rport')) top.params.set('rport', String(source.port));
    values[0] = formatVia(top);
    req.headers[index] = { name: 'Via', value: values.join(', ') };
    return top;
  }

  private routeResponse(res: SipResponse, source: SipPeer): void {
    this.routeBytes(serializeSipMessage(res), res.headers, source);
  }

  /**
   * Sends a response where its top Via says (RFC 3261 §18.2.2): back on the TCP connection it came
   * on while that is open, else to received (or sent-by) at rport (or the sent-by port, or 5060).
   */
  private routeBytes(bytes: Buffer, headers: SipHeader[], source: SipPeer): void {
    const top = parseVia(getHeaderValues({ headers }, 'Via')[0] ?? '');
    if (!top) return;
    if (source.transport === 'tcp') {
      const open = this.connections.get(peerKey(source));
      if (open && !open.socket.destroyed) {
        open.socket.write(bytes);
        return;
      }
    }
    const rport = top.params.get('rport');
    const dest: SipPeer = {
      transport: source.transport,
      address: top.params.get('received') ?? top.host.replace(/^\[|\]$/g, ''),
      port: rport ? Number(rport) : (top.port ?? 5060),
    };
    this.sendBytes(bytes, dest).catch(() => undefined);
  }
}

function peerKey(peer: SipPeer): string {
  return `${peer.transport}:${peer.address}:${peer.port}`;
}

function normalizeAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

/**
 * SIP messages (the RFC 3261 subset GB/T 28181 signalling needs): parse and serialize requests and
 * responses, read the headers the registrar and the device client use.
 *
 * Why our own: GridGov only speaks SIP to cameras, NVRs and lower platforms for registration,
 * keepalive and catalog; an npm SIP stack would be a large dependency for that. The parser is
 * tolerant where vendors are sloppy (LF-only line ends, header case, compact header names, folded
 * lines) and strict where a hostile peer could hurt us (bounded size, header count, Content-Length).
 * It never throws anything but {@link SipParseError}.
 */

/** The transports GB/T 28181 devices use for signalling. */
export type SipTransportName = 'udp' | 'tcp';

/** One header line as received or to be sent; the name is canonical for the headers we know. */
export interface SipHeader {
  name: string;
  value: string;
}

/** A SIP request: method, Request-URI, headers in order, body as raw bytes (its charset is the body's business). */
export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: SipHeader[];
  body: Buffer;
}

/** A SIP response. */
export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: SipHeader[];
  body: Buffer;
}

export type SipMessage = SipRequest | SipResponse;

/** Bounds on what a peer may send us; anything larger is refused before it is parsed further. */
export interface SipLimits {
  maxMessageBytes: number;
  maxHeaders: number;
}

/**
 * 64 KiB is the largest UDP datagram anyway; catalogs larger than that are split by the device
 * (SumNum) rather than sent as one message.
 */
export const DEFAULT_SIP_LIMITS: SipLimits = { maxMessageBytes: 65_535, maxHeaders: 80 };

/**
 * Why a message was refused. `partial` carries the request line and headers read so far, so the
 * caller can still answer 400 when Via, From, To, Call-ID and CSeq were readable.
 */
export class SipParseError extends Error {
  constructor(
    readonly code: 'too_large' | 'empty' | 'bad_start_line' | 'bad_header' | 'too_many_headers' | 'bad_content_length' | 'truncated',
    message: string,
    readonly partial?: { method: string; uri: string; headers: SipHeader[] },
  ) {
    super(message);
    this.name = 'SipParseError';
  }
}

// RFC 3261 §7.3.3 compact forms, and the canonical spelling of the headers we read or write.
const COMPACT: Record<string, string> = {
  i: 'Call-ID',
  m: 'Contact',
  e: 'Content-Encoding',
  l: 'Content-Length',
  c: 'Content-Type',
  f: 'From',
  s: 'Subject',
  k: 'Supported',
  t: 'To',
  v: 'Via',
  o: 'Event',
};
const CANONICAL = new Map(
  [
    'Via',
    'From',
    'To',
    'Call-ID',
    'CSeq',
    'Contact',
    'Content-Length',
    'Content-Type',
    'Content-Encoding',
    'Max-Forwards',
    'Expires',
    'Min-Expires',
    'WWW-Authenticate',
    'Authorization',
    'User-Agent',
    'Server',
    'Date',
    'Allow',
    'Event',
    'Subscription-State',
    'Supported',
    'Subject',
    'Route',
    'Record-Route',
    'X-GB-Ver',
  ].map((n) => [n.toLowerCase(), n]),
);

/** The canonical spelling of a header name: compact forms expanded, known names in their usual case. */
export function canonicalHeaderName(name: string): string {
  const lower = name.trim().toLowerCase();
  return COMPACT[lower] ?? CANONICAL.get(lower) ?? name.trim();
}

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;

/** Finds where the header block ends: CRLFCRLF, or LFLF from vendors that send bare LF. */
export function findHeaderEnd(buf: Buffer, from = 0): { headerEnd: number; bodyStart: number } | null {
  for (let i = from; i < buf.length - 1; i++) {
    if (buf[i] !== 0x0a) continue;
    if (buf[i + 1] === 0x0a) return { headerEnd: i, bodyStart: i + 2 };
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { headerEnd: i, bodyStart: i + 3 };
  }
  return null;
}

/**
 * Parses one SIP message from a datagram or a framed stream chunk. Over UDP a missing
 * Content-Length means "the rest of the datagram"; `requireContentLength` is for TCP framing.
 */
export function parseSipMessage(buf: Buffer, limits: SipLimits = DEFAULT_SIP_LIMITS, requireContentLength = false): SipMessage {
  if (buf.length > limits.maxMessageBytes) throw new SipParseError('too_large', `message of ${buf.length} bytes`);
  // Leading blank lines are keepalive noise some stacks send before a message (RFC 3261 §7.5).
  let start = 0;
  while (start < buf.length && (buf[start] === 0x0d || buf[start] === 0x0a)) start++;
  if (start >= buf.length) throw new SipParseError('empty', 'no message');
  const end = findHeaderEnd(buf, start);
  // A message with no body may end right after its last header line.
  const headerEnd = end ? end.headerEnd : buf.length;
  const bodyStart = end ? end.bodyStart : buf.length;
  const head = buf.subarray(start, headerEnd).toString('latin1');
  const lines = head.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  const startLine = lines.shift() ?? '';

  let request: { method: string; uri: string } | null = null;
  let response: { status: number; reason: string } | null = null;
  const startMatch = /^([^ ]+) ([^ ]+) (SIP\/2\.0)$/i.exec(startLine.trim());
  const responseMatch = /^SIP\/2\.0 ([1-6]\d\d)(?: (.*))?$/i.exec(startLine.trim());
  if (responseMatch) response = { status: Number(responseMatch[1]), reason: responseMatch[2] ?? '' };
  else if (startMatch && TOKEN.test(startMatch[1]!) && !hasControlOrSpace(startMatch[2]!)) request = { method: startMatch[1]!, uri: startMatch[2]! };
  else throw new SipParseError('bad_start_line', 'not a SIP start line');

  const headers: SipHeader[] = [];
  const partial = () => (request ? { method: request.method, uri: request.uri, headers } : undefined);
  for (const line of lines) {
    if (line.length === 0) continue;
    if (line[0] === ' ' || line[0] === '\t') {
      // A folded continuation line (RFC 3261 §7.3.1).
      const last = headers[headers.length - 1];
      if (!last) throw new SipParseError('bad_header', 'continuation without a header', partial());
      last.value = `${last.value} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon > 0 ? line.slice(0, colon).trim() : '';
    if (!name || !TOKEN.test(name)) throw new SipParseError('bad_header', 'a header line without a name', partial());
    if (headers.length >= limits.maxHeaders) throw new SipParseError('too_many_headers', `more than ${limits.maxHeaders} headers`, partial());
    headers.push({ name: canonicalHeaderName(name), value: line.slice(colon + 1).trim() });
  }

  const available = buf.length - bodyStart;
  const lengths = headers.filter((h) => h.name === 'Content-Length');
  let bodyLength = available;
  if (lengths.length > 1 && new Set(lengths.map((h) => h.value)).size > 1) throw new SipParseError('bad_content_length', 'conflicting Content-Length', partial());
  if (lengths[0]) {
    if (!/^\d{1,9}$/.test(lengths[0].value)) throw new SipParseError('bad_content_length', 'Content-Length is not a number', partial());
    bodyLength = Number(lengths[0].value);
    if (bodyLength > available) throw new SipParseError('truncated', `Content-Length ${bodyLength}, ${available} bytes present`, partial());
  } else if (requireContentLength) {
    throw new SipParseError('bad_content_length', 'Content-Length is required on a stream', partial());
  }
  // Bytes past Content-Length in a datagram are ignored (RFC 3261 §18.3).
  const body = Buffer.from(buf.subarray(bodyStart, bodyStart + bodyLength));
  if (response) return { kind: 'response', status: response.status, reason: response.reason, headers, body };
  return { kind: 'request', method: request!.method, uri: request!.uri, headers, body };
}

/** Serializes with CRLF line ends and a Content-Length that always matches the body. */
export function serializeSipMessage(msg: SipMessage): Buffer {
  const startLine = msg.kind === 'request' ? `${msg.method} ${msg.uri} SIP/2.0` : `SIP/2.0 ${msg.status} ${msg.reason}`;
  const lines = [startLine];
  for (const h of msg.headers) {
    if (h.name === 'Content-Length') continue;
    if (/[\r\n]/.test(h.name) || /[\r\n]/.test(h.value)) throw new Error(`header ${h.name} contains a line break`);
    lines.push(`${h.name}: ${h.value}`);
  }
  lines.push(`Content-Length: ${msg.body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), msg.body]);
}

/** The first value of a header (case-insensitive, compact forms included). */
export function getHeader(msg: { headers: SipHeader[] }, name: string): string | undefined {
  const want = canonicalHeaderName(name);
  return msg.headers.find((h) => h.name === want)?.value;
}

/** Splits a header value on commas outside quotes and angle brackets (multi-value Via, Contact). */
export function splitHeaderValues(value: string): string[] {
  const out: string[] = [];
  let depthAngle = 0;
  let quoted = false;
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (quoted) {
      current += ch;
      if (ch === '\\' && i + 1 < value.length) current += value[++i];
      else if (ch === '"') quoted = false;
      continue;
    }
    if (ch === '"') quoted = true;
    else if (ch === '<') depthAngle++;
    else if (ch === '>') depthAngle = Math.max(0, depthAngle - 1);
    else if (ch === ',' && depthAngle === 0) {
      if (current.trim()) out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Every value of a header, whether sent as several lines or comma-joined on one. */
export function getHeaderValues(msg: { headers: SipHeader[] }, name: string): string[] {
  const want = canonicalHeaderName(name);
  return msg.headers.filter((h) => h.name === want).flatMap((h) => splitHeaderValues(h.value));
}

/** A parsed Via value: `SIP/2.0/UDP host:port;branch=...;rport`. */
export interface Via {
  transport: string;
  host: string;
  port: number | undefined;
  params: Map<string, string | null>;
}

/** Reads one Via value; null when it is not one. */
export function parseVia(value: string): Via | null {
  const m = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+(\[[0-9A-Fa-f:.]+\]|[^\s;:]+)(?::(\d{1,5}))?\s*(.*)$/.exec(value.trim());
  if (!m) return null;
  const port = m[3] ? Number(m[3]) : undefined;
  if (port !== undefined && (port < 1 || port > 65535)) return null;
  return { transport: m[1]!.toUpperCase(), host: m[2]!, port, params: parseParams(m[4] ?? '') };
}

/** Writes a Via value back, parameters in their original order. */
export function formatVia(via: Via): string {
  const params = [...via.params].map(([k, v]) => (v === null ? `;${k}` : `;${k}=${v}`)).join('');
  return `SIP/2.0/${via.transport} ${via.host}${via.port ? `:${via.port}` : ''}${params}`;
}

function parseParams(text: string): Map<string, string | null> {
  const params = new Map<string, string | null>();
  for (const part of text.split(';')) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    if (eq < 0) params.set(p.toLowerCase(), null);
    else params.set(p.slice(0, eq).trim().toLowerCase(), p.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return params;
}

/** A From/To/Contact value: optional display name, the URI, its user part and header parameters (tag, expires). */
export interface NameAddr {
  display: string | undefined;
  uri: string;
  user: string | undefined;
  host: string | undefined;
  port: number | undefined;
  params: Map<string, string | null>;
}

/** Reads `"name" <sip:user@host:port;uri-params>;tag=x` or the bare `sip:user@host;tag=x` form. */
export function parseNameAddr(value: string): NameAddr | null {
  const v = value.trim();
  let display: string | undefined;
  let uri: string;
  let rest: string;
  const lt = v.indexOf('<');
  if (lt >= 0) {
    const gt = v.indexOf('>', lt);
    if (gt < 0) return null;
    display = v.slice(0, lt).trim().replace(/^"(.*)"$/, '$1') || undefined;
    uri = v.slice(lt + 1, gt).trim();
    rest = v.slice(gt + 1);
  } else {
    // Without brackets, parameters after the URI belong to the header, not the URI (RFC 3261 §20.10).
    const semi = v.indexOf(';');
    uri = semi < 0 ? v : v.slice(0, semi);
    rest = semi < 0 ? '' : v.slice(semi);
  }
  const parts = parseSipUri(uri);
  if (!parts && uri !== '*') return null;
  return { display, uri, user: parts?.user, host: parts?.host, port: parts?.port, params: parseParams(rest) };
}

/** The user, host and port of a `sip:` URI. */
export function parseSipUri(uri: string): { user: string | undefined; host: string; port: number | undefined } | null {
  const m = /^sips?:(?:([^@;?]+)@)?(\[[0-9A-Fa-f:.]+\]|[^:;?>]+)(?::(\d{1,5}))?/i.exec(uri.trim());
  if (!m) return null;
  const user = m[1] ? m[1].split(':')[0] : undefined;
  return { user, host: m[2]!, port: m[3] ? Number(m[3]) : undefined };
}

/** Reads `CSeq: 12 REGISTER`. */
export function parseCSeq(value: string | undefined): { seq: number; method: string } | null {
  const m = /^(\d{1,10})\s+([A-Za-z]+)$/.exec((value ?? '').trim());
  if (!m) return null;
  const seq = Number(m[1]);
  return seq <= 0xffffffff ? { seq, method: m[2]! } : null;
}

/** Reads the parameters of a `Digest k=v, k="v"` credential or challenge; null when the scheme is not Digest. */
export function parseDigestParams(value: string | undefined): Map<string, string> | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(value ?? '');
  if (!m) return null;
  const params = new Map<string, string>();
  const text = m[1]!;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
    const keyMatch = /^([A-Za-z0-9_-]+)\s*=\s*/.exec(text.slice(i));
    if (!keyMatch) break;
    i += keyMatch[0].length;
    let val = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        val += text[i];
        i++;
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',') val += text[i++];
      val = val.trim();
    }
    params.set(keyMatch[1]!.toLowerCase(), val);
  }
  return params;
}

const REASONS: Record<number, string> = {
  100: 'Trying',
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  415: 'Unsupported Media Type',
  423: 'Interval Too Brief',
  481: 'Call/Transaction Does Not Exist',
  500: 'Server Internal Error',
  503: 'Service Unavailable',
};

/**
 * Builds a response to a request (RFC 3261 §8.2.6): Via, From, Call-ID and CSeq copied, To given a
 * tag when it has none. Works on a partial request too, so malformed input can still get its 400.
 */
export function buildResponse(
  req: { headers: SipHeader[] },
  status: number,
  extra: SipHeader[] = [],
  body: Buffer = Buffer.alloc(0),
  toTag?: string,
): SipResponse {
  const headers: SipHeader[] = [];
  for (const h of req.headers) if (h.name === 'Via') headers.push({ ...h });
  for (const name of ['From', 'To', 'Call-ID', 'CSeq']) {
    const value = getHeader(req, name);
    if (value === undefined) continue;
    if (name === 'To' && status > 100 && toTag && !/;\s*tag=/i.test(value)) headers.push({ name, value: `${value};tag=${toTag}` });
    else headers.push({ name, value });
  }
  headers.push(...extra);
  return { kind: 'response', status, reason: REASONS[status] ?? 'Unknown', headers, body };
}

/** Whether a partial request carries what a response needs (so a 400 can be sent back). */
export function canAnswer(partial: { headers: SipHeader[] } | undefined): boolean {
  if (!partial) return false;
  return ['Via', 'From', 'To', 'Call-ID', 'CSeq'].every((n) => getHeader(partial, n) !== undefined) && parseVia(getHeaderValues(partial, 'Via')[0] ?? '') !== null;
}

function hasControlOrSpace(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) <= 0x20 || text.charCodeAt(i) === 0x7f) return true;
  return false;
}

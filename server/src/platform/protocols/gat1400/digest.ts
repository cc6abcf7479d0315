/**
 * HTTP Digest authentication (RFC 2617, MD5 and MD5-sess, qop=auth or none) for GA/T 1400
 * Register and UnRegister. Devices in the field send sloppy headers (quoted `qop` and `nc`, an
 * unterminated `opaque`, odd spacing, `digest` in lower case), so parsing is lenient. Replay is not:
 * every nonce is single-use and short-lived, so a captured Authorization header is worth nothing.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const md5hex = (text: string): string => createHash('md5').update(text, 'utf8').digest('hex');

/** HA1 = MD5(username:realm:password), what a credential store may keep instead of the password. */
export function digestHa1(username: string, realm: string, password: string): string {
  return md5hex(`${username}:${realm}:${password}`);
}

/** The inputs of a digest response. */
export interface DigestInput {
  /** HA1 of the user (MD5 algorithm); for MD5-sess it is turned into the session HA1 here. */
  ha1: string;
  method: string;
  uri: string;
  nonce: string;
  /** `auth`, or undefined for the RFC 2069 form without qop. */
  qop?: string;
  nc?: string;
  cnonce?: string;
  algorithm?: string;
}

/** The `response` value RFC 2617 §3.2.2.1 defines. */
export function digestResponse(input: DigestInput): string {
  const sess = input.algorithm?.toLowerCase() === 'md5-sess';
  const ha1 = sess ? md5hex(`${input.ha1}:${input.nonce}:${input.cnonce ?? ''}`) : input.ha1;
  const ha2 = md5hex(`${input.method}:${input.uri}`);
  return input.qop ? md5hex(`${ha1}:${input.nonce}:${input.nc ?? ''}:${input.cnonce ?? ''}:${input.qop}:${ha2}`) : md5hex(`${ha1}:${input.nonce}:${ha2}`);
}

/**
 * The parameters of a `Digest` header (Authorization or WWW-Authenticate), keys in lower case;
 * null when the scheme is not Digest. Lenient: quoted or bare values, spaces around `=` and `,`,
 * any case of the scheme, and a last quoted value that never closes.
 */
export function parseDigestHeader(header: string | undefined): Record<string, string> | null {
  if (!header) return null;
  const m = /^\s*digest\s+/i.exec(header);
  if (!m) return null;
  const out: Record<string, string> = {};
  const text = header.slice(m[0].length);
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /[\s,]/.test(text[i]!)) i++;
    const keyStart = i;
    while (i < text.length && !/[=\s,]/.test(text[i]!)) i++;
    const key = text.slice(keyStart, i).toLowerCase();
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (text[i] !== '=') {
      // A bare token with no value: skip it.
      while (i < text.length && text[i] !== ',') i++;
      continue;
    }
    i++;
    while (i < text.length && /\s/.test(text[i]!)) i++;
    let value = '';
    if (text[i] === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        value += text[i];
        i++;
      }
      i++; // the closing quote, if there is one
    } else {
      const start = i;
      while (i < text.length && text[i] !== ',') i++;
      value = text.slice(start, i).trim();
    }
    if (key && !(key in out)) out[key] = value;
  }
  return out;
}

/** A device's secret: the password, or HA1 for the platform's realm. */
export type DigestSecret = { password: string } | { ha1: string };

/** Where the server looks up a device's secret (the device registry implements it). */
export interface CredentialStore {
  /** The secret of a username (a device ID), or null when unknown or disabled. */
  secretOf(username: string): Promise<DigestSecret | null>;
}

/** What became of a nonce handed back by a client. */
export type NonceVerdict = 'fresh' | 'expired' | 'used' | 'unknown';

/**
 * Issued nonces. A nonce is fresh once: `consume` marks it used whatever the outcome, so the same
 * nonce (with the same or any other nc) never authenticates twice. A store must keep a used or
 * expired nonce for a while after its life ends, to tell "expired" (stale=true) from a replay.
 */
export interface NonceStore {
  issue(nonce: string, expiresAt: Date, now: Date): Promise<void>;
  consume(nonce: string, now: Date): Promise<NonceVerdict>;
}

/** The in-memory nonce store: one process, tests, the simulator. Forgets a nonce `keepMs` after it expires. */
export class MemoryNonceStore implements NonceStore {
  private readonly nonces = new Map<string, { expiresAt: number; used: boolean }>();
  private lastSweep = 0;
  constructor(
    private readonly keepMs = 10 * 60_000,
    private readonly maxNonces = 100_000,
  ) {}

  async issue(nonce: string, expiresAt: Date, now: Date): Promise<void> {
    this.sweep(now.getTime());
    // A flood of challenges must not grow memory without bound: the oldest go first.
    if (this.nonces.size >= this.maxNonces) this.nonces.delete(this.nonces.keys().next().value!);
    this.nonces.set(nonce, { expiresAt: expiresAt.getTime(), used: false });
  }

  async consume(nonce: string, now: Date): Promise<NonceVerdict> {
    this.sweep(now.getTime());
    const entry = this.nonces.get(nonce);
    if (!entry) return 'unknown';
    if (entry.used) return 'used';
    entry.used = true;
    return entry.expiresAt <= now.getTime() ? 'expired' : 'fresh';
  }

  get size(): number {
    return this.nonces.size;
  }

  private sweep(nowMs: number): void {
    if (Math.abs(nowMs - this.lastSweep) < 10_000) return;
    this.lastSweep = nowMs;
    for (const [nonce, entry] of this.nonces) if (entry.expiresAt + this.keepMs < nowMs) this.nonces.delete(nonce);
  }
}

/** Why a Digest attempt failed; `stale` when only the nonce's age was wrong. */
export type DigestFailure = 'missing' | 'malformed' | 'unknown-user' | 'wrong-response' | 'replayed' | 'expired' | 'wrong-realm' | 'wrong-uri';

export type DigestOutcome = { ok: true; username: string } | { ok: false; reason: DigestFailure; username: string | null };

export interface DigestServerOptions {
  realm: string;
  nonces: NonceStore;
  credentials: CredentialStore;
  /** How long a nonce lives; 30 s by default. */
  nonceTtlMs?: number;
  now: () => Date;
}

const safeEqual = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** The path (and query) of a request-URI, absolute or not, to compare the digest `uri` with the request. */
function pathOf(uri: string): string {
  try {
    const u = new URL(uri, 'http://x');
    return u.pathname + u.search;
  } catch {
    return uri;
  }
}

/** The server side: issues challenges and checks Authorization headers. */
export class DigestServer {
  readonly realm: string;
  private readonly ttl: number;
  constructor(private readonly options: DigestServerOptions) {
    this.realm = options.realm;
    this.ttl = options.nonceTtlMs ?? 30_000;
  }

  /** A WWW-Authenticate value with a new single-use nonce; `stale` tells a client its password was right. */
  async challenge(stale = false): Promise<string> {
    const nonce = randomBytes(16).toString('hex');
    const now = this.options.now();
    await this.options.nonces.issue(nonce, new Date(now.getTime() + this.ttl), now);
    const opaque = md5hex(this.realm);
    return `Digest realm="${this.realm}", qop="auth", nonce="${nonce}", opaque="${opaque}", algorithm=MD5${stale ? ', stale=true' : ''}`;
  }

  /** Checks an Authorization header against the request's method and URL. Consumes the nonce. */
  async verify(method: string, url: string, authorization: string | undefined): Promise<DigestOutcome> {
    if (!authorization) return { ok: false, reason: 'missing', username: null };
    const p = parseDigestHeader(authorization);
    const username = p?.username ?? null;
    if (!p || !p.username || !p.nonce || !p.uri || !p.response) return { ok: false, reason: 'malformed', username };
    const algorithm = p.algorithm ?? 'MD5';
    if (!/^md5(-sess)?$/i.test(algorithm)) return { ok: false, reason: 'malformed', username };
    const qop = p.qop?.trim().toLowerCase();
    if (qop !== undefined && qop !== 'auth') return { ok: false, reason: 'malformed', username };
    if (qop && (!p.nc || !/^[0-9a-f]{8}$/i.test(p.nc) || !p.cnonce)) return { ok: false, reason: 'malformed', username };
    if (p.realm !== undefined && p.realm !== this.realm) return { ok: false, reason: 'wrong-realm', username };
    if (pathOf(p.uri) !== pathOf(url)) return { ok: false, reason: 'wrong-uri', username };
    const verdict = await this.options.nonces.consume(p.nonce, this.options.now());
    if (verdict === 'used' || verdict === 'unknown') return { ok: false, reason: 'replayed', username };
    const secret = await this.options.credentials.secretOf(p.username);
    if (!secret) return { ok: false, reason: 'unknown-user', username };
    const ha1 = 'ha1' in secret ? secret.ha1.toLowerCase() : digestHa1(p.username, this.realm, secret.password);
    const expected = digestResponse({ ha1, method, uri: p.uri, nonce: p.nonce, qop, nc: p.nc, cnonce: p.cnonce, algorithm });
    if (!safeEqual(expected, p.response.toLowerCase())) return { ok: false, reason: 'wrong-response', username };
    // Only a right answer learns that the nonce was too old: a wrong one must not hint stale=true.
    if (verdict === 'expired') return { ok: false, reason: 'expired', username };
    return { ok: true, username: p.username };
  }
}

/** What a client needs to answer a challenge. */
export interface DigestAnswer {
  username: string;
  password: string;
  method: string;
  uri: string;
  /** The nonce count, 1 for the first use of a nonce. */
  nc?: number;
  /** The client nonce; random when not given. */
  cnonce?: string;
}

/** The Authorization header answering a WWW-Authenticate Digest challenge (qop=auth when offered, else RFC 2069). */
export function digestAuthorization(wwwAuthenticate: string, answer: DigestAnswer): string {
  const c = parseDigestHeader(wwwAuthenticate);
  if (!c || c.nonce === undefined || c.realm === undefined) throw new Error('not a Digest challenge with a realm and a nonce');
  const offered = (c.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
  const qop = offered.includes('auth') ? 'auth' : undefined;
  const algorithm = c.algorithm ?? 'MD5';
  const nc = (answer.nc ?? 1).toString(16).padStart(8, '0');
  const cnonce = answer.cnonce ?? randomBytes(8).toString('hex');
  const ha1 = digestHa1(answer.username, c.realm, answer.password);
  const response = digestResponse({ ha1, method: answer.method, uri: answer.uri, nonce: c.nonce, qop, nc, cnonce, algorithm });
  const parts = [`username="${answer.username}"`, `realm="${c.realm}"`, `nonce="${c.nonce}"`, `uri="${answer.uri}"`, `algorithm=${algorithm}`, `response="${response}"`];
  if (qop) parts.push(`qop=${qop}`, `nc=${nc}`, `cnonce="${cnonce}"`);
  if (c.opaque !== undefined) parts.push(`opaque="${c.opaque}"`);
  return `Digest ${parts.join(', ')}`;
}

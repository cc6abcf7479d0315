/**
 * RFC 2617 Digest (MD5 and MD5-sess, qop=auth or none), shared by the protocols that use it:
 * GA/T 1400 Register over HTTP and GB/T 28181 REGISTER over SIP. Devices in the field send
 * sloppy headers (quoted `qop` and `nc`, an unterminated `opaque`, odd spacing, `digest` in lower
 * case), so parsing is lenient; each protocol keeps its own nonces and replay rules.
 */
import { createHash } from 'node:crypto';

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

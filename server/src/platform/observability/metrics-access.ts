/**
 * Who may scrape /metrics: it is off unless configured, then it needs the bearer token
 * (GRIDGOV_METRICS_TOKEN) and/or a client address in the allow-list (GRIDGOV_METRICS_ALLOW).
 * When both are set, both must hold.
 */
import { BlockList, isIP } from 'node:net';
import { createHash, timingSafeEqual } from 'node:crypto';

export interface MetricsAccessConfig {
  metricsToken: string | null;
  metricsAllow: string[] | null;
}

/** GRIDGOV_METRICS_ALLOW: comma-separated addresses or CIDRs; empty: no allow-list. */
export function parseMetricsAllow(value: string | undefined): string[] | null {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter(Boolean);
  if (entries.length === 0) return null;
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const bitsOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (family === 0 || !bitsOk || extra !== undefined) throw new Error(`GRIDGOV_METRICS_ALLOW: '${entry}' is not an address or a CIDR`);
  }
  return entries;
}

/** GRIDGOV_METRICS_TOKEN: at least 16 characters, so it cannot be guessed. */
export function parseMetricsToken(value: string | undefined): string | null {
  if (!value) return null;
  if (value.length < 16) throw new Error('GRIDGOV_METRICS_TOKEN must be at least 16 characters (openssl rand -hex 24)');
  return value;
}

function blockListOf(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(bits), type);
  }
  return list;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export type MetricsDecision = 'allow' | 'off' | 'token' | 'address';

/** Decides a scrape: `off` (not configured), `token` (missing or wrong), `address` (not listed), or `allow`. */
export function metricsAccess(config: MetricsAccessConfig): (ip: string, authorization: string | undefined) => MetricsDecision {
  const allow = config.metricsAllow ? blockListOf(config.metricsAllow) : null;
  const expected = config.metricsToken ? digest(config.metricsToken) : null;
  return (ip, authorization) => {
    if (!allow && !expected) return 'off';
    if (allow) {
      const plain = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
      const type = isIP(plain) === 6 ? 'ipv6' : 'ipv4';
      if (!isIP(plain) || !allow.check(plain, type)) return 'address';
    }
    if (expected) {
      const given = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim() ?? '';
      if (!timingSafeEqual(digest(given), expected)) return 'token';
    }
    return 'allow';
  };
}

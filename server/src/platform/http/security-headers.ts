/**
 * Headers on every answer: a Content-Security-Policy for the console and the portal (one web
 * app, same origin as the API), HSTS when the cookie is Secure (served over HTTPS), and
 * `Cache-Control: no-store` on the API, whose answers carry personal data and must not stay in
 * a browser's or a proxy's cache.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';

/** API answers that hold nothing private and may be cached. */
const CACHEABLE_API = new Set(['/api/config/map']);

/** The origin of the map tile server, if one is configured: its tiles are images fetched by MapLibre. */
export function tileOrigin(tileUrl: string | null): string | null {
  if (!tileUrl) return null;
  try {
    // Templates hold {z}/{x}/{y} (and sometimes a {s} subdomain): the origin is what matters.
    const url = new URL(tileUrl.replace(/\{s\}\./, 'subdomain-wildcard.').replace(/\{[^}]*\}/g, '0'));
    return url.origin.replace('subdomain-wildcard.', '*.');
  } catch {
    return null;
  }
}

/**
 * The console and the portal: scripts only from this origin (no inline script, no eval);
 * styles inline too, because Ant Design writes its CSS at run time (CSS-in-JS) and MapLibre sets
 * style attributes; MapLibre's worker is a same-origin file (the CSP build), `blob:` kept for its
 * fallback; images from data: and blob: URLs (QR codes, downloaded files, map canvases) and the
 * tile server; nothing may frame the app.
 */
export function contentSecurityPolicy(config: Pick<Config, 'mapTileUrl'> & Partial<Pick<Config, 'mapLabelTileUrl'>>): string {
  const origins = new Set([tileOrigin(config.mapTileUrl), tileOrigin(config.mapLabelTileUrl ?? null)].filter((o): o is string => o !== null));
  const extra = [...origins].map((o) => ` ${o}`).join('');
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${extra}`,
    `connect-src 'self'${extra}`,
    "worker-src 'self' blob:",
    "child-src 'self' blob:",
    "font-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export function securityHeaders(config: Pick<Config, 'mapTileUrl' | 'mapLabelTileUrl' | 'secureCookies'>) {
  const csp = contentSecurityPolicy(config);
  return async function securityHeadersHook(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('x-frame-options', 'DENY');
    void reply.header('referrer-policy', 'same-origin');
    void reply.header('cross-origin-opener-policy', 'same-origin');
    void reply.header('permissions-policy', 'camera=(), microphone=(), payment=(), usb=()');
    if (config.secureCookies) void reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const path = request.url.split('?', 1)[0] ?? '';
    // The API documentation's pages set their own policy (@fastify/swagger-ui `staticCSP`).
    if (!path.startsWith('/docs/')) void reply.header('content-security-policy', csp);
    if ((path.startsWith('/api/') || path.startsWith('/open311/')) && !CACHEABLE_API.has(path)) void reply.header('cache-control', 'no-store');
  };
}

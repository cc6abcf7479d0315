/**
 * Where the resident portal lives in the hash routes, which of its pages anyone may open, and
 * where an account lands after signing in (residents: the portal, staff: the console).
 * Kept free of React and MapLibre so the shell can import it without loading the portal.
 */
import type { Me } from '@gridgov/contracts';

export const PORTAL_PATHS = {
  home: '/portal',
  report: '/portal/report',
  mine: '/portal/mine',
  track: '/portal/track',
  reserve: '/portal/reserve',
  declare: '/portal/declare',
  info: '/portal/info',
  enterprise: '/portal/enterprise',
  checkin: '/portal/checkin',
  identity: '/portal/identity',
  healthCode: '/portal/health-code',
} as const;

export function ticketPath(id: string): string {
  return `/portal/tickets/${encodeURIComponent(id)}`;
}

export function trackPath(token: string): string {
  return `${PORTAL_PATHS.track}/${encodeURIComponent(token)}`;
}

/** The short address a venue's QR code holds (`#/checkin/<code>`): the portal's check-in page for that venue. */
export const SHORT_CHECKIN_PREFIX = '/checkin/';

export function isPortalPath(path: string): boolean {
  return path === PORTAL_PATHS.home || path.startsWith(`${PORTAL_PATHS.home}/`);
}

/** The portal home, the report form (anonymous intake), the tracking pages, reserving supplies, declaring health and public information need no account; the check-in page opens to anyone (a scanned venue code) and asks to sign in. */
export function isPublicPortalPath(path: string): boolean {
  return (
    path === PORTAL_PATHS.home ||
    path === PORTAL_PATHS.report ||
    path === PORTAL_PATHS.track ||
    path === PORTAL_PATHS.reserve ||
    path === PORTAL_PATHS.declare ||
    path === PORTAL_PATHS.info ||
    path === PORTAL_PATHS.checkin ||
    path === PORTAL_PATHS.healthCode ||
    path.startsWith(`${PORTAL_PATHS.checkin}/`) ||
    path.startsWith(`${PORTAL_PATHS.track}/`)
  );
}

/** The first page after signing in: residents the portal, command-centre operators their dashboard. */
export function landingPath(me: Me): string {
  return me.role === 'resident' ? PORTAL_PATHS.home : me.role === 'operator' && me.permissions.includes('dashboard:read') ? '/dashboard' : '/';
}

/** The login page, coming back to `next` afterwards. */
export function loginPath(next: string): string {
  return `/login?next=${encodeURIComponent(next)}`;
}
